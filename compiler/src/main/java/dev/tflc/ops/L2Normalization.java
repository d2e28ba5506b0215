package dev.tflc.ops;

import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * L2_NORMALIZATION over the last dimension (rank 1 to 4, no fused activation), as TensorFlow Lite
 * Micro's kernel (l2norm.cc). float32 as reference_ops::L2Normalization: per row the float sum of
 * squares in order, its square root, at least 1e-6, and each element divided by it. int8 as
 * reference_integer_ops::L2Normalization: per row the int32 sum of (x - input zero point)^2, its
 * inverse square root by GetInvSqrtQuantizedMultiplierExp, and each offset input multiplied by it with
 * 7 more bits (MultiplyByQuantizedMultiplier), clamped to int8: an output quantized with scale 1/128
 * and zero point 0, which TensorFlow Lite requires and tflc too (TFLM writes that whatever the output
 * says).
 */
public final class L2Normalization implements OperatorKind {
    /** Rows longer than this could overflow TFLM's int32 sum of squares (each at most 255^2). */
    static final int MAX_INT8_DEPTH = Integer.MAX_VALUE / (255 * 255);

    @Override
    public String name() {
        return "L2_NORMALIZATION";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Unary u = Elementwise.unary(node, TensorType.FLOAT32, TensorType.INT8);
        int rank = u.in().shape().rank();
        if (rank < 1 || rank > 4) {
            throw node.error(u.in(), "has rank " + rank + "; TensorFlow Lite Micro's L2_NORMALIZATION takes 1 to 4");
        }
        if (Activation.of(node) != Activation.NONE) {
            throw node.error("fused activation " + Activation.of(node) + " is not supported: TensorFlow Lite Micro's "
                    + "L2_NORMALIZATION has none");
        }
        int depth = u.in().shape().dim(rank - 1);
        int rows = u.size() / depth;
        if (u.isFloat()) {
            return new Float32(rows, depth);
        }
        if (Elementwise.zeroPoint(u.out()) != 0 || Elementwise.scale(u.out()) != 1f / 128) {
            throw node.error(u.out(), "int8 L2_NORMALIZATION needs output scale 1/128 and zero point 0, not "
                    + u.out().quantization());
        }
        if (depth > MAX_INT8_DEPTH) {
            throw node.error(u.in(), "rows of " + depth + " elements could overflow TensorFlow Lite Micro's int32 sum "
                    + "of squares (at most " + MAX_INT8_DEPTH + ")");
        }
        return new Int8(rows, depth, Elementwise.zeroPoint(u.in()));
    }

    /** float32: each of {@code rows} rows of {@code depth} divided by its L2 norm (at least 1e-6). */
    public record Float32(int rows, int depth) implements Kernel {
        private static final float EPSILON = 1e-6f;

        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            float[] in = inputs[0].floats();
            float[] out = outputs[0].floats();
            for (int r = 0; r < rows; r++) {
                float squares = 0;
                for (int c = 0; c < depth; c++) {
                    float v = in[r * depth + c];
                    squares += v * v;
                }
                float norm = Elementwise.stdMax((float) Math.sqrt(squares), EPSILON);
                for (int c = 0; c < depth; c++) {
                    out[r * depth + c] = in[r * depth + c] / norm;
                }
            }
        }

        @Override
        public long macs() {
            return (long) rows * depth;
        }
    }

    /** int8: TFLM's integer arithmetic per row, output scale 1/128, zero point 0. */
    public record Int8(int rows, int depth, int inputZeroPoint) implements Kernel {
        private static final int OUTPUT_SHIFT = 7;

        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] in = inputs[0].ints();
            int[] out = outputs[0].ints();
            for (int r = 0; r < rows; r++) {
                int squares = 0;
                for (int c = 0; c < depth; c++) {
                    int v = in[r * depth + c] - inputZeroPoint;
                    squares += v * v;
                }
                FixedPoint.Multiplier inverse = FixedPoint.inverseSqrt(squares);
                for (int c = 0; c < depth; c++) {
                    int v = FixedPoint.multiplyByQuantizedMultiplier(in[r * depth + c] - inputZeroPoint,
                            inverse.multiplier(), inverse.shift() + OUTPUT_SHIFT);
                    out[r * depth + c] = Math.min(Math.max(v, -128), 127);
                }
            }
        }

        @Override
        public long macs() {
            return 2L * rows * depth;
        }
    }
}
