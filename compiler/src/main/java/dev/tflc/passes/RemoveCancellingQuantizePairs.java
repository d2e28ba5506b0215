package dev.tflc.passes;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes two conversions in a row that give back every value they were given: int8 -> int16 ->
 * int8 requantizations, or DEQUANTIZE then QUANTIZE to the same integer type, scale and zero point.
 * The intermediate tensor must have no other reader; the second conversion's readers read the first
 * one's input instead. Whether a pair cancels is decided by running both reference kernels on every
 * input value, not by comparing scales.
 */
public final class RemoveCancellingQuantizePairs implements Pass {
    private static final Set<String> CONVERSIONS = Set.of("QUANTIZE", "DEQUANTIZE");

    @Override
    public String name() {
        return "remove-cancelling-quantize-pairs";
    }

    @Override
    public Graph apply(Graph g) {
        Set<Integer> removed = new HashSet<>();
        Map<Integer, Integer> replace = new HashMap<>();
        for (Operator first : g.operators()) {
            if (!CONVERSIONS.contains(first.kind()) || first.outputs().size() != 1 || first.input(0) < 0
                    || removed.contains(first.index())) {
                continue;
            }
            int middle = first.output(0);
            List<Operator> readers = Rewrite.readers(g, middle);
            if (readers.size() != 1 || g.outputs().contains(middle)) {
                continue;
            }
            Operator second = readers.get(0);
            if (!CONVERSIONS.contains(second.kind()) || second.outputs().size() != 1 || second.inputs().size() != 1
                    || removed.contains(second.index())) {
                continue;
            }
            if (Rewrite.canReplace(g, second.output(0), first.input(0)) && Identity.holds(g, List.of(first, second))) {
                removed.add(first.index());
                removed.add(second.index());
                replace.put(second.output(0), first.input(0));
            }
        }
        return removed.isEmpty() ? g : Rewrite.bypass(g, removed, replace);
    }
}
