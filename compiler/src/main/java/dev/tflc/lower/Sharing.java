package dev.tflc.lower;

import java.util.List;

/**
 * The inputs (positions, in order of preference) whose memory a layer's output 0 may share, and for
 * each the order in which its call reads that input and writes the output ({@link Access}): what an
 * {@link Implementation} allows, and what the arena's planner is given per step.
 */
public record Sharing(List<Integer> positions, List<Access> accesses) {
    public static final Sharing NONE = new Sharing(List.of(), List.of());

    public Sharing {
        positions = List.copyOf(positions);
        accesses = List.copyOf(accesses);
        if (positions.size() != accesses.size()) {
            throw new IllegalArgumentException("in-place inputs " + positions + " without their access orders");
        }
    }

    /** The inputs at {@code positions}, each read in the order {@code access}. */
    public Sharing(List<Integer> positions, Access access) {
        this(positions, java.util.Collections.nCopies(positions.size(), access));
    }

    /** The order for the input at {@code position}, or null when its memory is not shared. */
    public Access access(int position) {
        int k = positions.indexOf(position);
        return k < 0 ? null : accesses.get(k);
    }
}
