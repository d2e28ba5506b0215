package dev.tflc.ir;

import java.util.Arrays;

/**
 * When each tensor of a graph is live if its operators run in a given order, operator
 * {@code order[s]} at step {@code s}: from {@code first[t]}, the step that first reads or writes it (0
 * for a graph input, which the caller writes before the run even when no operator reads it), to
 * {@code last[t]}, the last step that reads or writes it ({@link #steps()} for a graph output, which
 * the caller reads after the last step). {@code last[t]} is -1 for a tensor no step uses.
 */
public record Lifetimes(int[] first, int[] last, int steps) {
    /** The lifetimes of {@code g}'s tensors when its operators run in {@code order} (operator indices). */
    public static Lifetimes of(Graph g, int[] order) {
        int n = g.tensors().size();
        int steps = Math.max(order.length, 1);
        int[] first = new int[n];
        int[] last = new int[n];
        Arrays.fill(first, Integer.MAX_VALUE);
        Arrays.fill(last, -1);
        for (int in : g.inputs()) {
            first[in] = 0;
            last[in] = 0;
        }
        for (int step = 0; step < order.length; step++) {
            Operator op = g.operators().get(order[step]);
            for (int t : op.inputs()) {
                if (t >= 0) {
                    first[t] = Math.min(first[t], step);
                    last[t] = Math.max(last[t], step);
                }
            }
            for (int t : op.outputs()) {
                first[t] = Math.min(first[t], step);
                last[t] = Math.max(last[t], step);
            }
        }
        for (int out : g.outputs()) {
            last[out] = steps;
        }
        return new Lifetimes(first, last, steps);
    }

    /** The lifetimes in the graph's own order. */
    public static Lifetimes of(Graph g) {
        int[] order = new int[g.operators().size()];
        Arrays.setAll(order, i -> i);
        return of(g, order);
    }
}
