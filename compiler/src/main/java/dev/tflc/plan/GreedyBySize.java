package dev.tflc.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Largest buffer first (longer lifetime first among equals), each at the lowest offset free of the
 * placed buffers it is live with: TensorFlow Lite Micro's greedy memory planner.
 */
public final class GreedyBySize implements Strategy {
    @Override
    public String name() {
        return "greedy-by-size";
    }

    @Override
    public Map<Integer, Long> place(List<Buffer> buffers, int alignment) {
        PlanProblem problem = new PlanProblem(buffers, alignment);
        return problem.byId(GreedyPlacer.place(problem, order(problem), GreedyPlacer.Fit.FIRST));
    }

    /** Largest first; among equals the longer lifetime, then the earlier first use. */
    static int[] order(PlanProblem problem) {
        return problem.sorted(Comparator.<Integer>comparingLong(i -> -problem.alignedSize(i))
                .thenComparingLong(i -> -problem.buffer(i).lifetime())
                .thenComparingInt(i -> problem.buffer(i).firstUse()));
    }
}
