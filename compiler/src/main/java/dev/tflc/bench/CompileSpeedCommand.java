package dev.tflc.bench;

import dev.tflc.codegen.OutputFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench/compile-speed}: how long tflc itself takes. Runs {@code tflc compile MODEL -o DIR} as
 * a separate process several times for each MLPerf Tiny model ({@link CompileTimer}) and prints the
 * median and fastest wall time per model as a Markdown table. Exit status 0, 1 if a run could not be
 * started, 2 bad options.
 */
@Command(name = "bench/compile-speed", sortOptions = false, usageHelpWidth = 110,
        description = "Times tflc itself: runs 'tflc compile MODEL -o DIR' as a separate process N times for "
                + "each MLPerf Tiny model and prints the median and fastest wall time of the whole process "
                + "(JVM start included) per model, as a Markdown table.",
        footer = "Exit status: 0 success (a model tflc rejects is timed too, its row says so); 1 a run could "
                + "not be started; 2 bad options.")
public final class CompileSpeedCommand implements Callable<Integer> {
    static final String SUITE = "mlperf-tiny";

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "Compiles per model (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--models", paramLabel = "PATTERN,...", defaultValue = "*", description = "Model names in "
            + SUITE + ", '*' matching any text (default: ${DEFAULT-VALUE}, every one).")
    String models;

    @Option(names = "--tflc", paramLabel = "FILE", description = "The launcher to time (default: ROOT/tflc).")
    Path tflc;

    @Mixin
    ToolOptions tool;

    public static void main(String[] args) {
        System.exit(CommandLines.create(new CompileSpeedCommand(), "compile-speed").execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (runs < 1) {
            throw new BenchFailure(BenchFailure.BAD_OPTIONS, "--runs needs a positive whole number, not '" + runs + "'");
        }
        Path launcher = tflc != null ? tflc : tool.root().resolve("tflc");
        if (!Files.isExecutable(launcher)) {
            throw new BenchFailure(BenchFailure.BAD_OPTIONS, launcher + " is not an executable tflc launcher "
                    + "(use --root or --tflc)");
        }
        List<SharedModel> found = SharedModel.find(tool.modelsDir(), List.of(SUITE), ToolOptions.list(models));
        PrintWriter out = tool.out();
        PrintWriter err = tool.err();
        Path scratch = Files.createTempDirectory("tflc-compile-speed-");
        List<CompileTiming> timings = new ArrayList<>();
        try {
            CompileTimer timer = new CompileTimer(launcher, scratch);
            for (SharedModel m : found) {
                CompileTiming t = timer.time(m, runs);
                err.println("compile-speed: " + m.name() + ": median " + CompileTiming.milliseconds(t.medianNanos())
                        + ", min " + CompileTiming.milliseconds(t.minNanos()) + ", " + t.result()
                        + (t.message().isEmpty() ? "" : ": " + t.message()));
                timings.add(t);
            }
        } finally {
            OutputFolder.deleteTree(scratch);
        }
        out.print(table(launcher, runs, timings));
        out.flush();
        return 0;
    }

    /** The Markdown the command prints: what was timed, then one row per model. */
    static String table(Path launcher, int runs, List<CompileTiming> timings) {
        return "`" + launcher.getFileName() + " compile MODEL -o DIR`, " + runs + " runs per model, wall time of "
                + "the whole process (JVM start included):\n\n" + MarkdownTable.render(CompileTiming.COLUMNS, timings);
    }
}
