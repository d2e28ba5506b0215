package dev.tflc.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Most crowded buffer first: the one whose own size plus the sizes of all buffers live with it is
 * largest (then the larger), each at the lowest offset free of the placed buffers it is live with.
 */
public final class GreedyByConflict implements Strategy {
    @Override
    public String name() {
        return "greedy-by-conflict";
    }

    @Override
    public Map<Integer, Long> place(List<Buffer> buffers, int alignment) {
        PlanProblem problem = new PlanProblem(buffers, alignment);
        long[] crowding = new long[problem.size()];
        for (int i = 0; i < crowding.length; i++) {
            crowding[i] = problem.conflictBytes(i);
        }
        int[] order = problem.sorted(Comparator.<Integer>comparingLong(i -> -crowding[i])
                .thenComparingLong(i -> -problem.alignedSize(i)));
        return problem.byId(GreedyPlacer.place(problem, order, GreedyPlacer.Fit.FIRST));
    }
}
