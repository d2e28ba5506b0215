package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;

/**
 * MIRROR_PAD, as TFLM's mirror_pad.cc: float32 or int8, up to 6 dimensions, constant int32 paddings
 * [rank, 2] (before, after, none negative); mode REFLECT (the edge element not repeated) or SYMMETRIC
 * (repeated), each padding at most the dimension (REFLECT: minus one), as TensorFlow defines the
 * operator (TFLM does not check, and clamps). Each output index maps to an input index along its
 * dimension as TFLM's GetInputDimension does, so the copy is an {@link IndexCopy}.
 */
public final class MirrorPad implements OperatorKind {
    @Override
    public String name() {
        return "MIRROR_PAD";
    }

    @Override
    public Kernel prepare(Node node) {
        Tensor in = DataMovement.expect(node, name(), 2, 2, 1, IndexCopy.MAX_RANK, TensorType.FLOAT32,
                TensorType.INT8);
        int rank = in.shape().rank();
        int[] pads = DataMovement.indices(node, 1, "paddings");
        if (node.input(1).shape().rank() != 2 || pads.length != 2 * rank) {
            throw node.error(node.input(1), "paddings have shape " + node.input(1).shape() + ", expected " + rank
                    + "x2");
        }
        int mode = node.options().getInt("mode", 0);
        if (mode != 0 && mode != 1) {
            throw node.error("mode " + mode + " is neither REFLECT (0) nor SYMMETRIC (1)");
        }
        int offset = mode == 0 ? 1 : 0; // TFLM: 1 for REFLECT
        int[] inStrides = DataMovement.strides(in.shape().dims());
        int[] outDims = new int[rank];
        int[][] offsets = new int[rank][];
        for (int d = 0; d < rank; d++) {
            int left = pads[2 * d];
            int right = pads[2 * d + 1];
            int dim = in.shape().dim(d);
            if (left < 0 || right < 0 || left > dim - offset || right > dim - offset) {
                throw node.error(node.input(1), "padding " + left + ", " + right + " of dimension " + d + " of "
                        + dim + " elements is negative or reaches past the input ("
                        + (offset == 1 ? "REFLECT: at most " + (dim - 1) : "SYMMETRIC: at most " + dim) + ")");
            }
            outDims[d] = dim + left + right;
            offsets[d] = new int[outDims[d]];
            for (int i = 0; i < outDims[d]; i++) {
                offsets[d][i] = inputIndex(i, left, dim, offset) * inStrides[d];
            }
        }
        node.expectShape(node.output(0), Shape.of(outDims));
        return new IndexCopy(outDims, offsets);
    }

    /** TFLM's GetInputDimension: the input index that output index {@code i} of a dimension copies. */
    private static int inputIndex(int i, int left, int dim, int offset) {
        if (i < left) {
            int original = left + offset - 1;
            return original - Math.min(i, original - offset);
        }
        int p = i - left;
        if (p >= dim) {
            p -= dim;
            int original = dim - (1 + offset);
            return original - Math.min(p, original);
        }
        return p;
    }
}
