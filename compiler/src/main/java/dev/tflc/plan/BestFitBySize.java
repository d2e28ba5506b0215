package dev.tflc.plan;

import java.util.List;
import java.util.Map;

/**
 * Largest buffer first, each in the tightest gap among the placed buffers it is live with (above
 * them all if none holds it): keeps wide gaps for the large buffers still to come.
 */
public final class BestFitBySize implements Strategy {
    @Override
    public String name() {
        return "best-fit-by-size";
    }

    @Override
    public Map<Integer, Long> place(List<Buffer> buffers, int alignment) {
        PlanProblem problem = new PlanProblem(buffers, alignment);
        return problem.byId(GreedyPlacer.place(problem, GreedyBySize.order(problem), GreedyPlacer.Fit.BEST));
    }
}
