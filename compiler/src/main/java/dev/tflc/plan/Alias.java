package dev.tflc.plan;

/**
 * A declaration that tensor {@code inner}'s bytes lie in tensor {@code outer}'s from byte {@code offset}:
 * a re-view of its input (offset 0, one size), an input of a concatenation inside its output, or an
 * output of a split inside its input, as the graph's operator defines it. Where {@code rowBytes} is
 * above 0, the inner tensor's bytes are rows of that many bytes, {@code rowStride} apart (an input of a
 * concatenation along the channels, interleaved with the others); else one run.
 */
public record Alias(int outer, int inner, long offset, long rowBytes, long rowStride) {
    /** {@code inner}'s bytes as one run from byte {@code offset} of {@code outer}'s. */
    public Alias(int outer, int inner, long offset) {
        this(outer, inner, offset, 0, 0);
    }
}
