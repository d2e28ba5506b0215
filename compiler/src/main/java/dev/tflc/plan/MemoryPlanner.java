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
        return plan(buffers, List.of(), alignment);
    }

    /**
     * The smallest plan any known strategy finds (the first of equals), checked, where each output of
     * {@code inPlace} may take its input's bytes: the strategies plan the buffers once apart and once
     * with every declared pair joined into one buffer (its output at its input's offset), and the
     * joined plan is kept when its arena is smaller.
     */
    public static MemoryPlan plan(List<Buffer> buffers, List<InPlace> inPlace, int alignment) {
        MemoryPlan apart = smallest(buffers, alignment);
        MemoryPlan plan = apart;
        if (!inPlace.isEmpty()) {
            Joined joined = Joined.of(buffers, inPlace);
            MemoryPlan together = smallest(joined.buffers(), alignment);
            boolean better = together.arenaBytes() < apart.arenaBytes();
            MemoryPlan chosen = better ? joined.expand(together, buffers) : apart;
            plan = new MemoryPlan(chosen.placements(), chosen.arenaBytes(), apart.lowerBoundBytes(), alignment,
                    chosen.persistentBytes(), together.lowerBoundBytes(), better ? inPlace : List.of());
        }
        PlanChecker.check(buffers, inPlace, plan);
        return plan;
    }

    /** The plan {@code strategy} makes, checked. */
    public static MemoryPlan plan(List<Buffer> buffers, int alignment, Strategy strategy) {
        MemoryPlan plan = build(buffers, alignment, strategy);
        PlanChecker.check(buffers, plan);
        return plan;
    }

    /** The smallest plan of the strategies (the first of equals), unchecked. */
    private static MemoryPlan smallest(List<Buffer> buffers, int alignment) {
        MemoryPlan best = null;
        for (Strategy strategy : strategies()) {
            MemoryPlan candidate = build(buffers, alignment, strategy);
            if (best == null || candidate.arenaBytes() < best.arenaBytes()) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * Buffers with the declared in-place pairs joined: each group linked by pairs becomes one buffer,
     * named by its first member in input order, as large as its largest member and live from the first
     * member's first use to the last member's last use. {@code groupOf} maps each buffer id to its
     * group's id.
     */
    private record Joined(List<Buffer> buffers, Map<Integer, Integer> groupOf) {
        static Joined of(List<Buffer> buffers, List<InPlace> inPlace) {
            Map<Integer, Integer> parent = new HashMap<>();
            Map<Integer, Integer> position = new HashMap<>();
            for (int i = 0; i < buffers.size(); i++) {
                parent.put(buffers.get(i).id(), buffers.get(i).id());
                position.put(buffers.get(i).id(), i);
            }
            for (InPlace p : inPlace) {
                if (!parent.containsKey(p.input()) || !parent.containsKey(p.output())) {
                    throw new IllegalArgumentException(p.describe() + " names a buffer that is not planned");
                }
                int a = root(parent, p.input());
                int b = root(parent, p.output());
                // the group is named by its member earliest in the input
                if (position.get(a) < position.get(b)) {
                    parent.put(b, a);
                } else {
                    parent.put(a, b);
                }
            }
            Map<Integer, Buffer> groups = new java.util.LinkedHashMap<>();
            Map<Integer, Integer> groupOf = new HashMap<>();
            for (Buffer b : buffers) {
                int g = root(parent, b.id());
                groupOf.put(b.id(), g);
                Buffer seen = groups.get(g);
                groups.put(g, seen == null ? new Buffer(g, b.size(), b.firstUse(), b.lastUse(), b.persistent())
                        : new Buffer(g, Math.max(seen.size(), b.size()), Math.min(seen.firstUse(), b.firstUse()),
                                Math.max(seen.lastUse(), b.lastUse()), seen.persistent() || b.persistent()));
            }
            return new Joined(List.copyOf(groups.values()), groupOf);
        }

        private static int root(Map<Integer, Integer> parent, int id) {
            while (parent.get(id) != id) {
                id = parent.get(id);
            }
            return id;
        }

        /** The plan of the joined buffers as a plan of {@code original}: each at its group's offset. */
        MemoryPlan expand(MemoryPlan joined, List<Buffer> original) {
            Map<Integer, Long> offsets = new HashMap<>();
            joined.placements().forEach(p -> offsets.put(p.id(), p.offset()));
            List<Placement> placements = new ArrayList<>(original.size());
            for (Buffer b : original) {
                placements.add(new Placement(b.id(), offsets.get(groupOf.get(b.id())), b.size()));
            }
            return new MemoryPlan(placements, joined.arenaBytes(), joined.lowerBoundBytes(), joined.alignment(),
                    joined.persistentBytes());
        }
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
