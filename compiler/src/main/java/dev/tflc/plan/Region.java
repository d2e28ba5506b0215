package dev.tflc.plan;

/**
 * The bytes of one tensor inside a planned buffer: {@code [at, at + size)} of buffer {@code buffer},
 * live from step {@code firstUse} to step {@code lastUse}. Several tensors share one buffer where the
 * graph says they hold the same bytes: a re-view (RESHAPE) and its input, or the parts of a
 * concatenation or split and the whole ({@link Alias}).
 */
public record Region(int id, int buffer, long at, long size, int firstUse, int lastUse) {
    /** {@code tensor 7 (bytes [0, 96) of buffer 3, steps 2..5)}, as diagnostics name a region. */
    String describe() {
        return "tensor " + id + " (bytes [" + at + ", " + (at + size) + ") of buffer " + buffer + ", steps " + firstUse
                + ".." + lastUse + ")";
    }
}
