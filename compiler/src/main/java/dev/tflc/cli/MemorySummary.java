package dev.tflc.cli;

import dev.tflc.codegen.ArenaLayout;
import dev.tflc.codegen.Target;
import dev.tflc.ir.Graph;
import java.io.PrintStream;

/** The memory plan's headline figures, for {@code tflc info}. */
final class MemorySummary {
    private MemorySummary() {
    }

    static void print(PrintStream out, Graph g, java.util.List<dev.tflc.ops.Kernel> kernels, Target target) {
        long weights = g.tensors().stream().filter(t -> t.isConstant()).mapToLong(t -> t.byteSize()).sum();
        ArenaLayout layout = ArenaLayout.of(g, kernels, target.alignment());
        out.println(String.format("memory plan (%s, alignment %d): arena %,d bytes, lower bound %,d bytes; constants %,d bytes",
                target.name(), target.alignment(), layout.arenaBytes(), layout.lowerBoundBytes(), weights));
    }
}
