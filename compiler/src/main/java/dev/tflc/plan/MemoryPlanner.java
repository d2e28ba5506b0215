package dev.tflc.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans buffers into one arena: runs placement strategies, keeps the smallest arena, and has
 * {@link PlanChecker} prove the result before returning it.
 */
public final class MemoryPlanner {
    private MemoryPlanner() {
    }

    /** Every strategy {@link #plan(List, int)} tries, in the order ties are settled. */
    public static List<Strategy> strategies() {
        return List.of(new GreedyBySize(), new GreedyByConflict(), new GreedyByLifetime(),
                new GreedyByFirstUse(), new BestFitBySize(), new HillClimb());
    }

    /** The smallest plan any known strategy finds (the first of equals), checked. */
    public static MemoryPlan plan(List<Buffer> buffers, int alignment) {
        MemoryPlan best = null;
        for (Strategy strategy : strategies()) {
            MemoryPlan candidate = build(buffers, alignment, strategy);
            if (best == null || candidate.arenaBytes() < best.arenaBytes()) {
                best = candidate;
            }
        }
        PlanChecker.check(buffers, best);
        return best;
    }

    /** The plan {@code strategy} makes, checked. */
    public static MemoryPlan plan(List<Buffer> buffers, int alignment, Strategy strategy) {
        MemoryPlan plan = build(buffers, alignment, strategy);
        PlanChecker.check(buffers, plan);
        return plan;
    }

    /**
     * The largest total of sizes, each rounded up to {@code alignment}, of buffers live at one step,
     * persistent buffers counting at every step: no plan's arena can be smaller.
     */
    public static long lowerBound(List<Buffer> buffers, int alignment) {
        Alignment.require(alignment);
        // +size at a buffer's first step, -size just after its last; at equal steps, ends come first.
        List<long[]> events = new ArrayList<>(2 * buffers.size());
        long persistent = 0;
        for (Buffer b : buffers) {
            long size = Alignment.up(b.size(), alignment);
            if (b.persistent()) {
                persistent += size;
                continue;
            }
            events.add(new long[] {b.firstUse(), size});
            events.add(new long[] {(long) b.lastUse() + 1, -size});
        }
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        long live = 0;
        long peak = 0;
        for (long[] e : events) {
            live += e[1];
            peak = Math.max(peak, live);
        }
        return persistent + peak;
    }

    /**
     * Persistent buffers go one after another from offset 0, a region of their own; the strategy
     * places the others above it.
     */
    private static MemoryPlan build(List<Buffer> buffers, int alignment, Strategy strategy) {
        Alignment.require(alignment);
        Map<Integer, Long> offsets = new HashMap<>();
        List<Buffer> transients = new ArrayList<>(buffers.size());
        long region = 0;
        for (Buffer b : buffers) {
            if (b.persistent()) {
                offsets.put(b.id(), region);
                region = Alignment.up(region + b.size(), alignment);
            } else {
                transients.add(b);
            }
        }
        long base = region;
        strategy.place(transients, alignment).forEach((id, offset) -> offsets.put(id, base + offset));
        List<Placement> placements = new ArrayList<>(buffers.size());
        long end = region;
        for (Buffer b : buffers) {
            Long offset = offsets.get(b.id());
            if (offset != null) {
                placements.add(new Placement(b.id(), offset, b.size()));
                end = Math.max(end, offset + b.size());
            }
        }
        return new MemoryPlan(placements, Alignment.up(end, alignment), lowerBound(buffers, alignment), alignment,
                region);
    }
}
