package dev.tflc.plan;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Proves a memory plan sound, knowing nothing of how it was made: every buffer has exactly one
 * placement of its own size, every offset is a non-negative multiple of the alignment, every buffer
 * ends within the arena, no two buffers live at the same step share a byte, and persistent buffers
 * (state kept between runs) share no byte with any other buffer and lie in the plan's persistent
 * region at the start of the arena, where no other buffer lies. The one exception to "no shared byte"
 * is an in-place pair the plan uses: an output placed over its input at the step where the input is
 * last read and the output first written, at a distance where the operator's declared order of reads
 * and writes ({@link InPlace#access()}) writes no input byte before its last read; the checker proves
 * each of these facts itself, walking every block of that order, and rejects every other overlap.
 */
public final class PlanChecker {
    private PlanChecker() {
    }

    /** Returns if {@code plan} is a sound plan for {@code buffers}, else throws {@link PlanException}. */
    public static void check(List<Buffer> buffers, MemoryPlan plan) {
        check(buffers, List.of(), plan);
    }

    /**
     * Returns if {@code plan} is a sound plan for {@code buffers} where the pairs of {@code declared}
     * may share their bytes, else throws {@link PlanException}.
     */
    public static void check(List<Buffer> buffers, List<InPlace> declared, MemoryPlan plan) {
        int alignment = plan.alignment();
        if (alignment < 1 || Integer.bitCount(alignment) != 1) {
            throw new PlanException("alignment " + alignment + " is not a power of two");
        }
        if (!Alignment.isMultiple(plan.arenaBytes(), alignment)) {
            throw new PlanException("arena of " + plan.arenaBytes() + " bytes is not a multiple of alignment " + alignment);
        }
        Map<Integer, Buffer> byId = new HashMap<>();
        for (Buffer b : buffers) {
            if (byId.putIfAbsent(b.id(), b) != null) {
                throw new PlanException("buffer id " + b.id() + " appears twice in the input");
            }
        }
        Map<Integer, Placement> placed = new HashMap<>();
        for (Placement p : plan.placements()) {
            Buffer b = byId.get(p.id());
            if (b == null) {
                throw new PlanException("placement at offset " + p.offset() + " is for buffer " + p.id() + ", which is not in the input");
            }
            if (placed.putIfAbsent(p.id(), p) != null) {
                throw new PlanException("buffer " + b.describe() + " is placed twice");
            }
            checkOne(b, p, plan);
        }
        for (Buffer b : buffers) {
            if (!placed.containsKey(b.id())) {
                throw new PlanException("buffer " + b.describe() + " has no placement");
            }
        }
        Set<Long> sharing = checkInPlace(byId, placed, declared, plan);
        checkNoOverlap(buffers, placed, sharing);
        checkPersistent(buffers, placed, plan);
    }

    /**
     * Checks each declared pair (both buffers planned, distinct, not persistent, the input last used and
     * the output first used at the pair's step, the access order within both buffers) and that each
     * pair the plan uses is declared and places its output where its access order overwrites no input
     * byte before its last read. Returns the pairs the plan uses, as keys of {@link #key}.
     */
    private static Set<Long> checkInPlace(Map<Integer, Buffer> byId, Map<Integer, Placement> placed,
            List<InPlace> declared, MemoryPlan plan) {
        for (InPlace p : declared) {
            Buffer in = byId.get(p.input());
            Buffer out = byId.get(p.output());
            String problem = in == null || out == null ? "names a buffer that is not in the input"
                    : in == out ? "has one buffer on both sides"
                    : in.persistent() || out.persistent() ? "has a persistent buffer"
                    : p.access() == null ? "has no access order"
                    : outside(p.access(), in.size(), out.size()) != null ? outside(p.access(), in.size(), out.size())
                    : in.lastUse() != p.step() ? "has input " + in.describe() + " read after its step"
                    : out.firstUse() != p.step() ? "has output " + out.describe() + " live before its step"
                    : null;
            if (problem != null) {
                throw new PlanException("declared " + p.describe() + " " + problem);
            }
        }
        Set<Long> sharing = new HashSet<>();
        for (InPlace p : plan.inPlace()) {
            if (!declared.contains(p)) {
                throw new PlanException("the plan uses " + p.describe() + ", which is not declared");
            }
            Placement in = placed.get(p.input());
            Placement out = placed.get(p.output());
            String violation = p.access().violation(out.offset() - in.offset());
            if (violation != null) {
                throw new PlanException("the plan uses " + p.describe() + " but places the output at " + range(out)
                        + " and the input at " + range(in) + ": " + violation);
            }
            sharing.add(key(p.input(), p.output()));
        }
        return sharing;
    }

    /**
     * Returns if the tensors {@code regions} lie soundly in the buffers of {@code plan} (made for
     * {@code buffers}), else throws {@link PlanException}: each region lies within its buffer's bytes
     * and lifetime; each declared alias ({@code aliases}) places its inner tensor in the same buffer as
     * its outer one, at the declared offset within the outer tensor's bytes, and no tensor lies inside
     * two others; and two tensors of one buffer live at a common step share bytes only where one holds
     * the other by declaration (a re-view holds the same bytes as its input, a whole those of its
     * parts), so that the parts of one whole, for one, never overlap while live. A region in rows
     * (the part of a concatenation along the channels) holds only its rows' bytes: the parts
     * interleaved in one whole share none.
     */
    public static void checkRegions(List<Buffer> buffers, MemoryPlan plan, List<Region> regions, List<Alias> aliases) {
        Map<Integer, Buffer> byId = new HashMap<>();
        buffers.forEach(b -> byId.put(b.id(), b));
        Map<Integer, Region> regionOf = new HashMap<>();
        for (Region r : regions) {
            Buffer b = byId.get(r.buffer());
            if (b == null) {
                throw new PlanException(r.describe() + " lies in a buffer that is not planned");
            }
            plan.of(b.id());
            if (r.at() < 0 || r.at() + r.span() > b.size() || r.firstUse() < b.firstUse() || r.lastUse() > b.lastUse()) {
                throw new PlanException(r.describe() + " lies outside buffer " + b.describe());
            }
            if (regionOf.putIfAbsent(r.id(), r) != null) {
                throw new PlanException("tensor " + r.id() + " has two regions");
            }
        }
        // re-views (the same bytes) make one class; a class lies inside at most one other (its whole)
        Map<Integer, Integer> sameAs = new HashMap<>();
        for (Alias a : aliases) {
            Region outer = regionOf.get(a.outer());
            Region inner = regionOf.get(a.inner());
            if (outer == null || inner == null) {
                throw new PlanException("declared alias of tensor " + a.inner() + " in tensor " + a.outer()
                        + " names a tensor without a region");
            }
            if (inner.buffer() != outer.buffer() || inner.at() != outer.at() + a.offset() || a.offset() < 0
                    || a.offset() + inner.span() > outer.span() || inner.rowBytes() != a.rowBytes()
                    || inner.rowBytes() > 0 && inner.rowStride() != a.rowStride() || outer.rowBytes() > 0) {
                throw new PlanException(inner.describe() + " is declared at byte " + a.offset() + " of "
                        + outer.describe() + (a.rowBytes() > 0 ? " in rows of " + a.rowBytes() + " every "
                        + a.rowStride() : "") + " but does not lie there");
            }
            if (a.offset() == 0 && inner.size() == outer.size()) {
                sameAs.put(classOf(sameAs, inner.id()), classOf(sameAs, outer.id()));
            }
        }
        Map<Integer, Integer> insideOf = new HashMap<>();
        for (Alias a : aliases) {
            int inner = classOf(sameAs, a.inner());
            int outer = classOf(sameAs, a.outer());
            if (inner != outer) {
                Integer earlier = insideOf.putIfAbsent(inner, outer);
                if (earlier != null && earlier != outer) {
                    throw new PlanException("tensor " + a.inner() + " is declared inside two tensors, " + a.outer()
                            + " and another of tensor " + earlier + "'s bytes");
                }
            }
        }
        Map<Integer, List<Region>> byBuffer = new HashMap<>();
        regions.forEach(r -> byBuffer.computeIfAbsent(r.buffer(), k -> new java.util.ArrayList<>()).add(r));
        for (List<Region> in : byBuffer.values()) {
            for (int i = 0; i < in.size(); i++) {
                for (int j = i + 1; j < in.size(); j++) {
                    Region a = in.get(i);
                    Region b = in.get(j);
                    boolean together = a.firstUse() <= b.lastUse() && b.firstUse() <= a.lastUse();
                    boolean overlap = a.overlaps(b);
                    if (together && overlap && !holds(sameAs, insideOf, a.id(), b.id())
                            && !holds(sameAs, insideOf, b.id(), a.id())) {
                        throw new PlanException(a.describe() + " and " + b.describe()
                                + " are live together and share bytes, and neither holds the other");
                    }
                }
            }
        }
    }

    /** The class of tensor {@code t}: the representative of the re-views of one another it belongs to. */
    private static int classOf(Map<Integer, Integer> sameAs, int t) {
        while (sameAs.containsKey(t) && sameAs.get(t) != t) {
            t = sameAs.get(t);
        }
        return t;
    }

    /** Whether tensor {@code outer}'s bytes hold tensor {@code inner}'s by declaration. */
    private static boolean holds(Map<Integer, Integer> sameAs, Map<Integer, Integer> insideOf, int outer, int inner) {
        int target = classOf(sameAs, outer);
        Integer c = classOf(sameAs, inner);
        for (int guard = 0; c != null && guard <= insideOf.size(); guard++) {
            if (c == target) {
                return true;
            }
            c = insideOf.get(c);
        }
        return false;
    }

    /** Why {@code access} reaches outside an input of {@code in} and an output of {@code out} bytes, or null. */
    private static String outside(dev.tflc.lower.Access access, long in, long out) {
        for (int b = 0; b < access.blocks(); b++) {
            boolean reads = access.readTo(b) > access.readFrom(b);
            if (access.writeFrom(b) < 0 || access.writeTo(b) > out || reads && (access.readFrom(b) < 0
                    || access.readTo(b) > in)) {
                return "has block " + b + " outside its buffers (writes [" + access.writeFrom(b) + ", "
                        + access.writeTo(b) + ") of " + out + " bytes, reads [" + access.readFrom(b) + ", "
                        + access.readTo(b) + ") of " + in + ")";
            }
        }
        return null;
    }

    /** One key for the unordered pair of buffer ids {@code a} and {@code b}. */
    private static long key(int a, int b) {
        return (long) Math.min(a, b) << 32 | (Math.max(a, b) & 0xFFFF_FFFFL);
    }

    private static void checkPersistent(List<Buffer> buffers, Map<Integer, Placement> placed, MemoryPlan plan) {
        long region = plan.persistentBytes();
        if (region < 0 || region > plan.arenaBytes()) {
            throw new PlanException("persistent region of " + region + " bytes does not fit the arena of "
                    + plan.arenaBytes() + " bytes");
        }
        for (Buffer b : buffers) {
            Placement p = placed.get(b.id());
            if (b.persistent() ? p.end() > region : p.offset() < region) {
                throw new PlanException("buffer " + b.describe() + " at " + range(p) + " is " + (b.persistent()
                        ? "persistent but ends past" : "not persistent but starts inside") + " the persistent region [0, "
                        + region + ")");
            }
        }
        for (Buffer a : buffers) {
            if (!a.persistent()) {
                continue;
            }
            Placement pa = placed.get(a.id());
            for (Buffer b : buffers) {
                Placement pb = placed.get(b.id());
                if (b != a && pa.offset() < pb.end() && pb.offset() < pa.end()) {
                    throw new PlanException("persistent buffer " + a.describe() + " at " + range(pa) + " and buffer "
                            + b.describe() + " at " + range(pb) + " overlap");
                }
            }
        }
    }

    private static void checkOne(Buffer b, Placement p, MemoryPlan plan) {
        if (p.size() != b.size()) {
            throw new PlanException("buffer " + b.describe() + " is placed with size " + p.size());
        }
        if (p.offset() < 0) {
            throw new PlanException("buffer " + b.describe() + " is placed at negative offset " + p.offset());
        }
        if (!Alignment.isMultiple(p.offset(), plan.alignment())) {
            throw new PlanException("buffer " + b.describe() + " at offset " + p.offset()
                    + " is not aligned to " + plan.alignment() + " bytes");
        }
        if (p.end() > plan.arenaBytes()) {
            throw new PlanException("buffer " + b.describe() + " at " + range(p)
                    + " ends past the arena of " + plan.arenaBytes() + " bytes");
        }
    }

    /** Sweeps buffers by first use: each one meets only those that start before it dies. */
    private static void checkNoOverlap(List<Buffer> buffers, Map<Integer, Placement> placed, Set<Long> sharing) {
        int[] byStart = IntStream.range(0, buffers.size()).boxed()
                .sorted(Comparator.comparingInt(i -> buffers.get(i).firstUse()))
                .mapToInt(Integer::intValue).toArray();
        for (int i = 0; i < byStart.length; i++) {
            Buffer a = buffers.get(byStart[i]);
            Placement pa = placed.get(a.id());
            for (int j = i + 1; j < byStart.length; j++) {
                Buffer b = buffers.get(byStart[j]);
                if (b.firstUse() > a.lastUse()) {
                    break;
                }
                Placement pb = placed.get(b.id());
                if (pa.offset() < pb.end() && pb.offset() < pa.end() && !sharing.contains(key(a.id(), b.id()))) {
                    throw new PlanException("buffers " + a.describe() + " at " + range(pa) + " and "
                            + b.describe() + " at " + range(pb) + " are live together and overlap");
                }
            }
        }
    }

    private static String range(Placement p) {
        return "[" + p.offset() + ", " + p.end() + ")";
    }
}
