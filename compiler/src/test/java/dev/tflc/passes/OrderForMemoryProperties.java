package dev.tflc.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.tflite.ModelReader;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * On random branching graphs (branches interleaved in the file), the order OrderForMemory chooses
 * runs every operator once, each after the operators whose outputs it reads; its lower bound is at
 * most the file order's, strictly less whenever it moved an operator; and the reference computes the
 * same outputs. Generated C of reordered graphs is GeneratedCodeMatchesReferenceProperties' (every
 * compile runs the passes).
 */
class OrderForMemoryProperties {
    @Property(tries = 60)
    void theChosenOrderHasNoLargerBoundAndTheSameOutputs(@ForAll("branching") Case c) {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        Graph ordered = new OrderForMemory().apply(g);
        int n = g.operators().size();
        assertEquals(n, ordered.operators().size());
        Set<Integer> written = new HashSet<>(g.inputs());
        for (int k = 0; k < n; k++) {
            Operator op = ordered.operators().get(k);
            assertEquals(k, op.index());
            for (int t : op.inputs()) {
                assertTrue(t < 0 || g.tensor(t).isConstant() || written.contains(t),
                        c.description() + ": operator " + k + " reads tensor " + t + " before it is written");
            }
            written.addAll(op.outputs());
        }
        int[] inFileOrder = IntStream.range(0, n).toArray();
        long before = OrderForMemory.lowerBound(g, inFileOrder);
        long after = OrderForMemory.lowerBound(ordered, inFileOrder);
        boolean moved = ordered != g;
        assertTrue(moved ? after < before : after == before, c.description() + ": " + before + " -> " + after);
        Statistics.label("order").collect(moved ? "reordered" : "file order kept");
        Statistics.label("order").coverage(k -> k.check("reordered").count(m -> m >= 5));
        assertArrayEquals(Outputs.concat(Interpreter.run(g, c.inputs())), Outputs.concat(Interpreter.run(ordered,
                c.inputs())), c.description());
    }

    @Provide
    Arbitrary<Case> branching() {
        return RandomModels.branchingGraphs();
    }
}
