package dev.tflc.ops;

import dev.tflc.ir.TensorType;

/**
 * ABS. int8 as TensorFlow Lite Micro's reference kernel (elementwise.cc): |x - input zero point|,
 * rescaled to the output's scale when the two scales differ, plus the output zero point, clamped to
 * int8. Float: |x|.
 */
public final class Abs implements OperatorKind {
    @Override
    public String name() {
        return "ABS";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Unary u = Elementwise.unary(node, TensorType.FLOAT32, TensorType.INT8);
        if (u.isFloat()) {
            return new Float32(u.size());
        }
        float inScale = Elementwise.scale(u.in());
        float outScale = Elementwise.scale(u.out());
        FixedPoint.Multiplier rescale = inScale == outScale ? null : FixedPoint.quantizeMultiplier(inScale / outScale);
        return new Int8(u.size(), Elementwise.zeroPoint(u.in()), rescale, Elementwise.zeroPoint(u.out()));
    }

    /** int8 absolute value; {@code rescale} is null when input and output scales are equal. */
    public record Int8(int size, int inputZeroPoint, FixedPoint.Multiplier rescale, int outputZeroPoint)
            implements Int8Map {
        @Override
        public int apply(int x) {
            int value = Math.abs(x - inputZeroPoint);
            int v = rescale == null ? value : FixedPoint.multiplyByQuantizedMultiplier(value, rescale);
            return Math.min(Math.max(v + outputZeroPoint, -128), 127);
        }
    }

    /** float32 absolute value. */
    public record Float32(int size) implements Float32Map {
        @Override
        public float apply(float x) {
            return Math.abs(x);
        }
    }
}
