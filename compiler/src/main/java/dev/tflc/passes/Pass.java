package dev.tflc.passes;

import dev.tflc.ir.Graph;

/**
 * A Graph -> Graph rewrite run before lowering. Every pass keeps the graph's outputs bit-exact for
 * every input: it only removes or rewires what provably computes nothing, or reorders operators
 * where the data flow leaves the order free.
 */
public interface Pass {
    /** The pass's name, as reports list it. */
    String name();

    /** {@code g} rewritten, or {@code g} itself when there is nothing to do. */
    Graph apply(Graph g);
}
