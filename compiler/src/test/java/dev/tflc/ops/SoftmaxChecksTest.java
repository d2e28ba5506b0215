package dev.tflc.ops;

import static dev.tflc.ops.ElementwiseChecksTest.assertRefused;

import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * int16 SOFTMAX refuses, with one located diagnostic, what TensorFlow Lite Micro's Prepare refuses
 * (an input zero point, an output quantized otherwise than scale 1/32768 and zero point 0, an output
 * of another type) and what its arithmetic cannot hold: an input scale times beta so large that the
 * rescaled differences overflow int32, and rows whose sum of exps overflows it.
 */
class SoftmaxChecksTest {
    private static final Quantization IN = Quantization.perTensor(1f / 4096, 0);
    private static final Quantization OUT = Quantization.perTensor(1f / 32768, 0);

    @Test
    void int16InputNeedsZeroPointZero() {
        assertRefused("operator 0 (SOFTMAX), tensor 'a': int16 softmax input must have zero point 0, has "
                + Quantization.perTensor(1f / 4096, 3), "SOFTMAX", Map.of(),
                int16("a", Quantization.perTensor(1f / 4096, 3)), int16("out", OUT));
    }

    @Test
    void int16OutputNeedsScaleOneOver32768AndZeroPointZero() {
        for (Quantization q : new Quantization[] {Quantization.perTensor(1f / 32768, 1),
            Quantization.perTensor(1f / 65536, 0), Quantization.perTensor(1f / 32768 * 1.002f, 0)}) {
            assertRefused("operator 0 (SOFTMAX), tensor 'out': int16 softmax output must have scale 1/32768 and zero "
                    + "point 0, has " + q, "SOFTMAX", Map.of(), int16("a", IN), int16("out", q));
        }
    }

    @Test
    void int16InputNeedsInt16Output() {
        Tensor out = new Tensor(0, "out", TensorType.INT8, Shape.of(4), Quantization.perTensor(1f / 256, -128),
                null, false);
        assertRefused("operator 0 (SOFTMAX), tensor 'out': type INT8 is not supported here (expected INT16)",
                "SOFTMAX", Map.of(), int16("a", IN), out);
    }

    @Test
    void int16RescalingMustFitInt32() {
        assertRefused("operator 0 (SOFTMAX), tensor 'a': input scale 8.0 times beta 1.0 is too large for int16 "
                + "softmax: the rescaled differences would overflow int32", "SOFTMAX", Map.of(),
                int16("a", Quantization.perTensor(8f, 0)), int16("out", OUT));
    }

    @Test
    void int16RowsMustKeepTheirSumOfExpsInInt32() {
        Tensor in = new Tensor(0, "a", TensorType.INT16, Shape.of(65539), IN, null, false);
        Tensor out = new Tensor(0, "out", TensorType.INT16, Shape.of(65539), OUT, null, false);
        assertRefused("operator 0 (SOFTMAX), tensor 'a': int16 softmax rows of 65539 are longer than 65538: their "
                + "sum of exps would overflow int32", "SOFTMAX", Map.of(), in, out);
    }

    private static Tensor int16(String name, Quantization q) {
        return new Tensor(0, name, TensorType.INT16, Shape.of(4), q, null, false);
    }
}
