package dev.tflc.bench;

import dev.tflc.target.Target;
import dev.tflc.lower.Goal;
import dev.tflc.lower.cmsisnn.CmsisNnKernels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench/run}: parses the options, runs the {@link Benchmark} and writes its results as Markdown
 * ({@link ResultsMarkdown}) and JSON ({@link ResultsJson}). Exit status 0 success, 1 a build, run or
 * output check failed, 2 bad options; errors are one line on standard error.
 */
@Command(name = "bench/run", sortOptions = false, usageHelpWidth = 110,
        description = "Benchmarks tflc-compiled models on emulated Cortex-M, RISC-V and AVR boards: compiles each model with each "
                + "kernel set, builds and runs it with targets/run-on-board on its golden input, checks the output, "
                + "and writes instructions per inference, arena, RAM and flash beside TFLM's baseline figures.",
        footer = "Exit status: 0 success; 1 a build, run or output check failed; 2 bad options.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--targets", paramLabel = "T,...", defaultValue = "cortex-m4", description = "Targets, comma "
            + "separated: cortex-m3, cortex-m4, cortex-m7, cortex-m33, cortex-m55, riscv32 (default: ${DEFAULT-VALUE}).")
    String targets;

    @Option(names = "--opts", paramLabel = "O,...", defaultValue = "-O2,-Os",
            description = "Optimisation levels, comma separated (default: ${DEFAULT-VALUE}).")
    String opts;

    @Option(names = "--kernels", paramLabel = "K,...", defaultValue = "portable", description = "Kernel sets, "
            + "comma separated: portable (tflc's own C), optimized (tflc's own C specialised per layer, portable for "
            + "the layers it does not cover), cmsis-nn (calls into your CMSIS-NN where it has the "
            + "kernel, portable for the other layers; needs --cmsis-nn-include and --cmsis-nn-lib) "
            + "(default: ${DEFAULT-VALUE}).")
    String kernels;

    @Option(names = "--optimize", paramLabel = "GOAL,...", defaultValue = "speed", description = "What tflc's "
            + "lowering favours, comma separated: speed, balanced (layers of the same shapes and parameters share "
            + "one function), size (a shared kernel for every layer: `optimized` then runs as portable); each "
            + "kernel set is compiled for each (default: ${DEFAULT-VALUE}).")
    String optimize;

    @Option(names = "--max-arena", paramLabel = "BYTES", converter = dev.tflc.cli.OptionValues.Bytes.class,
            description = "Hold every compilation's arena to BYTES, as `tflc compile --max-arena` does (layers in "
                    + "patches where it takes them); a model that cannot fit is listed as unsupported (default: no budget).")
    Long maxArena;

    @Option(names = "--cmsis-nn-include", paramLabel = "DIR", description = "CMSIS-NN's Include folder, for "
            + "--kernels cmsis-nn (default: $" + CmsisNn.INCLUDE_VARIABLE + ").")
    Path cmsisNnInclude;

    @Option(names = "--cmsis-nn-lib", paramLabel = "CORE=PATH", description = "CMSIS-NN's static library built "
            + "for CORE, e.g. cortex-m4=build-m4/libcmsis-nn.a, for --kernels cmsis-nn; repeat it for each target "
            + "(default: $CMSIS_NN_LIB_CORTEX_M4, $CMSIS_NN_LIB_CORTEX_M55, ... for each target).")
    Map<String, Path> cmsisNnLibs = new LinkedHashMap<>();

    @Option(names = "--models", paramLabel = "PATTERN,...", defaultValue = "*", description = "Model names or "
            + "SUITE/NAME, '*' matching any text, e.g. 'mlperf-tiny/*_int8' (default: ${DEFAULT-VALUE}, every "
            + "model in mlperf-tiny and tflm-examples).")
    String models;

    @Option(names = "--jobs", paramLabel = "N", description = "Builds and QEMU runs at once (default: the number "
            + "of processors, ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--markdown", paramLabel = "FILE", description = "The table (default: ROOT/bench/results.md).")
    Path markdown;

    @Option(names = "--json", paramLabel = "FILE", description = "Every figure (default: ROOT/bench/results.json).")
    Path json;

    @Option(names = "--baseline", paramLabel = "FILE", description = "TFLM's figures (default: "
            + "MODELS_DIR/../benchmarks/tflm-baseline.json; none if absent).")
    Path baseline;

    @Option(names = "--work", paramLabel = "DIR", description = "Keep the generated and built folders here "
            + "(default: a temporary folder, removed unless a run fails).")
    Path work;

    @Mixin
    ToolOptions tool;

    /** Where the CMSIS-NN defaults come from (the environment; tests give their own). */
    Function<String, String> environment = System::getenv;

    public static void main(String[] args) {
        System.exit(CommandLines.create(new BenchCommand(), "bench").execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = tool.err();
        BenchConfig config = config(tool.args());
        TflmBaseline tflm = TflmBaseline.NONE;
        if (Files.isRegularFile(config.baseline())) {
            tflm = TflmBaseline.read(config.baseline());
        } else {
            err.println("bench: no TFLM baseline at " + config.baseline() + "; the tables show tflc alone");
        }
        Results results = new Benchmark(config, tflm, line -> err.println("bench: " + line)).run();
        write(config.markdown(), ResultsMarkdown.render(results, MeasurementColumns.ALL));
        write(config.json(), BenchJson.write(ResultsJson.document(results, MeasurementColumns.ALL)));
        err.println("bench: wrote " + config.markdown() + " and " + config.json());
        return 0;
    }

    /** The options checked, with every default resolved; {@code args} as given, for the reproducing command. */
    BenchConfig config(List<String> args) {
        Path root = tool.root();
        if (!Files.isExecutable(root.resolve("targets/run-on-board"))) {
            throw new BenchFailure(BenchFailure.BAD_OPTIONS, root
                    + " is not the tflc repository (no targets/run-on-board); use --root");
        }
        List<String> targetList = ToolOptions.list(targets);
        for (String t : targetList) {
            if (BoardFamily.of(t) == null) {
                List<String> known = BoardFamily.targets();
                throw new BenchFailure(BenchFailure.BAD_OPTIONS, "target '" + t + "' has no emulated board (use "
                        + String.join(", ", known.subList(0, known.size() - 1)) + " or " + known.get(known.size() - 1)
                        + ")");
            }
        }
        List<String> optList = ToolOptions.list(opts);
        for (String o : optList) {
            if (!o.matches("-O[0123sgz]|-Ofast")) {
                throw new BenchFailure(BenchFailure.BAD_OPTIONS, "'" + o + "' is not an optimisation level (-O2, -Os, ...)");
            }
        }
        List<String> kernelList = ToolOptions.list(kernels).stream().distinct().toList();
        for (String k : kernelList) {
            if (!KernelBuild.SETS.contains(k)) {
                throw new BenchFailure(BenchFailure.BAD_OPTIONS, "unknown kernel set '" + k + "' (use "
                        + String.join(" or ", KernelBuild.SETS) + ")");
            }
        }
        List<Goal> goals = new ArrayList<>();
        for (String o : ToolOptions.list(optimize).stream().distinct().toList()) {
            try {
                goals.add(Goal.named(o));
            } catch (IllegalArgumentException e) {
                throw new BenchFailure(BenchFailure.BAD_OPTIONS, "unknown --optimize goal '" + o + "' (use "
                        + java.util.Arrays.stream(Goal.values()).map(Goal::label).collect(
                                java.util.stream.Collectors.joining(", ")) + ")");
            }
        }
        CmsisNn cmsisNn = kernelList.contains(CmsisNnKernels.NAME)
                ? CmsisNn.resolve(cmsisNnInclude, cmsisNnLibs, targetList, environment) : null;
        if (jobs < 1) {
            throw new BenchFailure(BenchFailure.BAD_OPTIONS, "--jobs needs a positive whole number, not '" + jobs + "'");
        }
        Path modelsDir = tool.modelsDir();
        Path tflm = baseline != null ? baseline
                : modelsDir.toAbsolutePath().normalize().resolveSibling("benchmarks").resolve("tflm-baseline.json");
        return new BenchConfig(root, targetList, optList, kernelList, ToolOptions.list(models), jobs,
                markdown != null ? markdown : root.resolve("bench/results.md"),
                json != null ? json : root.resolve("bench/results.json"), modelsDir, tflm, work, cmsisNn,
                reproducing(args), goals, maxArena);
    }

    /** The command line that reproduces a run: bench/run and its arguments but --root, quoted for a shell. */
    static List<String> reproducing(List<String> args) {
        List<String> words = new ArrayList<>(List.of("bench/run"));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--root")) {
                i++;
                continue;
            }
            if (a.startsWith("--root=")) {
                continue;
            }
            words.add(a.matches("[A-Za-z0-9_./,=:+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return words;
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
    }
}
