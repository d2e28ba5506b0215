package dev.tflc.ops;

/**
 * The geometry of a 2-D sliding window over an NHWC tensor: sizes, strides, dilation and the
 * padding before the first row and column.
 */
public record Window(int batches, int inH, int inW, int filterH, int filterW, int strideH, int strideW,
        int dilationH, int dilationW, int padH, int padW, int outH, int outW) {

    /**
     * The options field of explicit padding: {top, bottom, left, right}. No .tflite file carries it
     * (the schema has only SAME and VALID); FoldPadIntoConvolution sets it when it folds a PAD into
     * the window's operator, and it then replaces the padding option.
     */
    public static final String EXPLICIT_PADDING = "explicitPadding";

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
        int[] explicit = node.options().getInts(EXPLICIT_PADDING);
        if (explicit != null) {
            return explicit(node, batches, inH, inW, filterH, filterW, strideH, strideW, dilationH, dilationW,
                    explicit);
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

    /** The window over the input padded by {@code pads} (top, bottom, left, right) with VALID padding. */
    private static Window explicit(Node node, int batches, int inH, int inW, int filterH, int filterW, int strideH,
            int strideW, int dilationH, int dilationW, int[] pads) {
        if (pads.length != 4 || java.util.Arrays.stream(pads).anyMatch(p -> p < 0 || p > 1 << 16)) {
            throw node.error("explicit padding " + java.util.Arrays.toString(pads) + " is not 4 sizes");
        }
        int outH = Padding.VALID.outSize(inH + pads[0] + pads[1], filterH, strideH, dilationH);
        int outW = Padding.VALID.outSize(inW + pads[2] + pads[3], filterW, strideW, dilationW);
        if (outH < 1 || outW < 1) {
            throw node.error("window " + filterH + "x" + filterW + " does not fit the padded input");
        }
        return new Window(batches, inH, inW, filterH, filterW, strideH, strideW, dilationH, dilationW, pads[0],
                pads[2], outH, outW);
    }
}
