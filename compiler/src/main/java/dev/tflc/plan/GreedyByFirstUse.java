package dev.tflc.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Buffers in the order they come to life (the larger first among those born together), each at the
 * lowest offset free of the placed buffers it is live with: a linear scan, as an allocator at run
 * time would see them.
 */
public final class GreedyByFirstUse implements Strategy {
    @Override
    public String name() {
        return "greedy-by-first-use";
    }

    @Override
    public Map<Integer, Long> place(List<Buffer> buffers, int alignment) {
        PlanProblem problem = new PlanProblem(buffers, alignment);
        int[] order = problem.sorted(Comparator.<Integer>comparingInt(i -> problem.buffer(i).firstUse())
                .thenComparingLong(i -> -problem.alignedSize(i))
                .thenComparingInt(i -> -problem.buffer(i).lastUse()));
        return problem.byId(GreedyPlacer.place(problem, order, GreedyPlacer.Fit.FIRST));
    }
}
