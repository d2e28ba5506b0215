package dev.tflc.cli;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Model;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.Text;
import dev.tflc.ops.Kernel;
import dev.tflc.ops.Operators;
import dev.tflc.tflite.ModelReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tflc info MODEL}: operators, tensors, quantization and the memory plan. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Print a model's operators, tensors, quantization and memory plan.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The .tflite model.")
    Path model;

    @picocli.CommandLine.Mixin
    TargetOptions targetOptions;

    @Override
    public Integer call() {
        dev.tflc.target.Target t = targetOptions.target();
        Model m = ModelReader.read(model);
        PrintStream out = System.out;
        out.println("model " + Text.printable(model.toString())
                + (m.description().isEmpty() ? "" : " (" + Text.printable(m.description()) + ")"));
        for (int s = 0; s < m.subgraphs().size(); s++) {
            Graph g = m.subgraphs().get(s);
            out.println();
            out.println("subgraph " + s + (g.name().isEmpty() ? "" : " '" + Text.printable(g.name()) + "'") + ": "
                    + g.tensors().size() + " tensors, " + g.operators().size() + " operators");
            try {
                printGraph(out, g, s == 0, t, targetOptions.preferredKernels(), targetOptions.goal(),
                        targetOptions.maxArena());
            } catch (IrException e) {
                throw e.at(new dev.tflc.ir.Location(model.toString(), s, -1, null, null));
            }
        }
        return 0;
    }

    private static void printGraph(PrintStream out, Graph g, boolean main, dev.tflc.target.Target target,
            String preferredKernels, dev.tflc.lower.Goal goal, Long maxArena) {
        out.println("inputs:");
        g.inputTensors().forEach(t -> out.println("  " + describe(t)));
        out.println("outputs:");
        g.outputTensors().forEach(t -> out.println("  " + describe(t)));
        List<Kernel> kernels = null;
        String problem = null;
        if (main) {
            try {
                kernels = Operators.prepare(g);
            } catch (IrException e) {
                problem = e.diagnostic();
            }
        }
        out.println("operators:");
        long totalMacs = 0;
        for (Operator op : g.operators()) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("  %3d %-18s ", op.index(), Text.printable(op.kind())));
            sb.append(shapes(g, op.inputs())).append(" -> ").append(shapes(g, op.outputs()));
            if (kernels != null) {
                long macs = kernels.get(op.index()).macs();
                totalMacs += macs;
                if (macs > 0) {
                    sb.append(String.format("  %,d MACs", macs));
                }
            } else if (main) {
                String why = Operators.problem(g, op);
                sb.append(why == null ? "  supported" : "  not supported: " + why);
            }
            out.println(sb);
        }
        if (kernels != null) {
            out.println(String.format("total: %,d MACs", totalMacs));
        } else if (problem != null) {
            out.println("cannot compile: " + problem);
        }
        out.println("tensors:");
        for (Tensor t : g.tensors()) {
            out.println("  " + describe(t));
        }
        if (kernels != null) {
            MemorySummary.print(out, g, target, preferredKernels, goal, maxArena);
        }
    }

    private static String shapes(Graph g, List<Integer> indices) {
        StringBuilder sb = new StringBuilder();
        for (int i : indices) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(i < 0 ? "-" : g.tensor(i).shape().toString());
        }
        return sb.toString();
    }

    static String describe(Tensor t) {
        return String.format("%3d %-8s %-14s '%s'%s", t.index(), t.type(), t.shape(), Text.printable(t.name()),
                (t.isQuantized() ? "  q: " + t.quantization() : "") + (t.isConstant() ? "  const" : "")
                        + (t.isVariable() ? "  variable" : ""));
    }
}
