package dev.tflc.ir;

import java.util.List;
import java.util.Objects;

/**
 * One operator of a graph, in execution order. {@code kind} is the builtin operator's name
 * ({@code CONV_2D}) or {@code CUSTOM:<code>}; inputs hold tensor indices, -1 for an omitted optional
 * input.
 */
public record Operator(int index, String kind, int version, List<Integer> inputs, List<Integer> outputs,
        Options options) {
    public Operator {
        Objects.requireNonNull(kind, "kind");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(options, "options");
    }

    /** Tensor index of input {@code i}, or -1 if that input is omitted or absent. */
    public int input(int i) {
        return i < inputs.size() ? inputs.get(i) : -1;
    }

    public int output(int i) {
        return outputs.get(i);
    }

    public Location location() {
        return new Location(null, -1, index, kind, null);
    }
}
