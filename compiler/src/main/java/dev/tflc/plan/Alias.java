package dev.tflc.plan;

/**
 * A declaration that tensor {@code inner}'s bytes are bytes {@code [offset, offset + size of inner)} of
 * tensor {@code outer}: a re-view of its input (offset 0, one size), an input of a concatenation
 * inside its output, or an output of a split inside its input, as the graph's operator defines it.
 */
public record Alias(int outer, int inner, long offset) {
}
