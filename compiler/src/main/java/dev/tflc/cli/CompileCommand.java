package dev.tflc.cli;

import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.codegen.Target;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tflc compile MODEL -o DIR}: a self-contained C folder. */
@Command(name = "compile", description = "Compile a model to a self-contained C folder.")
final class CompileCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The .tflite model.")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output folder.")
    Path output;

    @Option(names = "--target", defaultValue = "host", description = "host, cortex-m0plus, cortex-m3, cortex-m4, "
            + "cortex-m7, cortex-m33 or cortex-m55 (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--prefix", defaultValue = "model", description = "Name prefix of the C API (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--kernels", description = "portable or cmsis-nn (default: the target's).")
    String kernels;

    @Option(names = "--main", description = "Add main.c: raw inputs on stdin, raw outputs on stdout.")
    boolean main;

    @Option(names = "--format", defaultValue = "plain", description = "plain (default).")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("plain")) {
            throw new Main.UsageError("--format " + format + " is not available yet (use plain)");
        }
        Target t = Target.load(target);
        String k = kernels == null ? t.defaultKernels() : kernels;
        CGenerator.Output out = Models.withMainGraph(model, g -> CGenerator.generate(g,
                new CGenerator.Options(prefix, t, k, main, model.getFileName().toString())));
        OutputFolder.write(output, out.files());
        System.err.println(String.format("tflc: wrote %s: arena %,d bytes (lower bound %,d), weights %,d bytes, %,d MACs",
                output, out.report().arenaBytes(), out.report().lowerBoundBytes(), out.report().weightBytes(),
                out.report().macs()));
        return 0;
    }
}
