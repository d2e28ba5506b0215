package dev.tflc.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Places chains of in-place buffers by their members: each chain (a group of buffers at fixed
 * distances from one another) goes at the lowest offset where none of its members overlaps a member
 * of a placed chain live at the same step. A chain seen as one block (its whole span for its whole
 * life, as the strategies see it) keeps bytes that only one early member used until its last member
 * dies; placed by members, the chain leaves those bytes to the buffers live after that member.
 * Plain buffers are chains of one member. Tries three orders (largest span, largest member, earliest
 * first use) and keeps the smallest arena.
 */
final class ShapedPlacer {
    private ShapedPlacer() {
    }

    /** One member of a chain: a buffer at {@code at} bytes from the chain's start. */
    record Member(Buffer buffer, long at, long alignedSize) {
        long end() {
            return at + alignedSize;
        }

        boolean liveWith(Member o) {
            return buffer.firstUse() <= o.buffer.lastUse() && o.buffer.firstUse() <= buffer.lastUse();
        }
    }

    /**
     * Offsets of every buffer of {@code chains} (each a list of members; every {@code at} and size a
     * multiple of the alignment, non-persistent), by buffer id, the smallest arena of the orders tried.
     */
    static Map<Integer, Long> place(List<List<Member>> chains) {
        int n = chains.size();
        long[] span = new long[n];
        long[] largest = new long[n];
        int[] firstUse = new int[n];
        for (int c = 0; c < n; c++) {
            firstUse[c] = Integer.MAX_VALUE;
            for (Member m : chains.get(c)) {
                span[c] = Math.max(span[c], m.end());
                largest[c] = Math.max(largest[c], m.alignedSize());
                firstUse[c] = Math.min(firstUse[c], m.buffer().firstUse());
            }
        }
        List<Comparator<Integer>> orders = List.of(
                Comparator.<Integer>comparingLong(c -> -span[c]),
                Comparator.<Integer>comparingLong(c -> -largest[c]),
                Comparator.<Integer>comparingInt(c -> firstUse[c]).thenComparingLong(c -> -span[c]));
        long[] best = null;
        long bestArena = Long.MAX_VALUE;
        for (Comparator<Integer> order : orders) {
            int[] sequence = IntStream.range(0, n).boxed().sorted(order.thenComparingInt(c -> c))
                    .mapToInt(Integer::intValue).toArray();
            long[] offsets = place(chains, sequence);
            long arena = arena(offsets, span);
            if (arena < bestArena) {
                bestArena = arena;
                best = offsets;
            }
        }
        Map<Integer, Long> result = new java.util.LinkedHashMap<>();
        for (int c = 0; c < n; c++) {
            for (Member m : chains.get(c)) {
                result.put(m.buffer().id(), best[c] + m.at());
            }
        }
        return result;
    }

    private static long arena(long[] offsets, long[] span) {
        long arena = 0;
        for (int c = 0; c < offsets.length; c++) {
            arena = Math.max(arena, offsets[c] + span[c]);
        }
        return arena;
    }

    /** Chain offsets of placing the chains in {@code sequence}, each at the lowest offset it fits. */
    private static long[] place(List<List<Member>> chains, int[] sequence) {
        long[] offsets = new long[chains.size()];
        List<Integer> placed = new ArrayList<>();
        for (int c : sequence) {
            // the offsets b of chain c where member m would overlap member q of a placed chain p: [from, to)
            List<long[]> forbidden = new ArrayList<>();
            for (int p : placed) {
                for (Member m : chains.get(c)) {
                    for (Member q : chains.get(p)) {
                        if (m.liveWith(q)) {
                            long qAt = offsets[p] + q.at();
                            forbidden.add(new long[] {qAt - m.at() - m.alignedSize() + 1, qAt + q.alignedSize() - m.at()});
                        }
                    }
                }
            }
            forbidden.sort(Comparator.comparingLong(f -> f[0]));
            long at = 0;
            for (long[] f : forbidden) {
                if (f[0] > at) {
                    break;
                }
                at = Math.max(at, f[1]);
            }
            offsets[c] = at;
            placed.add(c);
        }
        return offsets;
    }

    /**
     * The most bytes live at one step when each chain's members live at that step count as the bytes
     * they cover at their distances: no placement of these chains can use less.
     */
    static long lowerBound(List<List<Member>> chains) {
        int steps = 0;
        for (List<Member> chain : chains) {
            for (Member m : chain) {
                steps = Math.max(steps, m.buffer().lastUse() + 1);
            }
        }
        long most = 0;
        for (int step = 0; step < steps; step++) {
            final int s = step;
            long live = 0;
            for (List<Member> chain : chains) {
                long[][] ranges = chain.stream().filter(m -> m.buffer().firstUse() <= s && s <= m.buffer().lastUse())
                        .map(m -> new long[] {m.at(), m.end()}).sorted(Comparator.comparingLong(r -> r[0]))
                        .toArray(long[][]::new);
                long end = Long.MIN_VALUE;
                for (long[] r : ranges) {
                    live += Math.max(0, r[1] - Math.max(r[0], end));
                    end = Math.max(end, r[1]);
                }
            }
            most = Math.max(most, live);
        }
        return most;
    }
}
