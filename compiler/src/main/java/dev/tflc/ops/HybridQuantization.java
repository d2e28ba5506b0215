package dev.tflc.ops;

/**
 * The run-time input quantization of TensorFlow Lite's hybrid kernels (float activations, int8
 * weights): each batch of the input to int8, with its own scale (and zero point when asymmetric).
 */
final class HybridQuantization {
    private HybridQuantization() {
    }

    /** One quantized batch: its scale and zero point. */
    record Row(float scale, int zeroPoint) {
    }

    /** A whole input quantized batch by batch: the int8 values and each batch's scale and zero point. */
    record Batches(int[] values, Row[] rows) {
    }

    /**
     * {@code x} quantized in {@code batches} equal runs, each asymmetrically or symmetrically (zero
     * point 0).
     */
    static Batches batches(float[] x, int batches, boolean asymmetric) {
        int perBatch = x.length / batches;
        int[] q = new int[x.length];
        Row[] rows = new Row[batches];
        for (int b = 0; b < batches; b++) {
            rows[b] = asymmetric ? asymmetric(x, b * perBatch, perBatch, q)
                    : new Row(symmetric(x, b * perBatch, perBatch, q), 0);
        }
        return new Batches(q, rows);
    }

    /**
     * TensorFlow Lite's SymmetricQuantizeFloats over {@code size} values from {@code from}: writes the
     * int8 values (in [-127, 127]) into {@code q} and returns the scale, max|x| / 127 (1 when all are 0).
     */
    static float symmetric(float[] x, int from, int size, int[] q) {
        float range = 0f;
        for (int i = from; i < from + size; i++) {
            range = Math.max(range, Math.abs(x[i]));
        }
        if (range == 0f) {
            java.util.Arrays.fill(q, from, from + size, 0);
            return 1f;
        }
        float inverse = 127f / range;
        for (int i = from; i < from + size; i++) {
            float r = FixedPoint.roundHalfAwayFromZero(x[i] * inverse);
            q[i] = (int) Math.max(-127f, Math.min(127f, r));
        }
        return range / 127f;
    }

    /**
     * TensorFlow Lite's AsymmetricQuantizeFloats over {@code size} values from {@code from}: the range
     * [min(0, min x), max(0, max x)] in double, scale (max - min) / 255, the zero point from whichever
     * end gives the smaller error, nudged into [-128, 127] by rounding half away from zero; each value
     * round(zero point + x * (float) (1 / scale)), the sum in float, clamped to [-128, 127]. Scale 1
     * and zero point 0 when the range is empty (all values 0).
     */
    static Row asymmetric(float[] x, int from, int size, int[] q) {
        float min = x[from];
        float max = x[from];
        for (int i = from + 1; i < from + size; i++) {
            min = Math.min(min, x[i]);
            max = Math.max(max, x[i]);
        }
        double rmin = Math.min(0.0, min);
        double rmax = Math.max(0.0, max);
        if (rmin == rmax) {
            java.util.Arrays.fill(q, from, from + size, 0);
            return new Row(1f, 0);
        }
        double scale = (rmax - rmin) / 255.0;
        double fromMin = -128.0 - rmin / scale;
        double fromMax = 127.0 - rmax / scale;
        double errorMin = 128.0 + Math.abs(rmin / scale);
        double errorMax = 127.0 + Math.abs(rmax / scale);
        double zeroPointDouble = errorMin < errorMax ? fromMin : fromMax;
        int zeroPoint;
        if (zeroPointDouble <= -128.0) {
            zeroPoint = -128;
        } else if (zeroPointDouble >= 127.0) {
            zeroPoint = 127;
        } else {
            zeroPoint = (int) FixedPoint.roundHalfAwayFromZero(zeroPointDouble);
        }
        float scaleFloat = (float) scale;
        float inverse = (float) (1.0 / scaleFloat);
        for (int i = from; i < from + size; i++) {
            int v = (int) FixedPoint.roundHalfAwayFromZero(zeroPoint + inverse * x[i]);
            q[i] = Math.min(127, Math.max(-128, v));
        }
        return new Row(scaleFloat, zeroPoint);
    }
}
