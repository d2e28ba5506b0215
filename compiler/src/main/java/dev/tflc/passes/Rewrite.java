package dev.tflc.passes;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small graph edits the passes share. Operators keep their order and are renumbered densely. */
final class Rewrite {
    private Rewrite() {
    }

    /** The operators that read tensor {@code t}. */
    static List<Operator> readers(Graph g, int t) {
        return g.operators().stream().filter(o -> o.inputs().contains(t)).toList();
    }

    /** True when {@code from} may stand for {@code to} everywhere {@code to} is used. */
    static boolean canReplace(Graph g, int to, int from) {
        Tensor source = g.tensor(from);
        Tensor target = g.tensor(to);
        if (target.isVariable() || source.isVariable()) {
            return false;
        }
        // A graph output must stay a run-time tensor, and one that holds its own bytes.
        return !g.outputs().contains(to) || !source.isConstant() && !g.outputs().contains(from);
    }

    /**
     * {@code g} without the operators in {@code removed}, every use of a tensor {@code k} in
     * {@code replace} (operator inputs and graph outputs) reading {@code replace.get(k)} instead, and
     * tensors in {@code tensors} (by index) replaced by new versions.
     */
    static Graph edit(Graph g, Set<Integer> removed, Map<Integer, Integer> replace, Map<Integer, Tensor> tensors) {
        return edit(g, removed, replace, tensors, Map.of());
    }

    /** {@link #edit(Graph, Set, Map, Map)}, and operator {@code k} of {@code options} given those options. */
    static Graph edit(Graph g, Set<Integer> removed, Map<Integer, Integer> replace, Map<Integer, Tensor> tensors,
            Map<Integer, Options> options) {
        List<Operator> ops = new ArrayList<>();
        for (Operator op : g.operators()) {
            if (removed.contains(op.index())) {
                continue;
            }
            List<Integer> inputs = op.inputs().stream().map(t -> resolve(replace, t)).toList();
            ops.add(new Operator(ops.size(), op.kind(), op.version(), inputs, op.outputs(),
                    options.getOrDefault(op.index(), op.options())));
        }
        List<Tensor> ts = new ArrayList<>(g.tensors());
        tensors.forEach(ts::set);
        List<Integer> outputs = g.outputs().stream().map(t -> resolve(replace, t)).toList();
        return new Graph(g.name(), ts, ops, g.inputs(), outputs);
    }

    static Graph bypass(Graph g, Set<Integer> removed, Map<Integer, Integer> replace) {
        return edit(g, removed, replace, new HashMap<>());
    }

    /**
     * {@code g} without each one-input, one-output operator that {@code computesNothing} accepts and
     * whose output its input may stand for; the output's readers read the input instead.
     */
    static Graph bypassEach(Graph g, java.util.function.BiPredicate<Graph, Operator> computesNothing) {
        Set<Integer> removed = new java.util.HashSet<>();
        Map<Integer, Integer> replace = new HashMap<>();
        for (Operator op : g.operators()) {
            if (op.outputs().size() == 1 && op.input(0) >= 0 && canReplace(g, op.output(0), op.input(0))
                    && computesNothing.test(g, op)) {
                removed.add(op.index());
                replace.put(op.output(0), op.input(0));
            }
        }
        return removed.isEmpty() ? g : bypass(g, removed, replace);
    }

    private static int resolve(Map<Integer, Integer> replace, int t) {
        while (replace.containsKey(t)) {
            t = replace.get(t);
        }
        return t;
    }
}
