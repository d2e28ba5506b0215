package dev.tflc.plan;

import java.util.List;
import java.util.Map;

/**
 * A placement algorithm. It sees only sizes and lifetimes, and returns an offset for every buffer id
 * such that buffers live at the same step do not overlap. Offsets must be multiples of
 * {@code alignment}, and each buffer is taken to occupy its size rounded up to the alignment. The same
 * input must give the same output.
 */
public interface Strategy {
    /** A short name for reports, such as {@code greedy-by-size}. */
    String name();

    /** The offset of every buffer, by id. */
    Map<Integer, Long> place(List<Buffer> buffers, int alignment);
}
