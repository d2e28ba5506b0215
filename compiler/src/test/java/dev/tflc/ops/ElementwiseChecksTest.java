package dev.tflc.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The element-wise operators refuse, with one located diagnostic, what TensorFlow Lite Micro cannot
 * run or would compute wrongly: int8 NEG (TFLM has none), int8 RELU6, MAXIMUM and MINIMUM whose
 * tensors differ in quantization (TFLM compares and clamps stored values without rescaling),
 * LOGISTIC and TANH outputs quantized otherwise than TFLM's kernels write them, scales whose
 * multipliers TFLM's arithmetic cannot hold, shapes that do not broadcast, int16 MUL with a zero
 * point other than 0, int16 LOGISTIC and TANH quantized otherwise than TFLM's kernels need, and int16
 * and int8 tensors mixed in one operator.
 */
class ElementwiseChecksTest {
    private static final Quantization Q = Quantization.perTensor(0.05f, 3);

    @Test
    void int8NegIsRefusedForWantOfATflmKernel() {
        assertRefused("operator 0 (NEG), tensor 'a': int8 NEG is not supported: TensorFlow Lite Micro has no int8 "
                + "NEG kernel to be bit-exact with", "NEG", Map.of(), int8("a", Q), int8("out", Q));
    }

    @Test
    void int8Relu6NeedsItsOutputQuantizedAsItsInput() {
        assertRefused("operator 0 (RELU6), tensor 'out': quantization (scale 0.1, zero point 3) differs from input's "
                + "(scale 0.05, zero point 3)", "RELU6", Map.of(), int8("a", Q),
                int8("out", Quantization.perTensor(0.1f, 3)));
    }

    @Test
    void int8MaximumAndMinimumNeedOneQuantization() {
        Quantization other = Quantization.perTensor(0.05f, 4);
        assertRefused("operator 0 (MAXIMUM), tensor 'b': quantization (scale 0.05, zero point 4) differs from "
                + "input's (scale 0.05, zero point 3)", "MAXIMUM", Map.of(), int8("a", Q), int8("b", other),
                int8("out", Q));
        assertRefused("operator 0 (MINIMUM), tensor 'out': quantization (scale 0.05, zero point 4) differs from "
                + "input's (scale 0.05, zero point 3)", "MINIMUM", Map.of(), int8("a", Q), int8("b", Q),
                int8("out", other));
    }

    @Test
    void int8LogisticAndTanhNeedTheOutputQuantizationTflmWrites() {
        assertRefused("operator 0 (LOGISTIC), tensor 'out': int8 LOGISTIC needs output scale 1/256 and zero point "
                + "-128, not scale 0.00390625, zero point 0", "LOGISTIC", Map.of(), int8("a", Q),
                int8("out", Quantization.perTensor(1f / 256, 0)));
        assertRefused("operator 0 (TANH), tensor 'out': int8 TANH needs output scale 1/128 and zero point 0, not "
                + "scale 0.05, zero point 3", "TANH", Map.of(), int8("a", Q), int8("out", Q));
    }

    @Test
    void scalesBeyondTflmsArithmeticAreRefused() {
        assertRefused("operator 0 (HARD_SWISH), tensor 'out': scale 1.0E-4 is too small for the input's scale 0.05 "
                + "(TFLM's int8 HARD_SWISH needs an output scale above the input's / 128)", "HARD_SWISH", Map.of(),
                int8("a", Q), int8("out", Quantization.perTensor(1e-4f, 0)));
        assertRefused("operator 0 (MUL), tensor 'out': scale 1.0E-9 is too small for the inputs' scales (the product "
                + "would overflow 32 bits)", "MUL", Map.of(), int8("a", Q), int8("b", Q),
                int8("out", Quantization.perTensor(1e-9f, 0)));
        assertRefused("operator 0 (SUB), tensor 'out': output scale is too small for the inputs' scales", "SUB",
                Map.of(), int8("a", Q), int8("b", Q), int8("out", Quantization.perTensor(1e-9f, 0)));
        assertRefused("operator 0 (LOGISTIC), tensor 'a': scale 1.0E-10 is below 2^-28, where TFLM's int8 LOGISTIC "
                + "is undefined", "LOGISTIC", Map.of(), int8("a", Quantization.perTensor(1e-10f, 0)),
                int8("out", Quantization.perTensor(1f / 256, -128)));
    }

    @Test
    void binaryOperatorsNeedShapesThatBroadcast() {
        Tensor a = new Tensor(0, "a", TensorType.FLOAT32, Shape.of(2, 3), null, null, false);
        Tensor b = new Tensor(1, "b", TensorType.FLOAT32, Shape.of(4), null, null, false);
        Tensor out = new Tensor(2, "out", TensorType.FLOAT32, Shape.of(2, 3), null, null, false);
        assertRefused("operator 0 (MUL): input shapes 2x3 and 4 do not broadcast", "MUL", Map.of(), a, b, out);
    }

    @Test
    void int16MulNeedsZeroPointsZeroAndTypesAreNotMixed() {
        Quantization symmetric = Quantization.perTensor(1e-3f, 0);
        assertRefused("operator 0 (MUL), tensor 'b': int16 zero point 3 is not 0", "MUL", Map.of(),
                int16("a", symmetric), int16("b", Quantization.perTensor(1e-3f, 3)), int16("out", symmetric));
        assertRefused("operator 0 (MUL), tensor 'out': scale 1.0E-9 is too small for the inputs' scales (the "
                + "product would overflow 32 bits)", "MUL", Map.of(), int16("a", symmetric), int16("b", symmetric),
                int16("out", Quantization.perTensor(1e-9f, 0)));
        assertRefused("operator 0 (ADD), tensor 'b': type INT8 is not supported here (expected INT16)", "ADD",
                Map.of(), int16("a", symmetric), int8("b", Q), int16("out", symmetric));
        assertRefused("operator 0 (SUB), tensor 'out': type INT8 is not supported here (expected INT16)", "SUB",
                Map.of(), int16("a", symmetric), int16("b", symmetric), int8("out", Q));
    }

    @Test
    void int16LogisticAndTanhNeedTflmsQuantization() {
        Quantization in = Quantization.perTensor(3e-4f, 0);
        Quantization out = Quantization.perTensor(1f / 32768, 0);
        for (String kind : List.of("LOGISTIC", "TANH")) {
            assertRefused("operator 0 (" + kind + "), tensor 'a': int16 " + kind + " needs input zero point 0, not 5",
                    kind, Map.of(), int16("a", Quantization.perTensor(3e-4f, 5)), int16("out", out));
            assertRefused("operator 0 (" + kind + "), tensor 'out': int16 " + kind + " needs output scale 2^-15 and "
                    + "zero point 0, not scale 6.1035156E-5, zero point 0", kind, Map.of(), int16("a", in),
                    int16("out", Quantization.perTensor(1f / 16384, 0)));
            assertRefused("operator 0 (" + kind + "), tensor 'a': int16 " + kind + " takes input scales up to 2.666 "
                    + "(TFLM's int16 multiplier is at most 32767), not 3.0", kind, Map.of(),
                    int16("a", Quantization.perTensor(3f, 0)), int16("out", out));
            assertRefused("operator 0 (" + kind + "), tensor 'a': input scale 1.0E-20 is too small for the int16 "
                    + "multiplier of TFLM's int16 " + kind, kind, Map.of(), int16("a", Quantization.perTensor(1e-20f, 0)),
                    int16("out", out));
        }
    }

    /** Prepares one operator on {@code tensors} (inputs, then the output last) and checks the diagnostic. */
    static void assertRefused(String diagnostic, String kind, Map<String, Object> options, Tensor... tensors) {
        List<Tensor> indexed = new ArrayList<>();
        for (int i = 0; i < tensors.length; i++) {
            Tensor t = tensors[i];
            indexed.add(new Tensor(i, t.name(), t.type(), t.shape(), t.quantization(), null, false));
        }
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < tensors.length - 1; i++) {
            inputs.add(i);
        }
        int output = tensors.length - 1;
        Operator op = new Operator(0, kind, 1, inputs, List.of(output), new Options(kind + "Options", options));
        Graph g = new Graph("checks", indexed, List.of(op), inputs, List.of(output));
        IrException e = assertThrows(IrException.class, () -> Operators.prepare(g));
        assertEquals(diagnostic, e.diagnostic());
    }

    static Tensor int8(String name, Quantization q) {
        return new Tensor(0, name, TensorType.INT8, Shape.of(4), q, null, false);
    }

    private static Tensor int16(String name, Quantization q) {
        return new Tensor(0, name, TensorType.INT16, Shape.of(4), q, null, false);
    }
}
