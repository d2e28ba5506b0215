package dev.tflc.cli;

import dev.tflc.codegen.Compilation;
import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Text;
import dev.tflc.lower.Goal;
import dev.tflc.lower.Implementation;
import dev.tflc.lower.LoweredLayer;
import java.io.PrintStream;
import java.util.List;

/**
 * The memory plan's headline figures, for {@code tflc info}, taken from the same {@link Compilation}
 * that {@code compile} renders: the arena and the weights are the figures {@code compile} reports.
 * Constants of the model that the generated code does not store (the shape input of RESHAPE) are
 * counted apart, so that the weights and the model's constants visibly add up.
 */
final class MemorySummary {
    private MemorySummary() {
    }

    static void print(PrintStream out, Graph g, Target target, String preferredKernels, Goal goal, Long maxArena) {
        String figures;
        String fit = null;
        try {
            Compilation c = Compilation.of(g, target, preferredKernels, goal, maxArena);
            printLowering(out, g, c);
            long notStored = c.unusedConstantBytes();
            figures = String.format("arena %,d bytes, lower bound %,d bytes", c.layout().arenaBytes(),
                    c.layout().lowerBoundBytes())
                    + (c.layout().inPlaceLowerBoundBytes() < c.layout().lowerBoundBytes()
                            ? String.format(" (%,d with layers in place)",
                                    c.layout().inPlaceLowerBoundBytes()) : "")
                    + (c.layout().patches() == null ? "" : String.format("; %s (+%,d MACs)",
                            c.layout().patches().describe(), c.layout().patches().extraMacs(c.kernels())))
                    + String.format("; weights %,d bytes", c.weightBytes())
                    + (c.layout().stateBytes() > 0 ? String.format("; state %,d bytes (variable tensors, kept between"
                            + " invocations, at the start of the arena)", c.layout().stateBytes()) : "")
                    + (notStored > 0 ? String.format(" (+ %,d bytes of constants the generated code does not need)",
                            notStored) : "");
            fit = dev.tflc.codegen.Fit.of(c).describe();
        } catch (IrException e) {
            figures = "cannot compile: " + e.diagnostic();
        }
        out.println(String.format("memory plan (%s, alignment %d): %s", target.name(), target.alignment(), figures));
        if (fit != null) {
            out.println(fit);
        }
    }

    /** Each layer's implementation, its scratch, and why the preferred kernel sets declined it. */
    private static void printLowering(PrintStream out, Graph source, Compilation c) {
        out.println("lowering (kernel sets in order of preference: " + String.join(", ", c.lowering().order())
                + "; --optimize " + c.lowering().goal().label() + "):");
        int removed = source.operators().size() - c.graph().operators().size();
        if (removed > 0) {
            out.println(String.format("  (the passes removed %d operator%s that computed nothing; indices below are "
                    + "after them)", removed, removed == 1 ? "" : "s"));
        }
        List<Compilation.Called> called = c.calledFunctions();
        for (Operator op : c.graph().operators()) {
            LoweredLayer l = c.lowering().layer(op.index());
            Implementation impl = l.implementation();
            StringBuilder sb = new StringBuilder(String.format("  %3d %-18s %-9s %-30s", op.index(),
                    Text.printable(op.kind()), impl.kernelSet(),
                    c.runsNothing(op.index())
                            ? "(none: " + c.nothingToDo(op.index()) + ")"
                            : called.get(op.index()).function()));
            if (called.get(op.index()) != null && called.get(op.index()).owner() != op.index()) {
                sb.append("  code of layer ").append(called.get(op.index()).owner()).append(", its own arrays");
            }
            if (c.layout().isPatched(op.index())) {
                sb.append("  in patches: ").append(c.layout().patches().describe());
            }
            if (c.layout().isPatched(op.index())) {
                if (op.index() == c.layout().patches().first()) {
                    sb.append(String.format(" (scratch %,d bytes at %,d: the rows between the layers and their own"
                            + " scratch)", c.layout().patches().scratchBytes(), c.layout().scratchOffset(op.index())));
                }
            } else if (impl.scratchBytes() > 0) {
                sb.append(String.format("  scratch %,d bytes at %,d", impl.scratchBytes(),
                        c.layout().scratchOffset(op.index())));
            }
            if (c.inPlaceDescription(op.index()) != null) {
                sb.append(c.layout().isPatched(op.index()) ? "  stage output in place " : "  in place ")
                        .append(c.inPlaceDescription(op.index()));
            }
            if (c.interleavedDescription(op.index()) != null) {
                sb.append("  writes ").append(c.interleavedDescription(op.index()));
            }
            for (LoweredLayer.Declined d : l.declined()) {
                sb.append("  [").append(d.kernelSet()).append(" declined: ").append(d.reason()).append(']');
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
