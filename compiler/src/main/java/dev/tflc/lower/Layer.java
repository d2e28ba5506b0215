package dev.tflc.lower;

import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.ops.Kernel;

/** One prepared operator as a kernel set sees it: the graph around it, its derived parameters, the target. */
public record Layer(Graph graph, Operator op, Kernel kernel, Target target) {
    public Tensor input(int i) {
        return graph.tensor(op.input(i));
    }

    public Tensor output(int i) {
        return graph.tensor(op.output(i));
    }
}
