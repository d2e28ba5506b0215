package dev.tflc.ops;

import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * LEAKY_RELU: x for x > 0, alpha * x otherwise. int8 and int16 as TensorFlow Lite Micro's reference
 * kernel (leaky_relu_common.cc, reference/leaky_relu.h): (x - input zero point) rescaled by one
 * multiplier where it is at least 0 and by alpha's where it is negative (a negative alpha's
 * magnitude, the product negated), plus the output zero point, clamped to the output type.
 */
public final class LeakyRelu implements OperatorKind {
    @Override
    public String name() {
        return "LEAKY_RELU";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Unary u = Elementwise.unary(node, TensorType.FLOAT32, TensorType.INT8, TensorType.INT16);
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
        Rescale rescale = new Rescale(Elementwise.zeroPoint(u.in()), Elementwise.zeroPoint(u.out()), identity,
                magnitude, negative);
        return u.in().type() == TensorType.INT16 ? new Int16(u.size(), rescale) : new Int8(u.size(), rescale);
    }

    /**
     * The integer arithmetic before the clamp; {@code alpha} holds the magnitude of alpha's
     * multiplier, {@code alphaNegative} its sign.
     */
    public record Rescale(int inputZeroPoint, int outputZeroPoint, FixedPoint.Multiplier identity,
            FixedPoint.Multiplier alpha, boolean alphaNegative) {
        /** The output for input {@code x}, not yet clamped. */
        int apply(int x) {
            int input = x - inputZeroPoint;
            int v = outputZeroPoint;
            if (input >= 0) {
                v += FixedPoint.multiplyByQuantizedMultiplier(input, identity);
            } else {
                int scaled = FixedPoint.multiplyByQuantizedMultiplier(input, alpha);
                v += alphaNegative ? -scaled : scaled;
            }
            return v;
        }
    }

    /** int8 leaky ReLU. */
    public record Int8(int size, Rescale rescale) implements Int8Map {
        @Override
        public int apply(int x) {
            return Math.min(Math.max(rescale.apply(x), -128), 127);
        }
    }

    /** int16 leaky ReLU (16-bit activations). */
    public record Int16(int size, Rescale rescale) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] in = inputs[0].ints();
            int[] out = outputs[0].ints();
            for (int i = 0; i < size; i++) {
                out[i] = Math.min(Math.max(rescale.apply(in[i]), Short.MIN_VALUE), Short.MAX_VALUE);
            }
        }

        @Override
        public long macs() {
            return 0;
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
