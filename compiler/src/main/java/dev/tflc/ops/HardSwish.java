package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;

/**
 * HARD_SWISH: x * relu6(x + 3) / 6. int8 as TensorFlow Lite Micro's reference kernel
 * (hard_swish_common.cc, reference/hard_swish.h), in its 16-bit fixed point: the input on a
 * "high-resolution" scale (input scale / 128), a "relu-ish" factor in [0, 1] from it, their product
 * rescaled to the output. Float as reference/hard_swish.h.
 */
public final class HardSwish implements OperatorKind {
    @Override
    public String name() {
        return "HARD_SWISH";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Unary u = Elementwise.unary(node, TensorType.FLOAT32, TensorType.INT8);
        if (u.isFloat()) {
            return new Float32(u.size());
        }
        Tensor in = u.in();
        Tensor out = u.out();
        // In float, as TFLM computes them.
        float hiresInputScale = (1.0f / 128.0f) * Elementwise.scale(in);
        float reluishScale = 3.0f / 32768.0f;
        FixedPoint.Multiplier output = FixedPoint.quantizeMultiplier(hiresInputScale / Elementwise.scale(out));
        FixedPoint.Multiplier reluish = FixedPoint.quantizeMultiplier(hiresInputScale / reluishScale);
        if (output.shift() > 0) {
            throw node.error(out, "scale " + Elementwise.scale(out) + " is too small for the input's scale "
                    + Elementwise.scale(in) + " (TFLM's int8 HARD_SWISH needs an output scale above the input's "
                    + "/ 128)");
        }
        if (reluish.shift() > 31) {
            throw node.error(in, "scale " + Elementwise.scale(in)
                    + " is out of the range TFLM's int8 HARD_SWISH handles");
        }
        return new Int8(u.size(), Elementwise.zeroPoint(in), Elementwise.zeroPoint(out),
                downScaleToInt16(reluish.multiplier()), reluish.shift(), downScaleToInt16(output.multiplier()),
                output.shift());
    }

    /** TFLite's DownScaleInt32ToInt16Multiplier: the top 16 bits, rounded, saturating at 32767. */
    static short downScaleToInt16(int multiplier) {
        if (multiplier >= Integer.MAX_VALUE - (1 << 15)) {
            return Short.MAX_VALUE;
        }
        return (short) ((multiplier + (1 << 15)) >> 16);
    }

    /** int8 hard swish: TFLM's 16-bit fixed-point arithmetic per input value (Java's short casts wrap as TFLM's). */
    public record Int8(int size, int inputZeroPoint, int outputZeroPoint, short reluishMultiplier, int reluishExponent,
            short outputMultiplier, int outputExponent) implements Int8Map {
        @Override
        public int apply(int x) {
            short inputValue = (short) (x - inputZeroPoint);
            short hires = (short) (inputValue * (1 << 7));
            short preshiftOutput = srdhm16(hires, outputMultiplier);
            short reluish = hires;
            if (reluishExponent > 0) {
                reluish = saturatingLeftShift16(reluish, reluishExponent - 1);
            }
            reluish = srdhm16(reluish, reluishMultiplier);
            if (reluishExponent > 0) {
                reluish = saturatingLeftShift16(reluish, 1);
            }
            if (reluishExponent < 0) {
                reluish = roundingDivideByPOT16(reluish, -reluishExponent);
            }
            reluish = (short) ((reluish + (1 << 15)) >> 1); // [-1, 1] to [0, 1]
            short preshiftOutputValue = doublingHighMul16(reluish, preshiftOutput);
            short outputValue = roundingDivideByPOT16(preshiftOutputValue, -outputExponent);
            outputValue = (short) (outputValue + outputZeroPoint);
            return Math.min(Math.max(outputValue, -128), 127);
        }

        /** gemmlowp SaturatingRoundingDoublingHighMul for int16. */
        static short srdhm16(short a, short b) {
            if (a == b && a == Short.MIN_VALUE) {
                return Short.MAX_VALUE;
            }
            int ab = a * b;
            int nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
            return (short) ((ab + nudge) / (1 << 15));
        }

        /** TFLite's SaturatingDoublingHighMul for int16: as above but truncating toward zero. */
        static short doublingHighMul16(short a, short b) {
            if (a == b && a == Short.MIN_VALUE) {
                return Short.MAX_VALUE;
            }
            return (short) ((a * b) / (1 << 15));
        }

        /** TFLite's SaturatingLeftShift for int16. */
        static short saturatingLeftShift16(short value, int amount) {
            long result = (long) value * (1L << amount);
            return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, result));
        }

        /** gemmlowp RoundingDivideByPOT on int16, its mask and threshold held in int16 as there. */
        static short roundingDivideByPOT16(short x, int exponent) {
            short mask = (short) ((1L << exponent) - 1);
            short remainder = (short) (x & mask);
            short threshold = (short) ((mask >> 1) + (x < 0 ? 1 : 0));
            return (short) ((x >> exponent) + (remainder > threshold ? 1 : 0));
        }
    }

    /** float32 hard swish: x * min(6, max(0, x + 3)) / 6 with C++'s std::min and std::max. */
    public record Float32(int size) implements Float32Map {
        @Override
        public float apply(float x) {
            return x * Elementwise.stdMin(6.0f, Elementwise.stdMax(0.0f, x + 3)) / 6;
        }
    }
}
