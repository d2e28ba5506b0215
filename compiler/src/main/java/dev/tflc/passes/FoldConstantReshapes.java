package dev.tflc.passes;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Folds a RESHAPE of a constant: its output becomes a constant with the same bytes under the new
 * shape, so nothing is copied at run time. Not for graph outputs, which must stay in the arena.
 */
public final class FoldConstantReshapes implements Pass {
    @Override
    public String name() {
        return "fold-constant-reshapes";
    }

    @Override
    public Graph apply(Graph g) {
        Set<Integer> removed = new HashSet<>();
        Map<Integer, Tensor> folded = new HashMap<>();
        for (Operator op : g.operators()) {
            if (!op.kind().equals("RESHAPE") || op.outputs().size() != 1 || op.input(0) < 0) {
                continue;
            }
            Tensor in = g.tensor(op.input(0));
            Tensor out = g.tensor(op.output(0));
            if (in.isConstant() && !out.isVariable() && !g.outputs().contains(out.index()) && in.type() == out.type()
                    && in.byteSize() == out.byteSize() && Objects.equals(in.quantization(), out.quantization())) {
                removed.add(op.index());
                folded.put(out.index(), new Tensor(out.index(), out.name(), out.type(), out.shape(),
                        out.quantization(), in.data(), false));
            }
        }
        return removed.isEmpty() ? g : Rewrite.edit(g, removed, Map.of(), folded);
    }
}
