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
        int n = problem.size();
        long[] offsets = new long[n];
        boolean[] placed = new boolean[n];
        long[] starts = new long[n];
        long[] ends = new long[n];
        for (int index : order) {
            int count = 0;
            for (int c : problem.conflicts(index)) {
                if (placed[c]) {
                    starts[count] = offsets[c];
                    ends[count] = offsets[c] + problem.alignedSize(c);
                    count++;
                }
            }
            offsets[index] = gap(starts, ends, count, problem.alignedSize(index), fit);
            placed[index] = true;
        }
        return offsets;
    }

    /** The offset of a block of {@code size} bytes among {@code count} occupied ranges. */
    private static long gap(long[] starts, long[] ends, int count, long size, Fit fit) {
        sortByStart(starts, ends, count);
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

    /** Sorts the first {@code count} ranges by start, keeping each end with its start. */
    private static void sortByStart(long[] starts, long[] ends, int count) {
        long[][] pairs = new long[count][];
        for (int k = 0; k < count; k++) {
            pairs[k] = new long[] {starts[k], ends[k]};
        }
        Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (int k = 0; k < count; k++) {
            starts[k] = pairs[k][0];
            ends[k] = pairs[k][1];
        }
    }
}
