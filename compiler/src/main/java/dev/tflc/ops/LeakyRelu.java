package dev.tflc.ops;

import dev.tflc.ir.TensorType;

/**
 * LEAKY_RELU: x for x > 0, alpha * x otherwise. int8 as TensorFlow Lite Micro's reference kernel
 * (leaky_relu_common.cc, reference/leaky_relu.h): (x - input zero point) rescaled by one multiplier
 * where it is at least 0 and by alpha's where it is negative (a negative alpha's magnitude, the
 * product negated), plus the output zero point, clamped to int8.
 */
public final class LeakyRelu implements OperatorKind {
    @Override
    public String name() {
        return "LEAKY_RELU";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Unary u = Elementwise.unary(node, TensorType.FLOAT32, TensorType.INT8);
        float alpha = node.options().getFloat("alpha", 0f);
        if (!Float.isFinite(alpha)) {
            throw node.error("alpha " + alpha + " is not finite");
        }
        if (u.isFloat()) {
            return new Float32(u.size(), alpha);
        }
        // In float, as TFLM computes both ratios.
        float inScale = Elementwise.scale(u.in());
        float outScale = Elementwise.scale(u.out());
        FixedPoint.Multiplier identity = FixedPoint.quantizeMultiplier(inScale / outScale);
        FixedPoint.Multiplier scaledAlpha = FixedPoint.quantizeMultiplier(inScale * alpha / outScale);
        boolean negative = scaledAlpha.multiplier() < 0;
        FixedPoint.Multiplier magnitude = negative
                ? new FixedPoint.Multiplier(-scaledAlpha.multiplier(), scaledAlpha.shift())
                : scaledAlpha;
        return new Int8(u.size(), Elementwise.zeroPoint(u.in()), Elementwise.zeroPoint(u.out()), identity, magnitude,
                negative);
    }

    /** int8 leaky ReLU; {@code alpha} holds the magnitude of alpha's multiplier, {@code alphaNegative} its sign. */
    public record Int8(int size, int inputZeroPoint, int outputZeroPoint, FixedPoint.Multiplier identity,
            FixedPoint.Multiplier alpha, boolean alphaNegative) implements Int8Map {
        @Override
        public int apply(int x) {
            int input = x - inputZeroPoint;
            int v = outputZeroPoint;
            if (input >= 0) {
                v += FixedPoint.multiplyByQuantizedMultiplier(input, identity);
            } else {
                int scaled = FixedPoint.multiplyByQuantizedMultiplier(input, alpha);
                v += alphaNegative ? -scaled : scaled;
            }
            return Math.min(Math.max(v, -128), 127);
        }
    }

    /** float32 leaky ReLU: {@code x > 0 ? x : x * alpha}. */
    public record Float32(int size, float alpha) implements Float32Map {
        @Override
        public float apply(float x) {
            return x > 0 ? x : x * alpha;
        }
    }
}
