package dev.tflc.ops;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The operators tflc supports, by name, and preparation of a whole graph. */
public final class Operators {
    private static final Map<String, OperatorKind> KINDS = new TreeMap<>();

    static {
        for (OperatorKind k : List.of(new Conv2D(), new DepthwiseConv2D(), new FullyConnected(), Pool2D.average(),
                Pool2D.max(), new Add(), new Reshape(), new Softmax(), new Quantize(), new Dequantize())) {
            KINDS.put(k.name(), k);
        }
    }

    private Operators() {
    }

    public static java.util.Set<String> supported() {
        return KINDS.keySet();
    }

    public static OperatorKind kind(String name) {
        return KINDS.get(name);
    }

    /**
     * Prepares every operator of {@code graph} in order. Lists every unsupported operator kind at
     * once before preparing anything.
     */
    public static List<Kernel> prepare(Graph graph) {
        List<String> unsupported = graph.kindsOutside(KINDS.keySet());
        if (!unsupported.isEmpty()) {
            Operator first = graph.operators().stream().filter(o -> unsupported.contains(o.kind())).findFirst()
                    .orElseThrow();
            throw new IrException(first.location(), "unsupported operator" + (unsupported.size() > 1 ? "s " : " ")
                    + String.join(", ", unsupported));
        }
        List<Kernel> kernels = new ArrayList<>();
        for (Operator op : graph.operators()) {
            try {
                kernels.add(KINDS.get(op.kind()).prepare(new Node(graph, op)));
            } catch (ArithmeticException e) {
                throw new IrException(op.location(), e.getMessage());
            }
        }
        return kernels;
    }
}
