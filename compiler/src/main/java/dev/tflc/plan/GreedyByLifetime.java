package dev.tflc.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Longest-lived buffer first (then the larger), each at the lowest offset free of the placed buffers
 * it is live with: long-lived tensors such as skip connections settle at the bottom, short-lived ones
 * fill the space above and between them.
 */
public final class GreedyByLifetime implements Strategy {
    @Override
    public String name() {
        return "greedy-by-lifetime";
    }

    @Override
    public Map<Integer, Long> place(List<Buffer> buffers, int alignment) {
        PlanProblem problem = new PlanProblem(buffers, alignment);
        int[] order = problem.sorted(Comparator.<Integer>comparingLong(i -> -problem.buffer(i).lifetime())
                .thenComparingLong(i -> -problem.alignedSize(i))
                .thenComparingInt(i -> problem.buffer(i).firstUse()));
        return problem.byId(GreedyPlacer.place(problem, order, GreedyPlacer.Fit.FIRST));
    }
}
