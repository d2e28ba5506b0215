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
     * {@code inPlace} may share its input's bytes: the strategies plan the buffers once apart and once
     * with the declared pairs that save memory joined into one buffer each (the output at the distance
     * from its input that keeps the joined buffer smallest, among those its access order allows), and
     * the joined plan is kept when its arena is smaller.
     */
    public static MemoryPlan plan(List<Buffer> buffers, List<InPlace> inPlace, int alignment) {
        MemoryPlan apart = smallest(buffers, alignment);
        MemoryPlan plan = apart;
        if (!inPlace.isEmpty()) {
            Joined joined = Joined.of(buffers, inPlace, alignment);
            MemoryPlan together = joined.expand(smallest(joined.buffers(), alignment), buffers);
            MemoryPlan shaped = joined.shaped(buffers, alignment);
            if (shaped.arenaBytes() < together.arenaBytes()) {
                together = shaped;
            }
            boolean better = together.arenaBytes() < apart.arenaBytes();
            MemoryPlan chosen = better ? together : apart;
            plan = new MemoryPlan(chosen.placements(), chosen.arenaBytes(), apart.lowerBoundBytes(), alignment,
                    chosen.persistentBytes(), Math.min(apart.lowerBoundBytes(), shaped.inPlaceLowerBoundBytes()),
                    better ? joined.pairs() : List.of());
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
     * Buffers with in-place pairs joined: each chain of pairs (an input is last read by one operator,
     * an output first written by one) becomes one buffer, as large as the span of its members at their
     * offsets {@code relative} to the chain, live from the first member's first use to the last
     * member's last use, and named by its first member in input order. Pairs are joined in step order,
     * each output at the aligned distance from its input, among those its access order allows, that
     * keeps the chain's span smallest; a pair that would save no byte over the two apart is left out.
     * {@code groupOf} maps each buffer id to its chain's id, {@code pairs} the pairs joined.
     */
    private record Joined(List<Buffer> buffers, Map<Integer, Integer> groupOf, Map<Integer, Long> relative,
            List<InPlace> pairs) {
        static Joined of(List<Buffer> buffers, List<InPlace> inPlace, int alignment) {
            Map<Integer, Buffer> byId = new HashMap<>();
            Map<Integer, Integer> groupOf = new HashMap<>();
            Map<Integer, Long> relative = new HashMap<>();
            Map<Integer, long[]> span = new HashMap<>();
            for (Buffer b : buffers) {
                byId.put(b.id(), b);
                groupOf.put(b.id(), b.id());
                relative.put(b.id(), 0L);
                span.put(b.id(), new long[] {0, b.size()});
            }
            List<InPlace> pairs = new ArrayList<>();
            List<InPlace> byStep = new ArrayList<>(inPlace);
            byStep.sort(Comparator.comparingInt(InPlace::step));
            for (InPlace p : byStep) {
                Buffer in = byId.get(p.input());
                Buffer out = byId.get(p.output());
                if (in == null || out == null) {
                    throw new IllegalArgumentException(p.describe() + " names a buffer that is not planned");
                }
                int g = groupOf.get(in.id());
                if (groupOf.get(out.id()) != out.id() || g == out.id() || in.persistent() || out.persistent()) {
                    continue; // the output already joined: not a chain
                }
                long[] s = span.get(g);
                long at = relative.get(in.id());
                Long delta = bestDelta(p, at, s, out.size(), alignment);
                if (delta == null) {
                    continue;
                }
                long from = at + delta;
                s[0] = Math.min(s[0], from);
                s[1] = Math.max(s[1], from + out.size());
                relative.put(out.id(), from);
                groupOf.put(out.id(), g);
                span.remove(out.id());
                pairs.add(p);
            }
            // a chain is named by its member earliest in the input
            Map<Integer, Integer> name = new HashMap<>();
            for (Buffer b : buffers) {
                name.putIfAbsent(groupOf.get(b.id()), b.id());
            }
            Map<Integer, Buffer> groups = new java.util.LinkedHashMap<>();
            Map<Integer, Integer> named = new HashMap<>();
            Map<Integer, Long> shifted = new HashMap<>();
            for (Buffer b : buffers) {
                int g = groupOf.get(b.id());
                int id = name.get(g);
                named.put(b.id(), id);
                long[] s = span.get(g);
                shifted.put(b.id(), relative.get(b.id()) - s[0]);
                Buffer seen = groups.get(id);
                long size = s[1] - s[0];
                groups.put(id, seen == null ? new Buffer(id, size, b.firstUse(), b.lastUse(), b.persistent())
                        : new Buffer(id, size, Math.min(seen.firstUse(), b.firstUse()),
                                Math.max(seen.lastUse(), b.lastUse()), seen.persistent() || b.persistent()));
            }
            return new Joined(List.copyOf(groups.values()), named, shifted, List.copyOf(pairs));
        }

        /**
         * The distance from the input (at {@code at} in a chain spanning {@code span}) to the output of
         * {@code outSize} bytes that keeps the span smallest, among the aligned distances the pair's
         * access order allows, or null when none saves memory over the two apart.
         */
        private static Long bestDelta(InPlace p, long at, long[] span, long outSize, int alignment) {
            long below = p.access().below();
            long above = p.access().above();
            List<Long> candidates = new ArrayList<>();
            long bottom = span[0] - at;
            long top = -Math.floorDiv(-(span[1] - outSize - at), alignment) * alignment;
            if (below == Long.MAX_VALUE) {
                // nothing is read after any write: anywhere
                candidates.add(bottom);
            } else {
                long tight = Math.floorDiv(below, alignment) * alignment;
                candidates.add(Math.min(tight, bottom));
                candidates.add(tight);
            }
            if (above != Long.MIN_VALUE) {
                long tight = -Math.floorDiv(-above, alignment) * alignment;
                candidates.add(Math.max(tight, top));
                candidates.add(tight);
            }
            if (p.access().atItsPlaceOnly()) {
                candidates.add(0L); // at the input's own offset, which no bound above describes
            }
            Long best = null;
            long bestSpan = Long.MAX_VALUE;
            for (long d : candidates) {
                long size = Math.max(span[1], at + d + outSize) - Math.min(span[0], at + d);
                if (size < bestSpan) {
                    bestSpan = size;
                    best = d;
                }
            }
            long apart = (span[1] - span[0]) + Alignment.up(outSize, alignment);
            return best != null && bestSpan < apart ? best : null;
        }

        /**
         * A plan of {@code original} that places each chain by its members ({@link ShapedPlacer}), above
         * the persistent buffers' region; its in-place lower bound counts the bytes each chain's live
         * members cover.
         */
        MemoryPlan shaped(List<Buffer> original, int alignment) {
            Map<Integer, List<ShapedPlacer.Member>> chains = new java.util.LinkedHashMap<>();
            long region = 0;
            Map<Integer, Long> offsets = new HashMap<>();
            long persistent = 0;
            for (Buffer b : original) {
                if (b.persistent()) {
                    offsets.put(b.id(), region);
                    region = Alignment.up(region + b.size(), alignment);
                    persistent += Alignment.up(b.size(), alignment);
                    continue;
                }
                chains.computeIfAbsent(groupOf.get(b.id()), k -> new ArrayList<>())
                        .add(new ShapedPlacer.Member(b, relative.get(b.id()), Alignment.up(b.size(), alignment)));
            }
            List<List<ShapedPlacer.Member>> list = List.copyOf(chains.values());
            long base = region;
            ShapedPlacer.place(list).forEach((id, offset) -> offsets.put(id, base + offset));
            List<Placement> placements = new ArrayList<>(original.size());
            long end = region;
            for (Buffer b : original) {
                long offset = offsets.get(b.id());
                placements.add(new Placement(b.id(), offset, b.size()));
                end = Math.max(end, offset + b.size());
            }
            long bound = lowerBound(original, alignment);
            return new MemoryPlan(placements, Alignment.up(end, alignment), bound, alignment, region,
                    persistent + ShapedPlacer.lowerBound(list), List.of());
        }

        /** The plan of the joined buffers as a plan of {@code original}: each at its chain's offset plus its own. */
        MemoryPlan expand(MemoryPlan joined, List<Buffer> original) {
            Map<Integer, Long> offsets = new HashMap<>();
            joined.placements().forEach(p -> offsets.put(p.id(), p.offset()));
            List<Placement> placements = new ArrayList<>(original.size());
            for (Buffer b : original) {
                placements.add(new Placement(b.id(), offsets.get(groupOf.get(b.id())) + relative.get(b.id()), b.size()));
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
