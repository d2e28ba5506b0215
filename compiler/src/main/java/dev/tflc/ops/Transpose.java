package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;

/**
 * TRANSPOSE, as TFLM's transpose.cc: up to 5 dimensions, a constant int32 permutation; output
 * dimension i is input dimension perm[i]. Elements are moved as they are (TFLM compares no quantization).
 */
public final class Transpose implements OperatorKind {
    public static final int MAX_RANK = 5;

    @Override
    public String name() {
        return "TRANSPOSE";
    }

    @Override
    public Kernel prepare(Node node) {
        Tensor in = DataMovement.expect(node, name(), 2, 2, 1, MAX_RANK, TensorType.INT8, TensorType.INT16,
                TensorType.FLOAT32);
        Tensor out = node.output(0);
        int rank = in.shape().rank();
        int[] perm = DataMovement.vector(node, 1, "permutation", rank);
        boolean[] seen = new boolean[rank];
        for (int p : perm) {
            if (p < 0 || p >= rank || seen[p]) {
                throw node.error(node.input(1), "permutation " + java.util.Arrays.toString(perm)
                        + " is not a permutation of 0.." + (rank - 1));
            }
            seen[p] = true;
        }
        int[] inStrides = DataMovement.strides(in.shape().dims());
        int[] outDims = new int[rank];
        int[] strides = new int[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = in.shape().dim(perm[i]);
            strides[i] = inStrides[perm[i]];
        }
        node.expectShape(out, Shape.of(outDims));
        return StridedCopy.of(outDims, strides, 0);
    }
}
