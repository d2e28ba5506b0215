package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import java.util.function.IntUnaryOperator;

/**
 * An int8 input read as a gemmlowp Q4.27 fixed-point number, as TensorFlow Lite Micro's int8
 * LOGISTIC and TANH derive it in Prepare (logistic_common.cc, tanh.cc): the scale times 2^27 split by
 * frexp into a multiplier and a left shift, and the input radius beyond which the function is
 * saturated (CalculateInputRadius(4, left_shift, 31)).
 */
public record Q4Input(int zeroPoint, int radius, int multiplier, int leftShift) {
    private static final int INTEGER_BITS = 4;

    /**
     * The rescaling of the int8 input of {@code u}, after checking that its output is quantized with
     * the scale 1/{@code outputScaleDivisor} and the zero point the kernel writes; a located error
     * where the output differs or where TFLM's arithmetic is undefined.
     */
    static Q4Input of(Node node, Elementwise.Unary u, int outputScaleDivisor, int outputZeroPoint) {
        Tensor out = u.out();
        if (Elementwise.zeroPoint(out) != outputZeroPoint || Elementwise.scale(out) != 1f / outputScaleDivisor) {
            throw node.error(out, "int8 " + node.op().kind() + " needs output scale 1/" + outputScaleDivisor
                    + " and zero point " + outputZeroPoint + ", not " + out.quantization());
        }
        Tensor in = u.in();
        double real = (double) in.quantization().scale() * (1 << (31 - INTEGER_BITS));
        int shift = Math.getExponent(real) + 1; // frexp: real = q * 2^shift, q in [0.5, 1)
        double q = real / Math.scalb(1.0, shift);
        if (shift < 0) {
            throw node.error(in, "scale " + in.quantization().scale() + " is below 2^-28, where TFLM's int8 "
                    + node.op().kind() + " is undefined");
        }
        long multiplier = FixedPoint.roundHalfAwayFromZero(q * (1L << 31));
        if (multiplier > Integer.MAX_VALUE) {
            throw new ArithmeticException("input multiplier of scale " + in.quantization().scale() + " overflows");
        }
        double radius = Math.floor((double) ((1 << INTEGER_BITS) - 1) * (1L << (31 - INTEGER_BITS))
                / Math.scalb(1.0, shift));
        return new Q4Input((int) in.quantization().zeroPoint(), (int) radius, (int) multiplier, shift);
    }

    /**
     * The int8 output for input {@code x}: -128 at or below minus the radius, 127 at or above it,
     * else {@code function} (Q4.27 in, Q0.31 out) of x as Q4.27, divided by 2^{@code rightShift} with
     * rounding, plus {@code outputZeroPoint}, clamped to int8.
     */
    int apply(int x, IntUnaryOperator function, int rightShift, int outputZeroPoint) {
        int input = x - zeroPoint;
        if (input <= -radius) {
            return -128;
        }
        if (input >= radius) {
            return 127;
        }
        int q0 = function.applyAsInt(FixedPoint.multiplyByQuantizedMultiplier(input, multiplier, leftShift));
        return Math.min(Math.max(FixedPoint.roundingDivideByPOT(q0, rightShift) + outputZeroPoint, -128), 127);
    }
}
