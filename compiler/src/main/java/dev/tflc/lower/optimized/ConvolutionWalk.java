package dev.tflc.lower.optimized;

import dev.tflc.lower.Access;
import dev.tflc.lower.AccessOrders;
import dev.tflc.ops.Window;

/**
 * How an optimized convolution layer, int8 or float32, walks its pixels, decided once for both: a 1x1
 * window without padding reads its pixels in place, as the rows of a matrix when its stride is 1 (from
 * the last row when it widens or keeps its pixels, so that its output may start above its input in
 * memory), and any other window gathers two pixels' windows at a time into the scratch.
 */
record ConvolutionWalk(Window window, int inC, int outC, boolean oneByOne, boolean rows, boolean backward) {
    static ConvolutionWalk of(Window w, int inC, int outC) {
        boolean oneByOne = w.filterH() == 1 && w.filterW() == 1 && w.padH() == 0 && w.padW() == 0;
        boolean rows = oneByOne && w.strideH() == 1 && w.strideW() == 1;
        return new ConvolutionWalk(w, inC, outC, oneByOne, rows, rows && outC >= inC);
    }

    long pixels() {
        return (long) window.batches() * window.outH() * window.outW();
    }

    /** The layer function's comment on how it walks: ", pixels as the rows of a matrix, last first". */
    String description() {
        return rows ? ", pixels as the rows of a matrix" + (backward ? ", last first" : "")
                : oneByOne ? ", pixels read in place" : ", two windows at a time gathered in the scratch";
    }

    /** The kernel of {@code tflc_opt_s8.h} or {@code _f32.h} that a rows walk calls ({@code suffix} s8 or f32). */
    String matmul(String suffix) {
        return "tflc_opt_matmul_" + suffix + (backward ? "_backward" : "");
    }

    /** The order in which the walk reads and writes, in elements of {@code size} bytes. */
    Access access(int size) {
        return rows ? AccessOrders.rowPairs(pixels(), inC, outC, backward, size)
                : oneByOne ? AccessOrders.stridedPixelPairs(window, inC, outC, size)
                : AccessOrders.gatheredPairs(window, inC, outC, size);
    }
}
