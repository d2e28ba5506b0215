package dev.tflc.passes;

import dev.tflc.ir.Graph;
import java.util.List;

/** The passes tflc runs, in their declared order. */
public final class Passes {
    private Passes() {
    }

    /**
     * The standard pipeline: rewrites that only ever remove work, then the operator order with the
     * smallest lower bound where the graph branches.
     */
    public static List<Pass> standard() {
        return List.of(new FoldConstantReshapes(), new RemoveIdentityReshapes(), new RemoveNoOpQuantizations(),
                new RemoveCancellingQuantizePairs(), new FoldPadIntoConvolution(), new FuseActivationIntoProducer(),
                new OrderForMemory());
    }

    /** {@code g} after each of {@code passes} in turn. */
    public static Graph run(Graph g, List<Pass> passes) {
        for (Pass p : passes) {
            g = p.apply(g);
        }
        return g;
    }
}
