package dev.tflc.ops;

import static dev.tflc.ops.ElementwiseChecksTest.assertRefused;
import static dev.tflc.ops.ElementwiseChecksTest.int8;

import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DIV, EXP, LOG, SQRT, ARG_MAX, ARG_MIN and the resizes refuse, with one located diagnostic, what
 * TensorFlow Lite Micro has no kernel for or what its arithmetic cannot hold: int8 EXP, LOG and SQRT,
 * an int8 DIV output scale so small that the final shift would turn left, an int16 ARG_MAX output, and
 * a resize size that is not a constant.
 */
class MathOpsChecksTest {
    private static final Quantization Q = Quantization.perTensor(0.05f, 3);

    @Test
    void int8ExpLogAndSqrtAreRefusedForWantOfATflmKernel() {
        for (String kind : new String[] {"EXP", "LOG", "SQRT"}) {
            assertRefused("operator 0 (" + kind + "), tensor 'a': INT8 " + kind + " is not supported: TensorFlow Lite "
                    + "Micro's " + kind + " kernel is float32 only", kind, Map.of(), int8("a", Q), int8("out", Q));
        }
    }

    @Test
    void int8DivOutputScaleMustKeepTheShiftRight() {
        assertRefused("operator 0 (DIV), tensor 'out': scale 1.0E-9 is too small for the inputs' scales", "DIV",
                Map.of(), int8("a", Q), int8("b", Q), int8("out", Quantization.perTensor(1e-9f, 0)));
    }

    @Test
    void argMaxWritesInt32OrInt64Only() {
        Tensor axis = new Tensor(0, "axis", TensorType.INT32, Shape.of(1), null, null, false);
        Tensor out = new Tensor(0, "out", TensorType.INT16, Shape.of(), null, null, false);
        assertRefused("operator 0 (ARG_MAX), tensor 'out': output type INT16 is not supported: ARG_MAX writes "
                + "int32 or int64 indices", "ARG_MAX", Map.of(), int8("a", Q), axis, out);
    }

    @Test
    void resizeSizeMustBeConstant() {
        Tensor in = new Tensor(0, "in", TensorType.FLOAT32, Shape.of(1, 2, 2, 1), null, null, false);
        Tensor size = new Tensor(0, "size", TensorType.INT32, Shape.of(2), null, null, false);
        Tensor out = new Tensor(0, "out", TensorType.FLOAT32, Shape.of(1, 4, 4, 1), null, null, false);
        assertRefused("operator 0 (RESIZE_BILINEAR), tensor 'size': size must be constant (TFLM reads it when it "
                + "prepares the operator)", "RESIZE_BILINEAR", Map.of(), in, size, out);
    }
}
