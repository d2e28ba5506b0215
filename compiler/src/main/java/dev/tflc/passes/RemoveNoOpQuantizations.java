package dev.tflc.passes;

import dev.tflc.ir.Graph;
import java.util.List;

/**
 * Removes a QUANTIZE whose output equals its input for every value (the same integer type, scale and
 * zero point: a requantization by exactly one), its readers reading its input instead.
 */
public final class RemoveNoOpQuantizations implements Pass {
    @Override
    public String name() {
        return "remove-no-op-quantizations";
    }

    @Override
    public Graph apply(Graph g) {
        return Rewrite.bypassEach(g, (graph, op) -> op.kind().equals("QUANTIZE") && op.inputs().size() == 1
                && Identity.holds(graph, List.of(op)));
    }
}
