package dev.tflc.bench;

import dev.tflc.codegen.OutputFolder;
import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Location;
import dev.tflc.lower.Goal;
import dev.tflc.tflite.ModelReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Measures the shared models on emulated Cortex-M, RISC-V and AVR boards, step by step: compiles each model for each
 * target with each kernel set ({@link ModelCompiler}), then, in parallel, builds and runs it at each optimisation level
 * ({@link BoardRunner}), checks the output ({@link GoldenCheck}), reads the instruction count
 * ({@link InstructionCount}) and the footprint ({@link Footprint}), and puts TensorFlow Lite Micro's
 * figures beside them ({@link TflmBaseline}). Models tflc does not support are listed, not measured.
 */
final class Benchmark {
    private final BenchConfig config;
    private final TflmBaseline baseline;
    private final BoardRunner runner;
    private final Consumer<String> progress;

    /** {@code progress} receives a line per model skipped and per row measured. */
    Benchmark(BenchConfig config, TflmBaseline baseline, Consumer<String> progress) {
        this.config = config;
        this.baseline = baseline;
        this.runner = new BoardRunner(config.root());
        this.progress = progress;
    }

    Results run() throws IOException, InterruptedException {
        Path dir = config.modelsDir();
        if (!Files.isDirectory(dir.resolve("golden"))) {
            throw new BenchFailure(BenchFailure.BAD_OPTIONS, "no shared models in " + dir
                    + " (use --models-dir or TFLC_SHARED_MODELS)");
        }
        List<SharedModel> models = SharedModel.find(dir, SharedModel.SUITES, config.models());
        boolean temporaryWork = config.work() == null;
        Path work = temporaryWork ? Files.createTempDirectory("tflc-bench-") : config.work().toAbsolutePath();
        Files.createDirectories(work);

        List<Measurement> rows = new ArrayList<>();
        List<Unsupported> unsupported = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(config.jobs());
        try {
            List<Future<List<Measurement>>> units = new ArrayList<>();
            for (SharedModel m : models) {
                // Compiling is quick and stays on this thread; the builds and QEMU runs go to the pool.
                List<CompiledModel> compiled = new ArrayList<>();
                Graph g;
                try {
                    g = ModelReader.read(m.file()).main();
                } catch (IrException e) {
                    unsupported.add(skip(m, null, e, progress));
                    continue;
                }
                for (String target : config.targets()) {
                    try {
                        List<CompiledModel> forTarget = new ArrayList<>();
                        for (String kernels : config.kernels()) {
                            for (Goal goal : config.goals()) {
                                forTarget.add(ModelCompiler.compile(m, g, target,
                                        config.kernelBuild(kernels, target).forGoal(goal), work, config.maxArena()));
                            }
                        }
                        compiled.addAll(forTarget);
                    } catch (IrException e) {
                        // with one target, the reason stands for the model; with several, it may hold for one
                        unsupported.add(skip(m, config.targets().size() > 1 ? target : null, e, progress));
                    }
                }
                for (CompiledModel c : compiled) {
                    units.add(pool.submit(() -> measure(c)));
                }
            }
            for (Future<List<Measurement>> unit : units) {
                rows.addAll(result(unit, work));
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        if (rows.isEmpty()) {
            throw new BenchFailure("no supported model matched " + String.join(",", config.models()));
        }
        Results results = new Results(config.command(), ToolVersions.of(BoardFamily.tools(config.targets())), config.targets(),
                config.kernels(), config.cmsisNn(), rows, unsupported);
        if (temporaryWork) {
            OutputFolder.deleteTree(work);
        }
        return results;
    }

    /** A model tflc refuses (on {@code target}, or on every one when null), reported as it goes. */
    private static Unsupported skip(SharedModel m, String target, IrException e, Consumer<String> progress) {
        String reason = e.at(new Location(m.file().getFileName().toString(), 0, -1, null, null)).diagnostic();
        progress.accept("skipping " + m.name() + (target == null ? "" : " on " + target) + " (not supported): "
                + Format.oneLine(reason));
        return new Unsupported(m, target, reason);
    }

    /** A unit's rows, or its failure with a pointer to the kept build folders. */
    private static List<Measurement> result(Future<List<Measurement>> unit, Path work) throws InterruptedException {
        try {
            return unit.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String hint = " (build folders kept in " + work + ")";
            if (cause instanceof BenchFailure f) {
                throw new BenchFailure(f.status(), f.getMessage() + hint);
            }
            if (cause instanceof IrException ir) {
                throw new BenchFailure(ir.diagnostic() + hint);
            }
            throw new BenchFailure(cause + hint);
        }
    }

    /** Builds and runs one compiled model at every optimisation level, checks its output, measures it. */
    private List<Measurement> measure(CompiledModel c) throws IOException, InterruptedException {
        Path golden = config.modelsDir().resolve("golden");
        Path input = golden.resolve(c.model().name() + ".in");
        Path expected = golden.resolve(c.model().name() + ".out");
        if (!Files.isRegularFile(input) || !Files.isRegularFile(expected)) {
            throw new BenchFailure(c.label() + ": no golden files " + input + " and " + expected);
        }
        byte[] expectedBytes = Files.readAllBytes(expected);
        List<GoldenCheck.Output> outputs = GoldenCheck.outputs(c.graph());
        TflmComparison tflm = baseline.compare(c.model(), c.target()).orElse(null);
        String board = Target.load(c.target()).board();
        List<Measurement> rows = new ArrayList<>();
        for (String opt : config.opts()) {
            String what = c.label() + " " + opt;
            BoardRun run = runner.run(c, opt, input);
            String check = GoldenCheck.compare(outputs, expectedBytes, run.output(), what);
            InstructionCount count = InstructionCount.parse(run.log()).orElseThrow(() -> new BenchFailure(
                    what + ": the firmware reported no instruction count (log: " + run.logFile() + ")"));
            Footprint footprint = Footprint.read(run, c, what);
            Measurement r = new Measurement(c.model(), c.target(), board, c.kernels(), c.layers(), opt, check,
                    c.macs(), c.arenaBytes(), c.lowerBoundBytes(), count, footprint.flash(), footprint.ram(), tflm,
                    c.build().goal());
            progress.accept(String.format(Locale.ROOT, "%s: %,d instructions, arena %,d B, flash %,d B (weights %,d), %s",
                    what, count.instructions(), r.arenaBytes(), r.flash().total(), r.flash().weights(), check));
            rows.add(r);
        }
        return rows;
    }
}
