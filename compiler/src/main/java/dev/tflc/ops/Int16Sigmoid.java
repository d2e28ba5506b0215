package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;

/**
 * int16 LOGISTIC and TANH as TensorFlow Lite Micro computes them (logistic_common.cc, tanh.cc,
 * reference/integer_ops/logistic.h and tanh.h): the input rescaled to steps of 1/(3 * 4096) (an
 * int16 multiplier and a right shift; a power-of-two scale that needs no shift takes the multiplier 3),
 * then a linear interpolation in one table of the sigmoid over [0, 10.67], used for tanh through
 * tanh(x) = 2 sigmoid(2x) - 1 and for negative inputs through sigmoid(-x) = 1 - sigmoid(x). Zero
 * points 0, output scale 2^-15. The kernel of both operators.
 */
public record Int16Sigmoid(int size, Function function, Rescale rescale) implements Kernel {
    /** Entries of the table: 255 intervals of 1/24 and the end of the last one. */
    public static final int TABLE_SIZE = 256;

    private static final int[] TABLE = table();

    /**
     * TFLM's table of the sigmoid: entry i stands for sigmoid(i / 24) in unsigned Q0.16. Each entry is
     * the sample lifted by half the sag of a chord at its middle, -sigmoid''(x) h^2 / 16 with h = 1/24,
     * so that the interpolation's error swings evenly about zero (the sigmoid is concave above 0), and
     * rounded; the last is 2^16 - 1, the saturated value, where the last interval ends. Held here as
     * the excess over 2^15 (every entry is at least sigmoid(0) = 1/2), which fits int16.
     */
    private static int[] table() {
        double h = 1.0 / 24;
        int[] excess = new int[TABLE_SIZE];
        for (int i = 0; i < TABLE_SIZE - 1; i++) {
            double s = 1 / (1 + Math.exp(-i * h));
            double second = s * (1 - s) * (1 - 2 * s);
            excess[i] = (int) Math.round(65536 * (s - second * h * h / 16)) - 32768;
        }
        excess[TABLE_SIZE - 1] = 65535 - 32768;
        return excess;
    }

    /** The table's entries less 2^15, in [0, 32767]: what the generated C holds. */
    public static int[] tableExcess() {
        return TABLE.clone();
    }

    /** Whether the operator is LOGISTIC or TANH. */
    public enum Function {
        LOGISTIC, TANH
    }

    /**
     * The input's rescaling, from TFLM's Prepare: {@code multiplier} (at most 32767) and
     * {@code leftShift}, the right shift applied to the product with rounding. TFLM's multiplier 0 for
     * a power-of-two scale is already turned into 3 &lt;&lt; shift here, as its kernel turns it.
     */
    public record Rescale(int multiplier, int rightShift) {
        /** The input in steps of 1/(3 * 4096), as the kernel rounds it. */
        int apply(int x) {
            int round = rightShift > 0 ? 1 << (rightShift - 1) : 0;
            return (x * multiplier + round) >> rightShift;
        }
    }

    /**
     * Checks an int16 LOGISTIC or TANH (zero points 0, output scale 2^-15) and derives the rescaling of
     * its input as TFLM's Prepare does.
     */
    static Int16Sigmoid of(Node node, Elementwise.Unary u, Function f) {
        return new Int16Sigmoid(u.size(), f, rescale(node, u, f));
    }

    private static Rescale rescale(Node node, Elementwise.Unary u, Function f) {
        Tensor in = u.in();
        Tensor out = u.out();
        String what = "int16 " + node.op().kind();
        if (Elementwise.zeroPoint(in) != 0) {
            throw node.error(in, what + " needs input zero point 0, not " + Elementwise.zeroPoint(in));
        }
        Integer outLog2 = FixedPoint.checkedLog2(Elementwise.scale(out));
        if (Elementwise.zeroPoint(out) != 0 || outLog2 == null || outLog2 != -15) {
            throw node.error(out, what + " needs output scale 2^-15 and zero point 0, not " + out.quantization());
        }
        float scale = Elementwise.scale(in);
        Integer log2 = FixedPoint.checkedLog2(scale);
        // Input integer bits 3: a scale of 2^-12 needs no shift (TANH also takes 2^-11, shifted once).
        if (log2 != null) {
            int shift = 12 + log2;
            if (shift == 0 || (f == Function.TANH && shift == 1)) {
                return new Rescale(3 << shift, 0);
            }
        }
        double multiplier = (double) scale * 4096.0 * 3.0;
        int shift = 0;
        while (multiplier <= 32767.0 / 2.0 && shift <= 30) {
            shift++;
            multiplier *= 2.0;
        }
        if (multiplier > 32767) {
            throw node.error(in, what + " takes input scales up to 2.666 (TFLM's int16 multiplier is at most 32767), "
                    + "not " + scale);
        }
        if ((int) multiplier == 0) {
            throw node.error(in, "input scale " + scale + " is too small for the int16 multiplier of TFLM's " + what);
        }
        return new Rescale((int) multiplier, shift);
    }

    /** The output for input {@code x}: TFLM's int16 logistic or tanh (output scale 2^-15). */
    public int apply(int x) {
        return apply(function, rescale, x);
    }

    /** TFLM's int16 logistic or tanh of {@code x} rescaled by {@code rescale} (output scale 2^-15). */
    static int apply(Function function, Rescale rescale, int x) {
        boolean tanh = function == Function.TANH;
        int input = rescale.apply(x);
        long magnitude = Math.abs(input);
        // tanh reads the table at twice the step: eight fractional bits, not nine
        int bits = tanh ? 8 : 9;
        long interval = magnitude >> bits;
        long result;
        if (interval >= 255) {
            result = tanh ? 0xFFFFL << 8 : 0x7FFFL << 10; // saturated
        } else {
            long a = TABLE[(int) interval] + 32768L;
            long b = TABLE[(int) interval + 1] + 32768L;
            result = (a << bits) + (magnitude & ((1 << bits) - 1)) * (b - a);
        }
        if (tanh) {
            result = input >= 0 ? result - (1 << 23) + (1 << 7) : -result + (1 << 23) + (1 << 7) - 1;
            return (short) (result >> 8);
        }
        result = input >= 0 ? result + (1 << 9) : (1L << 25) - result + (1 << 9) - 1;
        return (short) (result >> 10);
    }

    @Override
    public void run(TensorData[] inputs, TensorData[] outputs) {
        int[] in = inputs[0].ints();
        int[] out = outputs[0].ints();
        for (int i = 0; i < size; i++) {
            out[i] = apply(in[i]);
        }
    }

    @Override
    public long macs() {
        return 0;
    }
}
