package dev.tflc.ops;

import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * The data movement of TRANSPOSE, SLICE and STRIDED_SLICE: the output's elements in row-major order
 * over {@code dims}, element (i0, .., ik) copied from input element {@code offset + sum(i_d *
 * strides[d])} (a stride may be negative or 0). Each operator derives dims, strides and offset from
 * its own parameters, as TFLM's Prepare and Eval do; this record only moves elements. Built through
 * {@link #of}, which drops dimensions of 1 and merges dimensions that walk the input contiguously, so
 * the C kernel copies rows where it can.
 */
public record StridedCopy(int[] dims, int[] strides, int offset) implements Kernel {
    /** Most dimensions a copy keeps after merging (TFLC_MAX_RANK in the C kernels). */
    public static final int MAX_RANK = 6;

    /** The copy, simplified: at least one dimension, none of size 1 unless it is the only one. */
    static StridedCopy of(int[] dims, int[] strides, int offset) {
        List<int[]> kept = new ArrayList<>(); // {dim, stride}, outermost first
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == 1) {
                continue;
            }
            int[] last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            if (last != null && last[1] == (long) strides[d] * dims[d]) {
                last[0] *= dims[d];
                last[1] = strides[d];
            } else {
                kept.add(new int[] {dims[d], strides[d]});
            }
        }
        if (kept.isEmpty()) {
            kept.add(new int[] {1, 1});
        }
        if (kept.size() > MAX_RANK) {
            throw new IllegalArgumentException("a copy over " + kept.size() + " dimensions");
        }
        return new StridedCopy(kept.stream().mapToInt(k -> k[0]).toArray(), kept.stream().mapToInt(k -> k[1]).toArray(),
                offset);
    }

    /** Output elements. */
    public int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** For each output element in order, the input element it copies. */
    int[] source() {
        int[] source = new int[size()];
        int[] idx = new int[dims.length];
        int at = offset;
        for (int o = 0; o < source.length; o++) {
            source[o] = at;
            for (int d = dims.length - 1; d >= 0; d--) {
                idx[d]++;
                at += strides[d];
                if (idx[d] < dims[d]) {
                    break;
                }
                at -= strides[d] * dims[d];
                idx[d] = 0;
            }
        }
        return source;
    }

    @Override
    public void run(TensorData[] inputs, TensorData[] outputs) {
        gather(inputs[0], outputs[0], source(), 0);
    }

    @Override
    public long macs() {
        return 0;
    }

    /**
     * {@code out[o] = in[source[o]]}, or the value whose bits are {@code fillBits} (an integer, or a
     * float's raw bits) where {@code source[o]} is negative.
     */
    static void gather(TensorData in, TensorData out, int[] source, int fillBits) {
        if (in.type() == TensorType.FLOAT32) {
            float[] x = in.floats();
            float[] y = out.floats();
            float fill = Float.intBitsToFloat(fillBits);
            for (int o = 0; o < source.length; o++) {
                y[o] = source[o] < 0 ? fill : x[source[o]];
            }
        } else {
            int[] x = in.ints();
            int[] y = out.ints();
            for (int o = 0; o < source.length; o++) {
                y[o] = source[o] < 0 ? fillBits : x[source[o]];
            }
        }
    }

    /** {@code dims} with {@code fill} prepended up to {@code rank} entries (TFLM's ExtendedShape). */
    static int[] extend(int[] dims, int rank, int fill) {
        int[] out = new int[rank];
        java.util.Arrays.fill(out, 0, rank - dims.length, fill);
        System.arraycopy(dims, 0, out, rank - dims.length, dims.length);
        return out;
    }
}
