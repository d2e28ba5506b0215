package dev.tflc.ir;

import java.util.List;
import java.util.Objects;

/** A whole model: its subgraphs (the first is the one that runs) and its description. */
public record Model(List<Graph> subgraphs, String description) {
    public Model {
        subgraphs = List.copyOf(subgraphs);
        description = Objects.requireNonNullElse(description, "");
        if (subgraphs.isEmpty()) {
            throw new IrException("the model has no subgraph");
        }
    }

    public Graph main() {
        return subgraphs.get(0);
    }
}
