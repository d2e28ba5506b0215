package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * SPLIT and SPLIT_V, as TFLM's split.cc and split_v.cc: the input cut along one axis into the
 * outputs, in order. The axis is a constant int32 scalar (TFLM refuses any other at Prepare; negative
 * counts from the end); SPLIT's outputs are num_splits equal parts, SPLIT_V's as long as its
 * size_splits say (one of them -1: the rest). TFLM copies the elements as they are, whatever the
 * quantization, from the outputs' shapes; tflc checks those shapes against the parameters.
 */
public final class Split implements OperatorKind {
    /** Most outputs the C kernel's struct holds (TFLC_SPLIT_MAX_OUTPUTS). */
    public static final int MAX_OUTPUTS = 16;
    /** RuntimeShape::kMaxSmallSize. */
    public static final int MAX_RANK = 6;

    private final boolean sized;

    private Split(boolean sized) {
        this.sized = sized;
    }

    public static Split split() {
        return new Split(false);
    }

    public static Split splitV() {
        return new Split(true);
    }

    @Override
    public String name() {
        return sized ? "SPLIT_V" : "SPLIT";
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(sized ? 3 : 2, sized ? 3 : 2);
        Tensor in = node.input(sized ? 0 : 1);
        node.expectType(in, TensorType.INT8, TensorType.INT16, TensorType.INT32, TensorType.FLOAT32);
        int rank = in.shape().rank();
        if (rank < 1 || rank > MAX_RANK) {
            throw node.error(in, "has rank " + rank + "; " + name() + " supports 1 to " + MAX_RANK);
        }
        int axisInput = sized ? 2 : 0;
        int[] axisValue = DataMovement.indices(node, axisInput, "axis");
        if (axisValue.length != 1) {
            throw node.error(node.input(axisInput), "axis has " + axisValue.length + " values, expected one");
        }
        int axis = axisValue[0] < 0 ? axisValue[0] + rank : axisValue[0];
        if (axis < 0 || axis >= rank) {
            throw node.error(node.input(axisInput), "axis " + axisValue[0] + " is outside the input's rank " + rank);
        }
        int count = node.op().outputs().size();
        if (count < 1 || count > MAX_OUTPUTS) {
            throw node.error("has " + count + " outputs; tflc splits into 1 to " + MAX_OUTPUTS);
        }
        int dim = in.shape().dim(axis);
        int[] sizes = sized ? sizes(node, count, dim) : equalSizes(node, count, dim);
        return Copy.along(node, sized ? 0 : 1, axis, sizes);
    }

    /** SPLIT: num_splits (when set) outputs of dim / num_splits each. */
    private static int[] equalSizes(Node node, int count, int dim) {
        int declared = node.options().getInt("numSplits", count);
        if (declared != count) {
            throw node.error("num_splits is " + declared + " but the operator has " + count + " outputs");
        }
        if (dim % count != 0) {
            throw node.error(node.input(1), "its split dimension of " + dim + " does not divide into " + count
                    + " parts");
        }
        int[] sizes = new int[count];
        java.util.Arrays.fill(sizes, dim / count);
        return sizes;
    }

    /** SPLIT_V: the constant size_splits, one of them at most -1 (what is left of the dimension). */
    private static int[] sizes(Node node, int count, int dim) {
        int[] sizes = DataMovement.vector(node, 1, "size_splits", count).clone();
        int unknown = -1;
        long known = 0;
        for (int i = 0; i < count; i++) {
            if (sizes[i] == -1 && unknown < 0) {
                unknown = i;
            } else if (sizes[i] < 1) {
                throw node.error(node.input(1), "size_splits " + java.util.Arrays.toString(sizes)
                        + " holds a size below 1 (or a second -1)");
            } else {
                known += sizes[i];
            }
        }
        if (unknown >= 0) {
            sizes[unknown] = (int) Math.max(0, dim - known);
            known += sizes[unknown];
        }
        if (known != dim || (unknown >= 0 && sizes[unknown] == 0)) {
            throw node.error(node.input(1), "size_splits " + java.util.Arrays.toString(sizes)
                    + " do not add up to the split dimension's " + dim);
        }
        return sizes;
    }

    /**
     * The split of operator input {@code input} as {@code outer} rounds, each copying {@code chunks[i]}
     * consecutive elements of it to output i in turn (CONCATENATION's copy the other way).
     */
    public record Copy(int input, int outer, int[] chunks) implements Kernel {
        @Override
        public int splitsInput() {
            return outer == 1 ? input : -1;
        }

        /**
         * The copy that cuts input {@code input} of {@code node} along {@code axis} into parts of
         * {@code sizes[i]} elements there, output i of {@code node} shaped as its part (with
         * {@code squeeze}, parts of 1 with the axis dropped: UNPACK).
         */
        static Copy along(Node node, int input, int axis, int[] sizes) {
            return along(node, input, axis, sizes, false);
        }

        static Copy along(Node node, int input, int axis, int[] sizes, boolean squeeze) {
            Tensor in = node.input(input);
            int[] dims = in.shape().dims();
            int inner = 1;
            for (int d = axis + 1; d < dims.length; d++) {
                inner *= dims[d];
            }
            int outer = 1;
            for (int d = 0; d < axis; d++) {
                outer *= dims[d];
            }
            int[] chunks = new int[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                Tensor out = node.output(i);
                node.expectType(out, in.type());
                dims[axis] = sizes[i];
                node.expectShape(out, squeeze ? Shape.of(without(dims, axis)) : Shape.of(dims));
                chunks[i] = sizes[i] * inner;
            }
            return new Copy(input, outer, chunks);
        }

        private static int[] without(int[] dims, int axis) {
            int[] out = new int[dims.length - 1];
            for (int d = 0, o = 0; d < dims.length; d++) {
                if (d != axis) {
                    out[o++] = dims[d];
                }
            }
            return out;
        }

        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            TensorData in = inputs[input];
            int at = 0;
            for (int r = 0; r < outer; r++) {
                for (int i = 0; i < chunks.length; i++) {
                    if (in.type() == TensorType.FLOAT32) {
                        System.arraycopy(in.floats(), at, outputs[i].floats(), r * chunks[i], chunks[i]);
                    } else {
                        System.arraycopy(in.ints(), at, outputs[i].ints(), r * chunks[i], chunks[i]);
                    }
                    at += chunks[i];
                }
            }
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
