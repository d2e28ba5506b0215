package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * BATCH_MATMUL, as TensorFlow Lite Micro's kernel (batch_matmul.cc, reference/batch_matmul.h): for
 * each batch, out[i][j] = sum over k of x[i][k] * y[k][j], x being the lhs or its last two dimensions
 * swapped (adj_x), y the rhs or its swap (adj_y). Inputs of rank 2 to 5, batch dimensions (all but
 * the last two, aligned from the end) broadcast where one of the two is 1. float32: the float sum
 * over k in order. int8: the int32 sum of (x - x zero point) * (y - y zero point), requantized by
 * the multiplier of lhs scale * rhs scale / output scale (in double, as TFLM derives it) plus the
 * output zero point, clamped to int8 (BATCH_MATMUL has no fused activation). int16 (zero points 0, as
 * TFLM requires): the int64 sum of products, requantized as TFLM's int64 MultiplyByQuantizedMultiplier,
 * clamped to int16.
 */
public final class BatchMatMul implements OperatorKind {
    /** Batch dimensions the kernel walks: TFLM's reference extends both inputs to rank 5. */
    static final int BATCH_RANK = 3;
    /** Longer sums could overflow int32 on int8 (each product at most 255^2). */
    static final int MAX_INT8_DEPTH = Integer.MAX_VALUE / (255 * 255);

    @Override
    public String name() {
        return "BATCH_MATMUL";
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(2, 2);
        node.expectOutputs(1);
        Tensor lhs = node.input(0);
        Tensor rhs = node.input(1);
        Tensor out = node.output(0);
        node.expectType(lhs, TensorType.FLOAT32, TensorType.INT8, TensorType.INT16);
        node.expectType(rhs, lhs.type());
        node.expectType(out, lhs.type());
        for (Tensor t : new Tensor[] {lhs, rhs}) {
            if (t.shape().rank() < 2 || t.shape().rank() > 5) {
                throw node.error(t, "has rank " + t.shape().rank() + "; TensorFlow Lite Micro's BATCH_MATMUL takes 2 "
                        + "to 5");
            }
        }
        boolean adjX = node.options().getBoolean("adjX", false);
        boolean adjY = node.options().getBoolean("adjY", false);
        int rank = Math.max(lhs.shape().rank(), rhs.shape().rank());
        int[] l = extended(lhs.shape(), rank);
        int[] r = extended(rhs.shape(), rank);
        int rows = adjX ? l[rank - 1] : l[rank - 2];
        int depth = adjX ? l[rank - 2] : l[rank - 1];
        int cols = adjY ? r[rank - 2] : r[rank - 1];
        int rhsDepth = adjY ? r[rank - 1] : r[rank - 2];
        if (depth != rhsDepth) {
            throw node.error(rhs, "shape " + rhs.shape() + " does not multiply " + lhs.shape() + " (adj_x " + adjX
                    + ", adj_y " + adjY + "): depths " + depth + " and " + rhsDepth + " differ");
        }
        int batchRank = rank - 2;
        if (batchRank > BATCH_RANK) {
            throw node.error(out, "more than " + BATCH_RANK + " batch dimensions are not supported");
        }
        int[] outDims = new int[rank];
        int[] batch = {1, 1, 1};
        int[] lhsStrides = new int[BATCH_RANK];
        int[] rhsStrides = new int[BATCH_RANK];
        int lhsStep = l[rank - 2] * l[rank - 1];
        int rhsStep = r[rank - 2] * r[rank - 1];
        for (int d = batchRank - 1; d >= 0; d--) {
            if (l[d] != r[d] && l[d] != 1 && r[d] != 1) {
                throw node.error(rhs, "batch dimensions of " + lhs.shape() + " and " + rhs.shape() + " do not "
                        + "broadcast");
            }
            int slot = BATCH_RANK - batchRank + d;
            outDims[d] = Math.max(l[d], r[d]);
            batch[slot] = outDims[d];
            lhsStrides[slot] = l[d] == 1 ? 0 : lhsStep;
            rhsStrides[slot] = r[d] == 1 ? 0 : rhsStep;
            lhsStep *= l[d];
            rhsStep *= r[d];
        }
        outDims[rank - 2] = rows;
        outDims[rank - 1] = cols;
        node.expectShape(out, Shape.of(outDims));
        Geometry g = new Geometry(batch, lhsStrides, rhsStrides, rows, cols, depth, adjX ? 1 : depth, adjX ? rows : 1,
                adjY ? 1 : cols, adjY ? depth : 1);
        if (lhs.type() == TensorType.FLOAT32) {
            return new Float32(g);
        }
        node.expectPerTensor(lhs);
        node.expectPerTensor(rhs);
        node.expectPerTensor(out);
        if (lhs.type() == TensorType.INT8 && depth > MAX_INT8_DEPTH) {
            throw node.error(lhs, "sums of " + depth + " products could overflow TensorFlow Lite Micro's int32 "
                    + "accumulator (at most " + MAX_INT8_DEPTH + ")");
        }
        double real = (double) lhs.quantization().scale() * (double) rhs.quantization().scale()
                / (double) out.quantization().scale();
        if (lhs.type() == TensorType.INT16) {
            for (Tensor t : new Tensor[] {lhs, rhs, out}) {
                if (t.quantization().zeroPoint() != 0) {
                    throw node.error(t, "int16 zero point " + t.quantization().zeroPoint() + " is not 0 (TensorFlow "
                            + "Lite Micro's int16 BATCH_MATMUL requires 0)");
                }
            }
            FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(real);
            if (m.shift() < -31 || m.shift() > 14) {
                throw node.error(out, "output scale " + out.quantization().scale() + " is out of the range of the "
                        + "int16 requantization");
            }
            return new Int16(g, m);
        }
        return new Int8(g, -Elementwise.zeroPoint(lhs), -Elementwise.zeroPoint(rhs), FixedPoint.quantizeMultiplier(real),
                Elementwise.zeroPoint(out));
    }

    /** {@code shape} with leading 1s to {@code rank} dimensions. */
    private static int[] extended(Shape shape, int rank) {
        int[] dims = new int[rank];
        int pad = rank - shape.rank();
        for (int d = 0; d < rank; d++) {
            dims[d] = d < pad ? 1 : shape.dim(d - pad);
        }
        return dims;
    }

    /**
     * Where the products come from: {@code batch} (3 dimensions, leading 1s) of matrices, each input's
     * matrix starting at the batch index dotted with its strides (0 along a broadcast dimension);
     * {@code rows} x {@code cols} outputs of {@code depth} products each; x[i][k] at
     * {@code i * lhsRowStride + k * lhsDepthStride} of its matrix, y[k][j] at
     * {@code k * rhsDepthStride + j * rhsColStride}.
     */
    public record Geometry(int[] batch, int[] lhsStrides, int[] rhsStrides, int rows, int cols, int depth,
            int lhsRowStride, int lhsDepthStride, int rhsDepthStride, int rhsColStride) {
        int batches() {
            return batch[0] * batch[1] * batch[2];
        }

        /** The offsets of batch {@code b}'s lhs (0) and rhs (1) matrices. */
        int[] bases(int b) {
            int b2 = b % batch[2];
            int b1 = b / batch[2] % batch[1];
            int b0 = b / (batch[2] * batch[1]);
            return new int[] {b0 * lhsStrides[0] + b1 * lhsStrides[1] + b2 * lhsStrides[2],
                b0 * rhsStrides[0] + b1 * rhsStrides[1] + b2 * rhsStrides[2]};
        }

        long macs() {
            return (long) batches() * rows * cols * depth;
        }

        /**
         * Visits every output in order with where its products start: x's row at {@code x}, y's column at
         * {@code y}, each next product {@link #lhsDepthStride} and {@link #rhsDepthStride} further.
         */
        void forEach(Dot dot) {
            int out = 0;
            for (int b = 0; b < batches(); b++) {
                int[] base = bases(b);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        dot.at(out++, base[0] + i * lhsRowStride, base[1] + j * rhsColStride);
                    }
                }
            }
        }
    }

    /** The sum over k of (x + xOffset) * (y + yOffset) from x's row at {@code xi} and y's column at {@code yi}. */
    private static long integerSum(Geometry g, int[] x, int[] y, int xi, int yi, int xOffset, int yOffset) {
        long total = 0;
        for (int k = 0; k < g.depth(); k++) {
            total += (long) (x[xi + k * g.lhsDepthStride()] + xOffset) * (y[yi + k * g.rhsDepthStride()] + yOffset);
        }
        return total;
    }

    /** One output of {@link Geometry#forEach}. */
    @FunctionalInterface
    interface Dot {
        void at(int out, int x, int y);
    }

    /** float32: each output the float sum of its products, k in order. */
    public record Float32(Geometry g) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            float[] x = inputs[0].floats();
            float[] y = inputs[1].floats();
            float[] out = outputs[0].floats();
            g.forEach((o, xi, yi) -> {
                float total = 0f;
                for (int k = 0; k < g.depth(); k++) {
                    total += x[xi + k * g.lhsDepthStride()] * y[yi + k * g.rhsDepthStride()];
                }
                out[o] = total;
            });
        }

        @Override
        public long macs() {
            return g.macs();
        }
    }

    /** int8: offset products summed in int32, requantized, clamped. */
    public record Int8(Geometry g, int lhsOffset, int rhsOffset, FixedPoint.Multiplier multiplier, int outputOffset)
            implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] out = outputs[0].ints();
            g.forEach((o, xi, yi) -> {
                // TFLM's int32 sum: the depth is checked so that it cannot overflow
                int total = (int) integerSum(g, inputs[0].ints(), inputs[1].ints(), xi, yi, lhsOffset, rhsOffset);
                int v = FixedPoint.multiplyByQuantizedMultiplier(total, multiplier) + outputOffset;
                out[o] = Math.min(Math.max(v, -128), 127);
            });
        }

        @Override
        public long macs() {
            return g.macs();
        }
    }

    /** int16: products summed in int64, requantized with the int64 multiply, clamped. */
    public record Int16(Geometry g, FixedPoint.Multiplier multiplier) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] out = outputs[0].ints();
            g.forEach((o, xi, yi) -> {
                long total = integerSum(g, inputs[0].ints(), inputs[1].ints(), xi, yi, 0, 0);
                int v = FixedPoint.multiplyByQuantizedMultiplier64(total, multiplier.multiplier(), multiplier.shift());
                out[o] = Math.min(Math.max(v, -32768), 32767);
            });
        }

        @Override
        public long macs() {
            return g.macs();
        }
    }
}
