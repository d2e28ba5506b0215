package dev.tflc.lower;

import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.ops.Kernel;

/** One prepared operator as a kernel set sees it: the graph around it, its derived parameters, the target. */
public record Layer(Graph graph, Operator op, Kernel kernel, Target target) {
    /** The layer's C name, {@code conv_2d_3}: the operator kind in lower case and its index. */
    public String name() {
        return name(op);
    }

    /** The C name of the layer of {@code op}. */
    public static String name(Operator op) {
        return op.kind().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_" + op.index();
    }

    public Tensor input(int i) {
        return graph.tensor(op.input(i));
    }

    public Tensor output(int i) {
        return graph.tensor(op.output(i));
    }
}
