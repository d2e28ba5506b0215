package dev.tflc.ops;

import dev.tflc.ir.TensorData;

/**
 * A copy whose source index is a sum over the output's dimensions: the output's elements in row-major
 * order over {@code dims}, element (i0, .., ik) copied from input element {@code sum(offsets[d][i_d])}.
 * It moves the elements of MIRROR_PAD and BATCH_TO_SPACE_ND, whose index along a dimension is not a
 * multiple of the output's, as {@link StridedCopy} needs.
 */
public record IndexCopy(int[] dims, int[][] offsets) implements Kernel {
    /** Most dimensions (TFLC_MAX_RANK in the C kernels). */
    public static final int MAX_RANK = StridedCopy.MAX_RANK;

    /** The offsets of every dimension, one after the other (the C kernel's table). */
    public int[] table() {
        int n = 0;
        for (int[] o : offsets) {
            n += o.length;
        }
        int[] t = new int[n];
        int at = 0;
        for (int[] o : offsets) {
            System.arraycopy(o, 0, t, at, o.length);
            at += o.length;
        }
        return t;
    }

    @Override
    public void run(TensorData[] inputs, TensorData[] outputs) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        int[] source = new int[size];
        int[] idx = new int[dims.length];
        for (int o = 0; o < size; o++) {
            int at = 0;
            for (int d = 0; d < dims.length; d++) {
                at += offsets[d][idx[d]];
            }
            source[o] = at;
            for (int d = dims.length - 1; d >= 0 && ++idx[d] == dims[d]; d--) {
                idx[d] = 0;
            }
        }
        StridedCopy.gather(inputs[0], outputs[0], source, 0);
    }

    @Override
    public long macs() {
        return 0;
    }
}
