package dev.tflc.plan;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * A static memory plan: one placement per buffer, in the order of the buffers it was made for;
 * {@code arenaBytes}, the arena it needs (the largest placement end, rounded up to the alignment);
 * {@code lowerBoundBytes}, the largest total of aligned sizes live at any one step, which no plan that
 * keeps every buffer apart from those live with it can beat; the {@code alignment} every offset is a
 * multiple of; {@code persistentBytes}, the region at the start of the arena that holds the
 * persistent buffers (variable tensors) and nothing else; {@code inPlaceLowerBoundBytes}, the same
 * bound where each chain of in-place pairs the planner joined counts as one buffer of the chain's span
 * (no plan with those pairs at those distances can beat it); and {@code inPlace}, the declared pairs
 * this plan uses, each output placed over its input where its access order allows.
 */
public record MemoryPlan(List<Placement> placements, long arenaBytes, long lowerBoundBytes, int alignment,
        long persistentBytes, long inPlaceLowerBoundBytes, List<InPlace> inPlace) {
    public MemoryPlan {
        placements = List.copyOf(placements);
        inPlace = List.copyOf(inPlace);
    }

    /** A plan without in-place pairs. */
    public MemoryPlan(List<Placement> placements, long arenaBytes, long lowerBoundBytes, int alignment,
            long persistentBytes) {
        this(placements, arenaBytes, lowerBoundBytes, alignment, persistentBytes, lowerBoundBytes, List.of());
    }

    /** A plan without persistent buffers or in-place pairs. */
    public MemoryPlan(List<Placement> placements, long arenaBytes, long lowerBoundBytes, int alignment) {
        this(placements, arenaBytes, lowerBoundBytes, alignment, 0);
    }

    /** The placement of buffer {@code id}. */
    public Placement of(int id) {
        for (Placement p : placements) {
            if (p.id() == id) {
                return p;
            }
        }
        throw new NoSuchElementException("no placement for buffer " + id);
    }

    /** Bytes this plan uses beyond the lower bound. */
    public long wasteBytes() {
        return arenaBytes - lowerBoundBytes;
    }
}
