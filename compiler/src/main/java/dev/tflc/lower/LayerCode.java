package dev.tflc.lower;

import java.util.List;

/**
 * C code that an implementation emits for its layer alone, in the generated source ahead of the
 * layer calls: constant arrays (flash) and the text of the static functions that use them, the one
 * the layer's {@link CCall} calls among them. Names start with the layer's name ({@link Layer#name()})
 * so that they are unique in the generated source.
 */
public record LayerCode(List<Array> arrays, String functions) {
    public LayerCode {
        arrays = List.copyOf(arrays);
    }

    /** {@code static const TYPE NAME[] = { values };} with {@code comment} above it. */
    public record Array(String type, String name, String comment, int[] values) {
    }
}
