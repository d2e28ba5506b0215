package dev.tflc.plan;

import java.util.Arrays;

/**
 * Places buffers one at a time in a given order, each beside the already placed buffers it is live
 * with: in the lowest gap that holds it ({@link Fit#FIRST}, as TensorFlow Lite Micro's greedy planner
 * does) or in the tightest one ({@link Fit#BEST}), else above them all.
 */
final class GreedyPlacer {
    /** Which gap between placed buffers a new buffer takes. */
    enum Fit {
        /** The lowest gap that holds it. */
        FIRST,
        /** The smallest gap that holds it, the lowest of equals; above everything if none does. */
        BEST
    }

    private GreedyPlacer() {
    }

    /** Offsets, indexed like the problem's buffers, of placing them in {@code order}. */
    static long[] place(PlanProblem problem, int[] order, Fit fit) {
        return place(problem, order, fit, 0, new long[problem.size()]);
    }

    /**
     * Offsets of placing buffers in {@code order}, where the first {@code kept} of them are already
     * at their offsets in {@code earlier}: a greedy placement depends only on what came before.
     */
    static long[] place(PlanProblem problem, int[] order, Fit fit, int kept, long[] earlier) {
        int n = problem.size();
        long[] offsets = new long[n];
        boolean[] placed = new boolean[n];
        for (int k = 0; k < kept; k++) {
            offsets[order[k]] = earlier[order[k]];
            placed[order[k]] = true;
        }
        int most = 0;
        for (int i = 0; i < n; i++) {
            most = Math.max(most, problem.conflicts(i).length);
        }
        Ranges ranges = new Ranges(most);
        for (int k = kept; k < n; k++) {
            int index = order[k];
            ranges.clear();
            for (int c : problem.conflicts(index)) {
                if (placed[c]) {
                    ranges.add(offsets[c], offsets[c] + problem.alignedSize(c));
                }
            }
            offsets[index] = ranges.gap(problem.alignedSize(index), fit);
            placed[index] = true;
        }
        return offsets;
    }

    /** Occupied address ranges, reused from one buffer to the next. */
    private static final class Ranges {
        /** Bits of a packed sort key that hold a range's slot; the start takes the rest. */
        private static final int SLOT_BITS = 20;
        private final long[] starts;
        private final long[] ends;
        private final long[] keys;
        private final long[] sortedEnds;
        private int count;

        Ranges(int capacity) {
            starts = new long[capacity];
            ends = new long[capacity];
            keys = new long[capacity];
            sortedEnds = new long[capacity];
        }

        void clear() {
            count = 0;
        }

        void add(long start, long end) {
            starts[count] = start;
            ends[count] = end;
            count++;
        }

        /** The offset of a block of {@code size} bytes among the ranges. */
        long gap(long size, Fit fit) {
            sortByStart();
            long free = 0;
            long best = -1;
            long bestLength = Long.MAX_VALUE;
            for (int k = 0; k < count; k++) {
                long length = starts[k] - free;
                if (length >= size) {
                    if (fit == Fit.FIRST) {
                        return free;
                    }
                    if (length < bestLength) {
                        best = free;
                        bestLength = length;
                    }
                }
                free = Math.max(free, ends[k]);
            }
            return best >= 0 ? best : free;
        }

        /** Sorts the ranges by start, keeping each end with its start. */
        private void sortByStart() {
            long maxStart = 0;
            for (int k = 0; k < count; k++) {
                maxStart = Math.max(maxStart, starts[k]);
            }
            if (count >= 1 << SLOT_BITS || maxStart >= 1L << (63 - SLOT_BITS)) {
                sortByStartBoxed();
                return;
            }
            // One primitive sort of (start, slot) packed into a long.
            for (int k = 0; k < count; k++) {
                keys[k] = starts[k] << SLOT_BITS | k;
            }
            Arrays.sort(keys, 0, count);
            for (int k = 0; k < count; k++) {
                int slot = (int) (keys[k] & ((1 << SLOT_BITS) - 1));
                starts[k] = keys[k] >>> SLOT_BITS;
                sortedEnds[k] = ends[slot];
            }
            System.arraycopy(sortedEnds, 0, ends, 0, count);
        }

        /** The same for offsets too large to pack. */
        private void sortByStartBoxed() {
            long[][] pairs = new long[count][];
            for (int k = 0; k < count; k++) {
                pairs[k] = new long[] {starts[k], ends[k]};
            }
            Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
            for (int k = 0; k < count; k++) {
                starts[k] = pairs[k][0];
                ends[k] = pairs[k][1];
            }
        }
    }
}
