package dev.tflc.ops;

import dev.tflc.ir.TensorType;

/**
 * RELU, RELU6 and RELU_N1_TO_1: clamping to [0, inf), [0, 6] and [-1, 1]. int8 as TensorFlow Lite
 * Micro's reference kernels (activations_common.cc, activations.h): RELU rescales the input to the
 * output's scale and clamps (ReluQuantized); RELU6 clamps the input's raw values at its quantized 0
 * and 6 (Relu6Quantized), which is right only when the output is quantized as the input, so tflc
 * requires that. TFLM has no RELU_N1_TO_1; tflc computes it as TFLM's RELU with the bounds -1 and 1,
 * which is what TensorFlow Lite's int8 kernel (QuantizedReluX) does.
 */
public final class Relu implements OperatorKind {
    private final Activation bounds;

    private Relu(Activation bounds) {
        this.bounds = bounds;
    }

    public static Relu relu() {
        return new Relu(Activation.RELU);
    }

    public static Relu relu6() {
        return new Relu(Activation.RELU6);
    }

    public static Relu reluN1To1() {
        return new Relu(Activation.RELU_N1_TO_1);
    }

    @Override
    public String name() {
        return bounds.name();
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Unary u = Elementwise.unary(node, TensorType.FLOAT32, TensorType.INT8);
        if (u.isFloat()) {
            return switch (bounds) {
                case RELU -> new Float32(u.size(), 0f, Float.POSITIVE_INFINITY);
                case RELU6 -> new Float32(u.size(), 0f, 6f);
                default -> new Float32(u.size(), -1f, 1f);
            };
        }
        if (bounds == Activation.RELU6) {
            node.expectSameQuantization(u.in(), u.out());
            return new Clamp(u.size(), bounds.quantizedRange(u.in()));
        }
        // The ratio of scales in float, as TFLM divides them.
        FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(Elementwise.scale(u.in()) / Elementwise.scale(u.out()));
        return new Requantize(u.size(), Elementwise.zeroPoint(u.in()), m, Elementwise.zeroPoint(u.out()),
                bounds.quantizedRange(u.out()));
    }

    /** int8 RELU and RELU_N1_TO_1: (x - input zero point) rescaled, plus the output zero point, clamped to range. */
    public record Requantize(int size, int inputZeroPoint, FixedPoint.Multiplier multiplier, int outputZeroPoint,
            int[] range) implements Int8Map {
        @Override
        public int apply(int x) {
            int v = outputZeroPoint + FixedPoint.multiplyByQuantizedMultiplier(x - inputZeroPoint, multiplier);
            return Math.min(Math.max(v, range[0]), range[1]);
        }
    }

    /** int8 RELU6: x clamped to range (the input's quantized 0 and 6). */
    public record Clamp(int size, int[] range) implements Int8Map {
        @Override
        public int apply(int x) {
            return x > range[1] ? range[1] : x < range[0] ? range[0] : x;
        }
    }

    /** float32: {@code x > upper ? upper : x < lower ? lower : x} (upper infinite for RELU), as TFLM's loops. */
    public record Float32(int size, float lower, float upper) implements Float32Map {
        @Override
        public float apply(float x) {
            return x > upper ? upper : x < lower ? lower : x;
        }
    }
}
