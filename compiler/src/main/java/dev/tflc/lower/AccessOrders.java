package dev.tflc.lower;

import dev.tflc.ops.Window;

/**
 * The order in which the window kernels of {@code runtime-c/} (tflc_opt_s8.h, tflc_opt_f32.h and the
 * portable pooling kernels) read their input and write their output, block by block as their loops run (in elements of {@code size}
 * bytes), so that the memory plan may place a layer's output
 * over its input ({@link Access}). Each description follows one kernel's loops; the plan checker walks
 * it, and the tests run every shared model (and random chains of layers) with the plans it allows.
 */
public final class AccessOrders {
    private AccessOrders() {
    }

    /**
     * tflc_opt_conv_s8 and _f32: output pixels two at a time in order, both windows gathered into the
     * scratch before either pixel's channels are written; the last pixel alone when the count is odd.
     */
    public static Access gatheredPairs(Window w, int inC, int outC, int size) {
        return pixelPairs(w, inC, outC, size, true, "pixels forward, windows gathered two at a time");
    }

    /**
     * tflc_opt_depthwise_s8 and _f32 and the portable convolution, depthwise convolution and pooling
     * kernels: output pixels one at a time in order, each pixel's channels in order (four at a time in
     * the depthwise kernels), reads of the pixel's window interleaved with its writes.
     */
    public static Access pixels(Window w, int inC, int outC, int size) {
        Access.Builder b = new Access.Builder(size, false, "pixels forward");
        long pixels = (long) w.batches() * w.outH() * w.outW();
        for (long p = 0; p < pixels; p++) {
            long[] r = windowSpan(w, inC, p);
            b.block(p * outC, (p + 1) * outC, r[0], r[1]);
        }
        return b.build();
    }

    /**
     * The portable fully connected kernels: rows of {@code depth} one at a time in order, the row read
     * while its {@code outC} outputs are written.
     */
    public static Access rows(long rows, int depth, int outC, int size) {
        Access.Builder b = new Access.Builder(size, false, "rows forward");
        for (long r = 0; r < rows; r++) {
            b.block(r * outC, (r + 1) * outC, r * depth, (r + 1) * depth);
        }
        return b.build();
    }

    /**
     * tflc_opt_matmul_s8, or tflc_opt_matmul_s8_backward when {@code backward}: rows of {@code depth}
     * in pairs from the first (from the last), reads and writes of a pair interleaved (without the DSP
     * extension the pair is read while its channels are written), an odd row out alone at the end.
     */
    public static Access rowPairs(long rows, int depth, int outC, boolean backward, int size) {
        Access.Builder b = new Access.Builder(size, false, backward ? "rows backward, two at a time" : "rows forward, two at a time");
        if (backward) {
            long r = rows;
            for (; r >= 2; r -= 2) {
                b.block((r - 2) * outC, r * outC, (r - 2) * depth, r * depth);
            }
            if (r == 1) {
                b.block(0, outC, 0, depth);
            }
        } else {
            long r = 0;
            for (; r + 1 < rows; r += 2) {
                b.block(r * outC, (r + 2) * outC, r * depth, (r + 2) * depth);
            }
            if (r < rows) {
                b.block(r * outC, (r + 1) * outC, r * depth, (r + 1) * depth);
            }
        }
        return b.build();
    }

    /**
     * tflc_opt_conv_1x1_s8 and _f32 with a stride: output pixels two at a time in order, each pair's
     * input pixels read in place while its channels are written, the last pixel alone when the count is
     * odd.
     */
    public static Access stridedPixelPairs(Window w, int inC, int outC, int size) {
        return pixelPairs(w, inC, outC, size, false, "pixels forward, two at a time");
    }

    /** Output pixels in pairs (the last alone when the count is odd), each pair reading both windows. */
    private static Access pixelPairs(Window w, int inC, int outC, int size, boolean readsFirst, String order) {
        Access.Builder b = new Access.Builder(size, readsFirst, order);
        long pixels = (long) w.batches() * w.outH() * w.outW();
        for (long p = 0; p < pixels; p += 2) {
            long[] r = windowSpan(w, inC, p);
            if (p + 1 < pixels) {
                r = union(r, windowSpan(w, inC, p + 1));
            }
            b.block(p * outC, Math.min(pixels, p + 2) * outC, r[0], r[1]);
        }
        return b.build();
    }

    /**
     * The span of input elements ({@code channels} per pixel) that the window of output pixel
     * {@code p} reads: from its first tap inside the input to the end of its last; {0, 0} when every
     * tap is in the padding. As tflc_opt_tap_range clips the taps.
     */
    static long[] windowSpan(Window w, int channels, long p) {
        long ox = p % w.outW();
        long oy = (p / w.outW()) % w.outH();
        long n = p / ((long) w.outW() * w.outH());
        long iy0 = oy * w.strideH() - w.padH();
        long ix0 = ox * w.strideW() - w.padW();
        long[] ys = taps(iy0, w.dilationH(), w.filterH(), w.inH());
        long[] xs = taps(ix0, w.dilationW(), w.filterW(), w.inW());
        if (ys[0] >= ys[1] || xs[0] >= xs[1]) {
            return new long[] {0, 0};
        }
        long firstRow = n * w.inH() + iy0 + ys[0] * w.dilationH();
        long lastRow = n * w.inH() + iy0 + (ys[1] - 1) * w.dilationH();
        long from = (firstRow * w.inW() + ix0 + xs[0] * w.dilationW()) * channels;
        long to = (lastRow * w.inW() + ix0 + (xs[1] - 1) * w.dilationW() + 1) * channels;
        return new long[] {from, to};
    }

    /** The taps [first, last) of {@code count} at start + tap * step that lie in [0, size). */
    private static long[] taps(long start, int step, int count, int size) {
        long lo = start >= 0 ? 0 : (-start + step - 1) / step;
        long hi = size - start <= 0 ? 0 : (size - start + step - 1) / step;
        return new long[] {lo, Math.min(hi, count)};
    }

    private static long[] union(long[] a, long[] b) {
        if (a[0] >= a[1]) {
            return b;
        }
        if (b[0] >= b[1]) {
            return a;
        }
        return new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])};
    }
}
