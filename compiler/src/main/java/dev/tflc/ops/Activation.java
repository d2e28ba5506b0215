package dev.tflc.ops;

import dev.tflc.ir.Tensor;

/** A fused activation, as the schema's ActivationFunctionType codes it. */
public enum Activation {
    NONE, RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT;

    public static Activation of(Node node) {
        int code = node.options().getInt("fusedActivationFunction", 0);
        if (code < 0 || code >= values().length) {
            throw node.error("unknown fused activation code " + code);
        }
        Activation a = values()[code];
        if (a == TANH || a == SIGN_BIT) {
            throw node.error("fused activation " + a + " is not supported");
        }
        return a;
    }

    /** Integer clamp bounds on the output, as CalculateActivationRangeQuantized derives them. */
    public int[] quantizedRange(Tensor output) {
        int qmin = (int) output.type().min();
        int qmax = (int) output.type().max();
        float scale = output.quantization().scale();
        int zp = (int) output.quantization().zeroPoint();
        return switch (this) {
            case RELU -> new int[] {Math.max(qmin, quantize(scale, zp, 0f)), qmax};
            case RELU6 -> new int[] {Math.max(qmin, quantize(scale, zp, 0f)), Math.min(qmax, quantize(scale, zp, 6f))};
            case RELU_N1_TO_1 -> new int[] {Math.max(qmin, quantize(scale, zp, -1f)),
                Math.min(qmax, quantize(scale, zp, 1f))};
            default -> new int[] {qmin, qmax};
        };
    }

    private static int quantize(float scale, int zeroPoint, float f) {
        float q = FixedPoint.roundHalfAwayFromZero(f / scale);
        if (q < Integer.MIN_VALUE || q > Integer.MAX_VALUE) {
            throw new ArithmeticException("activation bound " + f + " overflows at scale " + scale);
        }
        return zeroPoint + (int) q;
    }

    /** Float clamp bounds. */
    public float[] floatRange() {
        return switch (this) {
            case RELU -> new float[] {0f, Float.MAX_VALUE};
            case RELU6 -> new float[] {0f, 6f};
            case RELU_N1_TO_1 -> new float[] {-1f, 1f};
            default -> new float[] {-Float.MAX_VALUE, Float.MAX_VALUE};
        };
    }

    public static float clamp(float v, float[] range) {
        return Math.min(Math.max(v, range[0]), range[1]);
    }
}
