package dev.tflc.ops;

/** SAME or VALID padding and the window arithmetic of TFLite's padding.h. */
public enum Padding {
    SAME, VALID;

    public static Padding of(Node node) {
        int code = node.options().getInt("padding", 0);
        if (code < 0 || code > 1) {
            throw node.error("unknown padding code " + code);
        }
        return values()[code];
    }

    /** Output size along one axis. */
    public int outSize(int in, int filter, int stride, int dilation) {
        int effective = (filter - 1) * dilation + 1;
        return this == SAME ? (in + stride - 1) / stride : (in + stride - effective) / stride;
    }

    /** Padding before the first element along one axis (the extra odd pixel goes after). */
    public static int before(int stride, int dilation, int in, int filter, int out) {
        int effective = (filter - 1) * dilation + 1;
        int padding = ((out - 1) * stride + effective - in) / 2;
        return Math.max(padding, 0);
    }
}
