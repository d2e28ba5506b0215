package dev.tflc.cli;

import dev.tflc.ir.Graph;
import java.io.PrintStream;

/** The memory plan's headline figures, for {@code tflc info}. */
final class MemorySummary {
    private MemorySummary() {
    }

    static void print(PrintStream out, Graph g) {
        long weights = g.tensors().stream().filter(t -> t.isConstant()).mapToLong(t -> t.byteSize()).sum();
        out.println(String.format("weights: %,d bytes", weights));
    }
}
