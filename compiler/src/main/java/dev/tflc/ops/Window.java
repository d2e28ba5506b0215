package dev.tflc.ops;

/**
 * The geometry of a 2-D sliding window over an NHWC tensor: sizes, strides, dilation and the
 * padding before the first row and column.
 */
public record Window(int batches, int inH, int inW, int filterH, int filterW, int strideH, int strideW,
        int dilationH, int dilationW, int padH, int padW, int outH, int outW) {

    /** Reads strides, dilation and padding from the options and derives output size and padding. */
    static Window of(Node node, int batches, int inH, int inW, int filterH, int filterW) {
        Padding padding = Padding.of(node);
        int strideH = node.options().getInt("strideH", 1);
        int strideW = node.options().getInt("strideW", 1);
        int dilationH = node.options().getInt("dilationHFactor", 1);
        int dilationW = node.options().getInt("dilationWFactor", 1);
        if (strideH < 1 || strideW < 1 || strideH > 1 << 16 || strideW > 1 << 16) {
            throw node.error("stride " + strideH + "x" + strideW + " is not positive");
        }
        if (dilationH < 1 || dilationW < 1 || dilationH > 1 << 16 || dilationW > 1 << 16) {
            throw node.error("dilation " + dilationH + "x" + dilationW + " is not positive");
        }
        if (filterH < 1 || filterW < 1) {
            throw node.error("filter size " + filterH + "x" + filterW + " is not positive");
        }
        int outH = padding.outSize(inH, filterH, strideH, dilationH);
        int outW = padding.outSize(inW, filterW, strideW, dilationW);
        if (outH < 1 || outW < 1) {
            throw node.error("window " + filterH + "x" + filterW + " does not fit the " + inH + "x" + inW + " input");
        }
        return new Window(batches, inH, inW, filterH, filterW, strideH, strideW, dilationH, dilationW,
                Padding.before(strideH, dilationH, inH, filterH, outH),
                Padding.before(strideW, dilationW, inW, filterW, outW), outH, outW);
    }
}
