package dev.tflc.ops;

import dev.tflc.ir.Shape;

/**
 * NumPy-style broadcasting of two shapes: both aligned at their last dimension, each dimension
 * equal or 1. Gives per-input element strides over the output's dimensions (0 where broadcast).
 */
public record Broadcast(int[] outDims, int[] strides1, int[] strides2) {

    /** The broadcast of {@code a} and {@code b}, or null if they are incompatible. */
    public static Broadcast of(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        int[] s1 = new int[rank];
        int[] s2 = new int[rank];
        long st1 = 1;
        long st2 = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int ia = i - (rank - a.rank());
            int ib = i - (rank - b.rank());
            int da = ia >= 0 ? a.dim(ia) : 1;
            int db = ib >= 0 ? b.dim(ib) : 1;
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[i] = Math.max(da, db);
            s1[i] = da == 1 ? 0 : (int) st1;
            s2[i] = db == 1 ? 0 : (int) st2;
            st1 *= da;
            st2 *= db;
        }
        return new Broadcast(out, s1, s2);
    }

    /** Output element count. */
    public int size() {
        int n = 1;
        for (int d : outDims) {
            n *= d;
        }
        return n;
    }

    /** The C description: NULL when both inputs have the output's elements, else the strides struct. */
    public boolean isElementwise() {
        for (int i = 0; i < outDims.length; i++) {
            if (strides1[i] == 0 && outDims[i] > 1 || strides2[i] == 0 && outDims[i] > 1) {
                return false;
            }
        }
        return true;
    }

    /** For each output element in order, the index into input 1 and input 2. */
    public void forEach(IndexPair visitor) {
        int rank = outDims.length;
        int[] idx = new int[rank];
        int total = 1;
        for (int d : outDims) {
            total *= d;
        }
        int i1 = 0;
        int i2 = 0;
        for (int o = 0; o < total; o++) {
            visitor.accept(o, i1, i2);
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                i1 += strides1[d];
                i2 += strides2[d];
                if (idx[d] < outDims[d]) {
                    break;
                }
                i1 -= strides1[d] * outDims[d];
                i2 -= strides2[d] * outDims[d];
                idx[d] = 0;
            }
        }
    }

    @FunctionalInterface
    public interface IndexPair {
        void accept(int out, int in1, int in2);
    }
}
