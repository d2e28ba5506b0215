package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * ARG_MAX and ARG_MIN over one axis given by a constant int32 input (negative counts from the end),
 * as TensorFlow Lite Micro's reference kernel (arg_min_max.cc, reference/arg_min_max.h): for each
 * position outside the axis, the index along the axis of the first largest (smallest) value, a later
 * value taking over only when strictly greater (less). float32 or int8 input (int8 compares the stored
 * values, as TFLM does). int32 output, the only type TFLM writes, or int64, TensorFlow Lite's (and the
 * converter's) default for {@code tf.argmax}: the same indices, wider.
 */
public final class ArgMinMax implements OperatorKind {
    private final boolean max;

    private ArgMinMax(boolean max) {
        this.max = max;
    }

    public static ArgMinMax argMax() {
        return new ArgMinMax(true);
    }

    public static ArgMinMax argMin() {
        return new ArgMinMax(false);
    }

    @Override
    public String name() {
        return max ? "ARG_MAX" : "ARG_MIN";
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(2, 2);
        node.expectOutputs(1);
        Tensor in = node.input(0);
        Tensor out = node.output(0);
        node.expectType(in, TensorType.FLOAT32, TensorType.INT8);
        if (out.type() != TensorType.INT32 && out.type() != TensorType.INT64) {
            throw node.error(out, "output type " + out.type() + " is not supported: " + name()
                    + " writes int32 or int64 indices");
        }
        int[] axes = DataMovement.indices(node, 1, "axis");
        if (axes.length != 1) {
            throw node.error(node.input(1), "axis has " + axes.length + " values, expected 1");
        }
        int rank = in.shape().rank();
        int axis = axes[0] < 0 ? axes[0] + rank : axes[0];
        if (axis < 0 || axis >= rank) {
            throw node.error(node.input(1), "axis " + axes[0] + " is outside the input's rank " + rank);
        }
        int[] dims = in.shape().dims();
        int[] outDims = new int[rank - 1];
        int outer = 1;
        int inner = 1;
        for (int d = 0; d < rank; d++) {
            if (d < axis) {
                outer *= dims[d];
                outDims[d] = dims[d];
            } else if (d > axis) {
                inner *= dims[d];
                outDims[d - 1] = dims[d];
            }
        }
        node.expectShape(out, Shape.of(outDims));
        return new Select(outer, dims[axis], inner, max, in.type() == TensorType.FLOAT32, out.type() == TensorType.INT64);
    }

    /**
     * The index of the first largest ({@code max}) or smallest value along the axis, per outer and inner
     * position, written as int64 when {@code wide}, else int32.
     */
    public record Select(int outer, int axisSize, int inner, boolean max, boolean isFloat, boolean wide)
            implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            float[] f = isFloat ? inputs[0].floats() : null;
            int[] q = isFloat ? null : inputs[0].ints();
            int[] out = wide ? null : outputs[0].ints();
            long[] out64 = wide ? outputs[0].longs() : null;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int best = 0;
                    int base = o * axisSize * inner + i;
                    for (int k = 1; k < axisSize; k++) {
                        int at = base + k * inner;
                        int bestAt = base + best * inner;
                        boolean better = isFloat ? (max ? f[at] > f[bestAt] : f[at] < f[bestAt])
                                : (max ? q[at] > q[bestAt] : q[at] < q[bestAt]);
                        if (better) {
                            best = k;
                        }
                    }
                    if (wide) {
                        out64[o * inner + i] = best;
                    } else {
                        out[o * inner + i] = best;
                    }
                }
            }
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
