package dev.tflc.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Tensor;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.TfliteOracle;
import dev.tflc.tflite.ModelReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * int16 SOFTMAX on random models (RandomModels.softmaxInt16). The reference equals TFLM's
 * SoftmaxInt16 written out here another way: TFLM's own tables (from tflm-softmax-int16.txt, not the
 * reference's), the input multiplier's frexp and rounding in exact decimal arithmetic, every rounding
 * of the rows as a floor division in long. TensorFlow Lite 2.6.2 is held within one step only: its 1/(1 + x) table differs
 * from TFLM's (TFLM builds it in float; the same recipe in double, as TensorFlow Lite builds it,
 * differs in entries 160 and 294 by one), and in 200 random cases it differed once, by one step.
 */
class SoftmaxInt16Properties {
    private static final int[] EXP_LUT = table("EXP_LUT");
    private static final int[] ONE_OVER_ONE_PLUS_X_LUT = table("ONE_OVER_ONE_PLUS_X_LUT");

    @Property(tries = 100)
    void int16ReferenceIsTflmArithmeticAndNearTflite(@ForAll("softmaxInt16") Case c) {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        byte[] ours = Interpreter.run(g, c.inputs()).get(0);
        Tensor in = g.inputTensors().get(0);
        int depth = in.shape().fromEnd(1);
        float beta = g.operators().get(0).options().getFloat("beta", 1f);
        short[] x = shorts(c.inputs().get(0));
        assertArrayEquals(softmax(x, depth, in.quantization().scale(), beta), shorts(ours), c.description());
        byte[] tflite = TfliteOracle.run(c.model(), c.inputs()).get(0);
        int diff = Outputs.maxInt16Difference(tflite, ours);
        assertTrue(diff <= 1, c.description() + ": differs from TensorFlow Lite by " + diff + " steps");
    }

    @Provide
    Arbitrary<Case> softmaxInt16() {
        return RandomModels.softmaxInt16();
    }

    /** TFLM's int16 softmax of rows of {@code depth}. */
    private static short[] softmax(short[] x, int depth, float scale, float beta) {
        // QuantizeMultiplier of TFLM's double expression: its frexp and rounding in exact decimal arithmetic.
        BigDecimal real = new BigDecimal((double) scale * (double) beta / (10.0 / 65535.0));
        int shift = 0;
        while (real.compareTo(BigDecimal.ONE) >= 0) {
            real = real.divide(BigDecimal.valueOf(2));
            shift++;
        }
        while (real.compareTo(new BigDecimal("0.5")) < 0) {
            real = real.multiply(BigDecimal.valueOf(2));
            shift--;
        }
        long multiplier = real.multiply(BigDecimal.valueOf(1L << 31)).setScale(0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
        if (multiplier == 1L << 31) {
            multiplier /= 2;
            shift++;
        }
        if (shift < -31) {
            multiplier = 0;
            shift = 0;
        }
        short[] y = new short[x.length];
        for (int base = 0; base < x.length; base += depth) {
            int max = Short.MIN_VALUE;
            for (int c = 0; c < depth; c++) {
                max = Math.max(max, x[base + c]);
            }
            long[] exps = new long[depth];
            long sum = 0;
            for (int c = 0; c < depth; c++) {
                long diff = (long) (x[base + c] - max) << Math.max(shift, 0);
                long product = diff * multiplier;
                // the doubling high multiply rounds halves up; the right shift, halves away from zero
                long high = Math.floorDiv(product + (1L << 30), 1L << 31);
                int right = Math.max(-shift, 0);
                long scaled = Long.signum(high) * Math.floorDiv(Math.abs(high) + (right == 0 ? 0 : 1L << (right - 1)),
                        1L << right);
                exps[c] = lookup(scaled + 32767, EXP_LUT);
                sum += exps[c];
            }
            int bits = 64 - Long.numberOfLeadingZeros(sum); // sum < 2^bits
            // normalised so that its top bit is bit 30, then to Q1.16 with rounding (halves up)
            long shifted = Math.floorDiv((sum << (31 - bits)) + (1L << 13), 1L << 14);
            long reciprocal = lookup(shifted - 98304, ONE_OVER_ONE_PLUS_X_LUT);
            int right = bits - 1;
            for (int c = 0; c < depth; c++) {
                long v = Math.floorDiv(exps[c] * reciprocal + (1L << (right - 1)), 1L << right);
                y[base + c] = (short) Math.min(Math.max(v, 0), 32767);
            }
        }
        return y;
    }

    /** TFLM's LUTLookup of {@code v} saturated to int16: 512 intervals of 128, linear between the ends. */
    private static long lookup(long v, int[] lut) {
        long s = Math.min(Math.max(v, -32768), 32767) + 32768; // 0 .. 65535
        int interval = (int) (s / 128);
        long within = s % 128;
        return lut[interval] + Math.floorDiv((lut[interval + 1] - lut[interval]) * within + 64, 128);
    }

    private static short[] shorts(byte[] bytes) {
        ShortBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        short[] s = new short[b.remaining()];
        b.get(s);
        return s;
    }

    private static int[] table(String name) {
        try {
            return TflmSoftmaxInt16VectorsTest.tflmTable(name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
