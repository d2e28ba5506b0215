package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;

/**
 * SLICE, as TFLM's slice.cc: up to 5 dimensions, constant int32 begin and size (size -1: to the end
 * of the dimension); the output is input[begin[d] .. begin[d] + size[d]) along each d. (TFLM also
 * takes int64 begin and size, which the reference interpreter cannot hold.)
 */
public final class Slice implements OperatorKind {
    public static final int MAX_RANK = 5;

    @Override
    public String name() {
        return "SLICE";
    }

    @Override
    public Kernel prepare(Node node) {
        Tensor in = DataMovement.expect(node, name(), 3, 3, 0, MAX_RANK, DataMovement.ANY_TYPE);
        Tensor out = node.output(0);
        int rank = in.shape().rank();
        int[] begin = DataMovement.vector(node, 1, "begin", rank);
        int[] size = DataMovement.vector(node, 2, "size", rank);
        int[] inStrides = DataMovement.strides(in.shape().dims());
        int[] outDims = new int[rank];
        int offset = 0;
        for (int d = 0; d < rank; d++) {
            int dim = in.shape().dim(d);
            long stop = size[d] == -1 ? dim : (long) begin[d] + size[d];
            if (begin[d] < 0 || stop < begin[d] || stop > dim) {
                throw node.error(node.input(1), "begin " + begin[d] + " and size " + size[d] + " of dimension " + d
                        + " fall outside its " + dim + " elements");
            }
            outDims[d] = (int) stop - begin[d];
            offset += begin[d] * inStrides[d];
        }
        node.expectShape(out, Shape.of(outDims));
        return StridedCopy.of(outDims, inStrides, offset);
    }
}
