package dev.tflc.cli;

import dev.tflc.bench.Comparison;
import dev.tflc.bench.ComparisonReport;
import dev.tflc.codegen.OutputFolder;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tflc compare MODEL --tflm DIR --target T}: the model under the user's TensorFlow Lite Micro
 * and under tflc, built, run and measured on the target's emulated board, side by side.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The same model under TensorFlow Lite Micro and under tflc, measured side by side on the "
                + "target's emulated board (QEMU): arena, RAM, flash, instructions per inference, stack, and whether "
                + "the outputs are identical.",
            "DIR is your TensorFlow Lite Micro checkout in which its own Makefile built the library for the core, e.g. "
                    + "make -f tensorflow/lite/micro/tools/make/Makefile TARGET=cortex_m_generic "
                    + "TARGET_ARCH=cortex-m4+fp OPTIMIZED_KERNEL_DIR=cmsis_nn BUILD_TYPE=release microlite. "
                    + "Needs arm-none-eabi-gcc (with libstdc++-arm-none-eabi-newlib) and qemu-system-arm."})
final class CompareCommand implements Callable<Integer> {
    /** The targets whose boards the comparison runs on. */
    static final List<String> TARGETS = List.of("cortex-m4", "cortex-m7", "cortex-m55");

    @Parameters(index = "0", paramLabel = "MODEL", description = "The .tflite model.")
    Path model;

    @Option(names = "--tflm", paramLabel = "DIR", description = "Your TensorFlow Lite Micro checkout, with its library "
            + "built for the core under DIR/gen/ (default: $TFLM_ROOT).")
    Path tflm;

    @Option(names = "--target", defaultValue = "cortex-m4", paramLabel = "TARGET",
            converter = OptionValues.TargetName.class,
            description = "cortex-m4, cortex-m7 or cortex-m55 (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--kernels", paramLabel = "SET", converter = OptionValues.Kernels.class,
            completionCandidates = OptionValues.Kernels.class,
            description = "tflc's kernel set: ${COMPLETION-CANDIDATES} (default: the target's). TFLM's library is "
                    + "the one built with CMSIS-NN for optimized and cmsis-nn, with its reference kernels for "
                    + "portable, where DIR has both. cmsis-nn needs CMSIS_NN_INCLUDE and CMSIS_NN_LIB_CORTEX_M4 "
                    + "(and so on).")
    String kernels;

    @Option(names = "--json", description = "Print the comparison as JSON instead of the table.")
    boolean json;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Also write compare.json and compare.html "
            + "here (compile's folder rules: your other files are kept).")
    Path output;

    @Spec
    CommandSpec spec;

    /** The environment (a test replaces it). */
    Function<String, String> env = System::getenv;

    @Override
    public Integer call() throws Exception {
        Path dir = tflm;
        if (dir == null) {
            String value = env.apply("TFLM_ROOT");
            if (value == null || value.isBlank()) {
                throw new Main.UsageError("compare needs your TensorFlow Lite Micro checkout with its library built "
                        + "for the core: --tflm DIR or TFLM_ROOT");
            }
            dir = Path.of(value);
        }
        if (!TARGETS.contains(target)) {
            throw new Main.UsageError("compare runs on cortex-m4, cortex-m7 or cortex-m55, not " + target);
        }
        if (!Files.isRegularFile(model)) {
            throw new Main.UsageError(model + ": no such file");
        }
        PrintWriter err = spec.commandLine().getErr();
        Comparison c;
        try {
            c = Comparison.run(new Comparison.Request(model, dir, target, kernels, repositoryRoot(), env),
                    line -> {
                        err.println("tflc compare: " + line);
                        err.flush();
                    });
        } catch (Comparison.Failure f) {
            err.println("tflc: error: " + Main.oneLine(f.getMessage()));
            return f.status();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? ComparisonReport.json(c) : ComparisonReport.table(c));
        out.flush();
        if (output != null) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("compare.json", ComparisonReport.json(c).getBytes(StandardCharsets.UTF_8));
            files.put("compare.html", ComparisonReport.html(c).getBytes(StandardCharsets.UTF_8));
            OutputFolder.write(output, files);
            err.println("tflc compare: wrote " + output.resolve("compare.json") + " and " + output.resolve("compare.html"));
        }
        return c.outputsIdentical() ? 0 : 1;
    }

    /** The tflc repository this jar was built in (its targets/ builds and runs the images). */
    static Path repositoryRoot() {
        Path at;
        try {
            at = Path.of(CompareCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            at = null;
        }
        for (Path p = at == null ? null : at.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("targets/run-on-board")) && Files.isRegularFile(p.resolve("targets/tflm/harness.cc"))) {
                return p;
            }
        }
        throw new Main.UsageError("compare needs the tflc repository's targets/ folder beside its jar "
                + "(run it as ./tflc compare from the repository)");
    }
}
