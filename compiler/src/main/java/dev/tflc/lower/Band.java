package dev.tflc.lower;

import dev.tflc.ir.TensorType;
import dev.tflc.ops.Window;

/**
 * How a window layer (a convolution or depthwise convolution of one batch) runs on a band of its
 * output rows, for patch-based execution: {@code function} computes output rows from a band of input
 * rows, called as {@code function(input, output[, scratch], in_h, pad_h, out_h)}, where {@code input}
 * holds {@code in_h} whole input rows, {@code pad_h} is how many rows above the first of them the
 * window of the band's first output row starts (negative: below), and {@code output} receives
 * {@code out_h} whole output rows, one after another. {@code code} is the layer's own code with that
 * function in place of the layer's whole-tensor one (the same arrays), or null when the function is
 * the layer's call itself with its window struct ({@code tflc_window_t}) given the band's rows, which
 * code generation writes; {@code scratch} whether the function takes the layer's scratch.
 * {@code window} is the layer's whole window, {@code inC} and {@code outC} its channels, {@code type}
 * the type of its input and output elements.
 */
public record Band(String function, LayerCode code, boolean scratch, Window window, int inC, int outC,
        TensorType type) {
    public Band {
        if (window.batches() != 1) {
            throw new IllegalArgumentException("a band runs one batch, not " + window.batches());
        }
    }

    /** Bytes of one input or output element. */
    public int elementBytes() {
        return type.bytes();
    }

    /** Bytes of one input row. */
    public long inRowBytes() {
        return (long) window.inW() * inC * elementBytes();
    }

    /** Bytes of one output row. */
    public long outRowBytes() {
        return (long) window.outW() * outC * elementBytes();
    }

    /** The first input row the output rows from {@code lo} read (0 at the top padding). */
    public int firstInputRow(int lo) {
        return Math.max(0, lo * window.strideH() - window.padH());
    }

    /** One past the last input row the output rows before {@code hi} read (at most the input's height). */
    public int endInputRow(int hi) {
        long last = (long) (hi - 1) * window.strideH() - window.padH()
                + (long) (window.filterH() - 1) * window.dilationH();
        return (int) Math.min(window.inH(), last + 1);
    }
}
