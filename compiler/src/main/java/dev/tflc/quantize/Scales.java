package dev.tflc.quantize;

import dev.tflc.ir.Quantization;
import dev.tflc.ops.FixedPoint;

/**
 * The converter's quantization parameters (TensorFlow Lite's post-training quantization): activations
 * asymmetric int8 over the calibrated range widened to hold 0, with the zero point nudged to an
 * integer; weights symmetric int8 in the narrow range [-127, 127]; values rounded half away from zero
 * after a division in double precision.
 */
final class Scales {
    static final int QMIN = -128;
    static final int QMAX = 127;
    static final int NARROW = 127;

    private Scales() {
    }

    /**
     * Asymmetric int8 parameters for {@code range}: scale (max - min) / 255 over the range widened to
     * include 0; zero point from whichever end gives the smaller error, rounded, clamped to int8. A
     * range that is only 0 gets scale 1 and zero point -128 (every value is the zero point).
     */
    static Quantization asymmetric(Range range) {
        double rmin = Math.min(range.min(), 0f);
        double rmax = Math.max(range.max(), 0f);
        if (rmax - rmin < Math.ulp(1.0)) {
            return Quantization.perTensor(1f, QMIN);
        }
        double scale = (rmax - rmin) / (QMAX - QMIN);
        double fromMin = QMIN - rmin / scale;
        double fromMinError = Math.abs((double) QMIN) + Math.abs(rmin / scale);
        double fromMax = QMAX - rmax / scale;
        double fromMaxError = Math.abs((double) QMAX) + Math.abs(rmax / scale);
        double zero = fromMinError < fromMaxError ? fromMin : fromMax;
        long nudged = zero < QMIN ? QMIN : zero > QMAX ? QMAX : Math.round(zero);
        return Quantization.perTensor((float) scale, nudged);
    }

    /** The symmetric scale of weights whose largest magnitude is {@code maxAbs} (1 for all-zero weights). */
    static double symmetric(double maxAbs) {
        return maxAbs == 0 ? 1.0 : maxAbs / NARROW;
    }

    /** The most a bias may hold, in steps of its scale: half the int32 range, as the converter allows. */
    static final int BIAS_MAX = Integer.MAX_VALUE / 2;

    /**
     * {@code weightScale}, or the larger scale at which a bias of magnitude {@code bias} is exactly
     * {@link #BIAS_MAX} steps of input scale times weight scale when it would otherwise be more.
     */
    static double fitBias(double weightScale, double bias, float inputScale) {
        return bias / (inputScale * weightScale) > BIAS_MAX ? bias / BIAS_MAX / inputScale : weightScale;
    }

    /** round(value / scale) + zero point, half away from zero, clamped to [min, max]. */
    static long quantize(double value, double scale, long zeroPoint, long min, long max) {
        long v = FixedPoint.roundHalfAwayFromZero(value / scale) + zeroPoint;
        return Math.min(Math.max(v, min), max);
    }
}
