package dev.tflc.ops;

/**
 * TensorFlow Lite Micro's interpolated int16 lookup tables (kernels/internal/common.h, LUTPopulate
 * for int16_t and LUTLookup): 513 samples of a function over the int16 input range, each corrected
 * by half the error of linear interpolation at the middle of its interval, computed in float as TFLM
 * computes them; a lookup interpolates between the two samples around the input's top nine bits.
 */
public final class Int16Lut {
    /** Entries of a table: 512 intervals and the end of the last one. */
    public static final int SIZE = 513;

    private Int16Lut() {
    }

    /** A float function sampled by {@link #populate}. */
    @FunctionalInterface
    public interface FloatFunction {
        float apply(float x);
    }

    /**
     * LUTPopulate&lt;int16_t&gt;: {@code f} sampled over the inputs of scale {@code inputScale} and zero
     * point {@code inputZeroPoint}, the results at scale {@code outputScale}, zero point
     * {@code outputZeroPoint}; every step in float.
     */
    public static int[] populate(float inputScale, int inputZeroPoint, float outputScale, int outputZeroPoint,
            FloatFunction f) {
        float inputMin = inputScale * (Short.MIN_VALUE - inputZeroPoint);
        float inputMax = inputScale * (Short.MAX_VALUE - inputZeroPoint);
        float outputMin = outputScale * (Short.MIN_VALUE - outputZeroPoint);
        float outputMax = outputScale * (Short.MAX_VALUE - outputZeroPoint);
        int steps = SIZE - 1;
        float step = (inputMax - inputMin) / steps;
        float halfStep = step / 2;
        float scalingInv = (float) (Short.MAX_VALUE - Short.MIN_VALUE + 1) / (outputMax - outputMin);
        int[] lut = new int[SIZE];
        for (int i = 0; i < steps; i++) {
            float val = f.apply(inputMin + i * step);
            float valMidpoint = f.apply(inputMin + i * step + halfStep);
            float valNext = f.apply(inputMin + (i + 1) * step);
            float sample = round(val * scalingInv);
            float midpointInterpolated = round((valNext * scalingInv + round(val * scalingInv)) / 2);
            float midpoint = round(valMidpoint * scalingInv);
            float bias = round((midpointInterpolated - midpoint) / 2);
            lut[i] = clamp(sample - bias);
        }
        lut[steps] = clamp(round(f.apply(inputMax) * scalingInv));
        return lut;
    }

    /**
     * LUTLookup for int16: the sample at the top nine bits of {@code value} (offset by 256), plus the
     * slope to the next sample times the low seven bits, rounded (halves up).
     */
    public static int lookup(int value, int[] lut) {
        int index = 256 + (value >> 7);
        int offset = value & 0x7f;
        int base = lut[index];
        int slope = lut[index + 1] - lut[index];
        int delta = (slope * offset + 64) >> 7;
        return (short) (base + delta);
    }

    /** The int16 nearest to {@code v}, as TFLM's std::min / std::max in float and the cast. */
    private static int clamp(float v) {
        return (int) Math.min(Math.max(v, (float) Short.MIN_VALUE), (float) Short.MAX_VALUE);
    }

    private static float round(float v) {
        return FixedPoint.roundHalfAwayFromZero(v);
    }
}
