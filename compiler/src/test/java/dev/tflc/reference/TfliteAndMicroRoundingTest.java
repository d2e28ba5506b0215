package dev.tflc.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Model;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.ops.FixedPoint;
import dev.tflc.tflite.ModelWriter;
import dev.tflc.testing.TfliteOracle;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where TensorFlow Lite and TensorFlow Lite Micro differ, the reference follows Lite Micro. An int8
 * FULLY_CONNECTED whose accumulator times the multiplier lies near a .5 tie: TFLM rounds twice (a
 * rounding doubling high multiply, then a rounding right shift), TFLite 2.6 once. The expected values
 * are computed here independently with exact integers.
 */
class TfliteAndMicroRoundingTest {
    /** TFLM: round(acc * m / 2^31) half away from zero, then round(/ 2^-shift) half away from zero. */
    static long twoRoundings(long acc, long m, int shift) {
        BigInteger p = BigInteger.valueOf(acc).multiply(BigInteger.valueOf(m));
        long high = roundHalfAway(p, 31).longValue();
        return roundHalfAway(BigInteger.valueOf(high), -shift).longValue();
    }

    /** TFLite's single rounding: round(acc * m / 2^(31 - shift)), halves up. */
    static long oneRounding(long acc, long m, int shift) {
        BigInteger p = BigInteger.valueOf(acc).multiply(BigInteger.valueOf(m));
        return p.add(BigInteger.ONE.shiftLeft(30 - shift)).shiftRight(31 - shift).longValue();
    }

    private static BigInteger roundHalfAway(BigInteger x, int bits) {
        if (bits == 0) {
            return x;
        }
        BigInteger half = BigInteger.ONE.shiftLeft(bits - 1);
        BigInteger abs = x.abs().add(half).shiftRight(bits);
        return x.signum() < 0 ? abs.negate() : abs;
    }

    @Test
    void fullyConnectedFollowsTfliteMicrosDoubleRounding() {
        float inScale = 0.5f;
        float wScale = 0.25f;
        for (int k = 1; k < 20000; k++) {
            float outScale = 0.125f + k * 1.37e-5f;
            FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier((double) (inScale * wScale) / outScale);
            for (int x = -128; x <= 127; x++) {
                long acc = 127L * x;
                long micro = twoRoundings(acc, m.multiplier(), m.shift());
                long lite = oneRounding(acc, m.multiplier(), m.shift());
                if (micro != lite && Math.abs(micro) < 100) {
                    Model model = fullyConnected(inScale, wScale, outScale);
                    byte[] bytes = ModelWriter.write(model);
                    List<byte[]> in = List.of(new byte[] {(byte) x});
                    byte ours = Interpreter.run(model.main(), in).get(0)[0];
                    byte theirs = TfliteOracle.run(bytes, in).get(0)[0];
                    assertEquals(micro, ours, "the reference rounds twice, as TFLM");
                    assertEquals(lite, theirs, "TFLite rounds once");
                    assertNotEquals(ours, theirs);
                    return;
                }
            }
        }
        assertTrue(false, "no case found where the two roundings differ");
    }

    /** x[1,1] int8 -> FULLY_CONNECTED with one weight 127, no bias -> y[1,1] int8, zero points 0. */
    private static Model fullyConnected(float inScale, float wScale, float outScale) {
        Tensor x = new Tensor(0, "x", TensorType.INT8, Shape.of(1, 1), Quantization.perTensor(inScale, 0), null, false);
        Tensor w = new Tensor(1, "w", TensorType.INT8, Shape.of(1, 1), Quantization.perTensor(wScale, 0),
                new byte[] {127}, false);
        Tensor b = new Tensor(2, "b", TensorType.INT32, Shape.of(1), Quantization.perTensor(inScale * wScale, 0),
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0).array(), false);
        Tensor y = new Tensor(3, "y", TensorType.INT8, Shape.of(1, 1), Quantization.perTensor(outScale, 0), null, false);
        Operator fc = new Operator(0, "FULLY_CONNECTED", 1, List.of(0, 1, 2), List.of(3),
                new Options("FullyConnectedOptions", Map.of("fusedActivationFunction", 0, "keepNumDims", false,
                        "weightsFormat", 0, "asymmetricQuantizeInputs", false)));
        Graph g = new Graph("fc", List.of(x, w, b, y), List.of(fc), List.of(0), List.of(3));
        return new Model(List.of(g), "rounding case");
    }
}
