package dev.tflc.lower;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer that does the work of the element-wise operator after it in its own stores: operator
 * {@code consumer} (an ADD) reads operator {@code producer}'s output, which nothing else reads, and
 * {@code residual}, a tensor written before the producer runs. The pair runs as one step, at the
 * producer's place in the order: it reads the producer's inputs and the residual and writes the
 * consumer's output, so the producer's own output never exists. {@link #step} is that step as an
 * operator: the producer's inputs followed by the residual, the consumer's output; the consumer's
 * place runs nothing.
 */
public record Fusion(int producer, int consumer, int residual) {

    /** Operator {@code producer}'s step: its inputs, then the residual at {@link #residualPosition}; the consumer's output. */
    public Operator step(Graph g) {
        Operator p = g.operators().get(producer);
        List<Integer> inputs = new ArrayList<>(p.inputs());
        inputs.add(residual);
        return new Operator(p.index(), p.kind(), p.version(), inputs, g.operators().get(consumer).outputs(),
                p.options());
    }

    /** The position of the residual among the inputs of the producer's {@link #step}. */
    public int residualPosition(Graph g) {
        return g.operators().get(producer).inputs().size();
    }

    /**
     * The graph as its steps run with {@code fusions}: each producer replaced by its {@link #step},
     * each consumer by an operator that reads and writes nothing (the same index, kind and options).
     * Its tensors are the graph's: the producers' own outputs are read and written by no step.
     */
    public static Graph steps(Graph g, List<Fusion> fusions) {
        if (fusions.isEmpty()) {
            return g;
        }
        List<Operator> ops = new ArrayList<>(g.operators());
        for (Fusion f : fusions) {
            Operator c = g.operators().get(f.consumer());
            ops.set(f.producer(), f.step(g));
            ops.set(f.consumer(), new Operator(c.index(), c.kind(), c.version(), List.of(), List.of(), c.options()));
        }
        return new Graph(g.name(), g.tensors(), ops, g.inputs(), g.outputs());
    }
}
