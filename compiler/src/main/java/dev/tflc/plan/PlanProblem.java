package dev.tflc.plan;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What every strategy starts from: the buffers, their sizes rounded up to the alignment, and for each
 * buffer the others live at some step with it. Buffers are named by their index in the input list.
 */
final class PlanProblem {
    private final List<Buffer> buffers;
    private final int alignment;
    private final long[] alignedSizes;
    private final int[][] conflicts;

    PlanProblem(List<Buffer> buffers, int alignment) {
        Alignment.require(alignment);
        this.buffers = List.copyOf(buffers);
        this.alignment = alignment;
        Set<Integer> ids = new HashSet<>();
        for (Buffer b : this.buffers) {
            if (!ids.add(b.id())) {
                throw new IllegalArgumentException("buffer id " + b.id() + " appears twice");
            }
        }
        this.alignedSizes = this.buffers.stream().mapToLong(b -> Alignment.up(b.size(), alignment)).toArray();
        this.conflicts = conflicts(this.buffers);
    }

    /** Sweeps buffers by first use twice: once to count each one's conflicts, once to list them. */
    private static int[][] conflicts(List<Buffer> buffers) {
        int n = buffers.size();
        int[] byStart = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingInt(i -> buffers.get(i).firstUse()))
                .mapToInt(Integer::intValue).toArray();
        int[] counts = new int[n];
        forEachConflict(buffers, byStart, (a, b) -> {
            counts[a]++;
            counts[b]++;
        });
        int[][] result = new int[n][];
        for (int i = 0; i < n; i++) {
            result[i] = new int[counts[i]];
        }
        int[] filled = new int[n];
        forEachConflict(buffers, byStart, (a, b) -> {
            result[a][filled[a]++] = b;
            result[b][filled[b]++] = a;
        });
        for (int[] list : result) {
            Arrays.sort(list);
        }
        return result;
    }

    private interface PairVisitor {
        void visit(int a, int b);
    }

    private static void forEachConflict(List<Buffer> buffers, int[] byStart, PairVisitor visitor) {
        for (int i = 0; i < byStart.length; i++) {
            int lastUse = buffers.get(byStart[i]).lastUse();
            for (int j = i + 1; j < byStart.length && buffers.get(byStart[j]).firstUse() <= lastUse; j++) {
                visitor.visit(byStart[i], byStart[j]);
            }
        }
    }

    int size() {
        return buffers.size();
    }

    Buffer buffer(int index) {
        return buffers.get(index);
    }

    int alignment() {
        return alignment;
    }

    long alignedSize(int index) {
        return alignedSizes[index];
    }

    /** Indexes of the buffers live at some step with buffer {@code index}, ascending. */
    int[] conflicts(int index) {
        return conflicts[index];
    }

    /** Aligned bytes of this buffer and all it is live with: how crowded its lifetime is. */
    long conflictBytes(int index) {
        long total = alignedSizes[index];
        for (int c : conflicts[index]) {
            total += alignedSizes[c];
        }
        return total;
    }

    /** Indexes sorted by {@code order}, ties broken by buffer id so the input order does not matter. */
    int[] sorted(Comparator<Integer> order) {
        return IntStream.range(0, size()).boxed()
                .sorted(order.thenComparingInt(i -> buffers.get(i).id()))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Offsets indexed like the input, keyed by buffer id in input order. */
    Map<Integer, Long> byId(long[] offsets) {
        Map<Integer, Long> result = new LinkedHashMap<>();
        for (int i = 0; i < offsets.length; i++) {
            result.put(buffers.get(i).id(), offsets[i]);
        }
        return result;
    }

    /** The arena a set of offsets needs: the largest aligned end. */
    long arenaBytes(long[] offsets) {
        long arena = 0;
        for (int i = 0; i < offsets.length; i++) {
            arena = Math.max(arena, offsets[i] + alignedSizes[i]);
        }
        return arena;
    }

    @Override
    public String toString() {
        return buffers.size() + " buffers, alignment " + alignment + ", sizes " + Arrays.toString(alignedSizes);
    }
}
