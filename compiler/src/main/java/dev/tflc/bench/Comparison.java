package dev.tflc.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.ir.Graph;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.lower.cmsisnn.CmsisNnKernels;
import dev.tflc.lower.optimized.OptimizedKernels;
import dev.tflc.tflite.ModelReader;
import dev.tflc.target.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code tflc compare}: one model under TensorFlow Lite Micro (the user's library, behind the
 * project's harness, {@link TflmHarness}) and under tflc (built as the benchmark builds it,
 * {@link ModelCompiler}), both run on the same input on the target's emulated board by
 * {@link BoardRunner} and measured with the benchmark's classes ({@link InstructionCount},
 * {@link Footprint}). The interpreter's arena is the smallest with which it runs, found by trying
 * smaller ones.
 */
@JsonPropertyOrder({"model", "model_bytes", "target", "board", "opt", "macs", "input", "tflm", "tflc",
    "outputs_identical", "output_bytes"})
public record Comparison(
        @JsonProperty("model") String model,
        @JsonProperty("model_bytes") long modelBytes,
        @JsonProperty("target") String target,
        @JsonProperty("board") String board,
        @JsonProperty("opt") String opt,
        @JsonProperty("macs") long macs,
        @JsonProperty("input") String input,
        @JsonProperty("tflm") Side tflm,
        @JsonProperty("tflc") Side tflc,
        @JsonProperty("outputs_identical") boolean outputsIdentical,
        @JsonProperty("output_bytes") long outputBytes) {

    /** Both images are built at the level TensorFlow Lite Micro's figures use. */
    static final String OPT = TflmBaseline.OPT;

    /** How the input is made, as ../shared/benchmarks describes it for TFLM's figures. */
    static final String INPUT_PATTERN = "byte i of each input = (i*37 + 11) & 0xff "
            + "(float inputs: element i = ((i*37 + 11) % 256 - 128) / 128)";

    /**
     * One image's figures. {@code flash_weight_bytes}: tflc's weight arrays, or the .tflite the
     * interpreter reads in place; {@code flash_code_bytes}: the rest of flash (runtime, kernels, board
     * runner, C library). {@code arena_used_bytes}: what the interpreter reports, null for tflc.
     */
    @JsonPropertyOrder({"name", "kernels", "library", "arena_bytes", "arena_used_bytes", "arena_tries",
        "ram_bytes", "flash_bytes", "flash_code_bytes", "flash_weight_bytes", "instructions",
        "instruction_resolution", "stack_bytes"})
    public record Side(
            @JsonProperty("name") String name,
            @JsonProperty("kernels") String kernels,
            @JsonProperty("library") String library,
            @JsonProperty("arena_bytes") long arenaBytes,
            @JsonProperty("arena_used_bytes") Long arenaUsedBytes,
            @JsonProperty("arena_tries") Integer arenaTries,
            @JsonProperty("ram_bytes") long ramBytes,
            @JsonProperty("flash_bytes") long flashBytes,
            @JsonProperty("flash_code_bytes") long flashCodeBytes,
            @JsonProperty("flash_weight_bytes") long flashWeightBytes,
            @JsonProperty("instructions") long instructions,
            @JsonProperty("instruction_resolution") double instructionResolution,
            @JsonProperty("stack_bytes") long stackBytes) {
    }

    /** Why a comparison cannot be made: one line, and the exit status (2 bad input, 1 a failed run). */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * What to compare: the model, the user's checkout ({@code tflm}), the target, tflc's kernel set
     * (null: the target's first), the tflc repository ({@code root}: its targets/), and the
     * environment (for CMSIS-NN's paths with {@code --kernels cmsis-nn}).
     */
    public record Request(Path model, Path tflm, String target, String kernels, Path root,
            Function<String, String> env) {
    }

    /** Runs the comparison; {@code progress} receives a line per step (builds take a while). */
    public static Comparison run(Request r, Consumer<String> progress) throws IOException, InterruptedException {
        try {
            return new Runner(r, progress).run();
        } catch (BenchFailure f) {
            throw new Failure(f.status(), f.getMessage());
        }
    }

    /** The input bytes of a graph: every input tensor's, in input order, by {@link #INPUT_PATTERN}. */
    static byte[] input(Graph g) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Tensor t : g.inputTensors()) {
            int bytes = Math.toIntExact(t.byteSize());
            if (t.type() == TensorType.FLOAT32) {
                ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < bytes / 4; i++) {
                    b.putFloat(((i * 37 + 11) % 256 - 128) / 128.0f);
                }
                all.writeBytes(b.array());
            } else {
                for (int i = 0; i < bytes; i++) {
                    all.write((i * 37 + 11) & 0xff);
                }
            }
        }
        return all.toByteArray();
    }

    /** The state of one comparison. */
    private static final class Runner {
        private final Request request;
        private final Consumer<String> progress;
        private final Target target;
        private final String kernels;
        private final BoardRunner boards;

        Runner(Request request, Consumer<String> progress) {
            this.request = request;
            this.progress = progress;
            this.target = Target.load(request.target());
            this.kernels = request.kernels() != null ? request.kernels() : target.kernelOrder().get(0);
            this.boards = new BoardRunner(request.root());
        }

        Comparison run() throws IOException, InterruptedException {
            TflmLibrary library = TflmLibrary.find(request.tflm(), target, kernels);
            KernelBuild build = kernelBuild();
            byte[] modelBytes = Files.readAllBytes(request.model());
            Graph g = ModelReader.read(request.model()).main();
            String name = request.model().getFileName().toString().replaceFirst("\\.tflite$", "");
            SharedModel m = new SharedModel("", name, request.model().toAbsolutePath());
            Path work = Files.createTempDirectory("tflc-compare-");
            boolean keep = false;
            try {
                Path input = work.resolve("input.bin");
                Files.write(input, input(g));

                CompiledModel c = ModelCompiler.compile(m, g, target.name(), build, work);
                progress.accept("building and running tflc's image (" + kernels + " kernels) on " + target.board());
                BoardRun ours = boards.run(c, OPT, input);
                Side tflc = side("tflc", kernels, null, c, ours, null, null);

                TflmHarness harness = new TflmHarness(library, target, g, modelBytes, work.resolve(TflmHarness.LABEL));
                progress.accept("compiling the interpreter harness against " + library.root() + " ("
                        + library.build() + ")");
                Path archive = harness.buildHarness(request.root());
                Search s = new Search(harness, boards, target.ramBytes(), m, archive, c.macs(), input, modelBytes.length,
                        c.arenaBytes(), progress).run();
                Side tflm = side("TensorFlow Lite Micro", library.kernelsInWords(), library.library().toString(),
                        s.image, s.run, s.arenaUsed, s.tries);
                return new Comparison(request.model().getFileName().toString(), modelBytes.length, target.name(),
                        target.board(), OPT, c.macs(), INPUT_PATTERN, tflm, tflc,
                        Arrays.equals(ours.output(), s.run.output()), ours.output().length);
            } catch (BenchFailure f) {
                keep = true; // the message points into it
                throw new BenchFailure(f.status(), f.getMessage() + (f.getMessage().contains(work.toString()) ? ""
                        : " (build folders kept in " + work + ")"));
            } finally {
                if (!keep) {
                    OutputFolder.deleteTree(work);
                }
            }
        }

        private KernelBuild kernelBuild() {
            if (kernels.equals(CmsisNnKernels.NAME)) {
                return CmsisNn.resolve(null, Map.of(), List.of(target.name()), request.env()).build(target.name());
            }
            return kernels.equals(OptimizedKernels.NAME) ? KernelBuild.OPTIMIZED : KernelBuild.PORTABLE;
        }

        private static Side side(String name, String kernels, String library, CompiledModel c, BoardRun run,
                Long arenaUsed, Integer tries) throws IOException {
            String what = c.label() + " " + OPT;
            InstructionCount count = InstructionCount.parse(run.log()).orElseThrow(() -> new BenchFailure(
                    what + ": the firmware reported no instruction count (log: " + run.logFile() + ")"));
            Footprint f = Footprint.read(run, c, what);
            return new Side(name, kernels, library, c.arenaBytes(), arenaUsed, tries, f.ram().total(),
                    f.flash().total(), f.flash().exclWeights(), f.flash().weights(), count.instructions(),
                    count.resolution(), count.stackBytes());
        }
    }

    /**
     * The smallest arena (a multiple of 16 bytes) with which the interpreter allocates its tensors and
     * runs: first with a generous one (four times tflc's, doubled until it works), which gives
     * {@code arena_used_bytes()}; then
     * from that figure up, doubling the step until a run works; then halving the gap between the
     * largest arena that failed and the smallest that worked.
     */
    private static final class Search {
        private static final long ALIGN = 16;
        /** RAM left to the stack, the runtime's data and the board runner. */
        private static final long RESERVE = 256 * 1024;
        /** Flash for the interpreter, its kernels and the board runner (TFLM with CMSIS-NN: about 90 KB). */
        private static final long CODE_ROOM = 512 * 1024;
        /** The first arena tried: four times tflc's, at least this. */
        private static final long FIRST_TRY = 64 * 1024;

        private final TflmHarness harness;
        private final BoardRunner boards;
        private final long ram;
        private final long modelBytes;
        private final long tflcArena;
        private final SharedModel model;
        private final Path archive;
        private final long macs;
        private final Path input;
        private final Consumer<String> progress;
        CompiledModel image;
        BoardRun run;
        Long arenaUsed;
        int tries;

        Search(TflmHarness harness, BoardRunner boards, long ram, SharedModel model, Path archive, long macs, Path input,
                long modelBytes, long tflcArena, Consumer<String> progress) {
            this.modelBytes = modelBytes;
            this.tflcArena = tflcArena;
            this.harness = harness;
            this.boards = boards;
            this.ram = ram;
            this.model = model;
            this.archive = archive;
            this.macs = macs;
            this.input = input;
            this.progress = progress;
        }

        Search run() throws IOException, InterruptedException {
            // QEMU's ELF loader zero-fills .bss at the load address of .data, in flash: keep flash + arena
            // within the board's 4 MiB, or the zeros wrap onto the code through the flash's mirror.
            long cap = Math.max(ALIGN, (ram - RESERVE - modelBytes - CODE_ROOM) / ALIGN * ALIGN);
            long big = Math.min(cap, roundUp(Math.max(FIRST_TRY, 4 * tflcArena)));
            while (!attempt(big)) {
                if (big >= cap) {
                    throw new BenchFailure(BenchFailure.FAILED, "TensorFlow Lite Micro could not allocate the "
                            + "model's tensors even in an arena of " + Format.count(big) + " bytes: "
                            + BoardRunner.lastLine(run.log()) + " (log: " + run.logFile() + ")");
                }
                big = Math.min(cap, big * 2);
            }
            arenaUsed = usedBytes(run.log());
            long good = big;
            long bad = 0;
            long tryBytes = Math.min(big, roundUp(arenaUsed));
            long step = 1024;
            while (tryBytes < good) {
                if (attempt(tryBytes)) {
                    good = tryBytes;
                    break;
                }
                bad = tryBytes;
                tryBytes = Math.min(good, roundUp(tryBytes + step));
                step *= 2;
            }
            if (good == roundUp(arenaUsed) && good > ALIGN) {
                // one step below what it reports: does the interpreter need less?
                if (attempt(good - ALIGN)) {
                    good -= ALIGN;
                    bad = 0;
                } else {
                    bad = good - ALIGN;
                }
            }
            while (good - bad > ALIGN) {
                long mid = (bad + (good - bad) / 2) / ALIGN * ALIGN;
                if (mid <= bad) {
                    mid = bad + ALIGN;
                }
                if (attempt(mid)) {
                    good = mid;
                } else {
                    bad = mid;
                }
            }
            progress.accept("TensorFlow Lite Micro's smallest working arena: " + Format.count(good) + " bytes ("
                    + "it reports " + Format.count(arenaUsed) + " used; " + tries + " runs)");
            return this;
        }

        /** Builds and runs with this arena: true if it ran; the link failing is the library's fault. */
        private boolean attempt(long arenaBytes) throws IOException, InterruptedException {
            tries++;
            progress.accept("running TensorFlow Lite Micro with an arena of " + Format.count(arenaBytes) + " bytes");
            CompiledModel c = harness.image(model, arenaBytes, archive, macs);
            BoardRunner.Attempt a = boards.attempt(c, OPT, input);
            if (a.status() == 3) {
                throw new BenchFailure(BenchFailure.BAD_OPTIONS, "TensorFlow Lite Micro's library cannot be linked "
                        + "into an image for " + c.target() + ": " + linkError(a.run().log()) + " (log: "
                        + a.run().logFile() + ")");
            }
            if (a.status() != 0 && a.status() != TflmHarness.ALLOCATE_FAILED) {
                throw new BenchFailure("TensorFlow Lite Micro's image failed on " + c.target() + " with status "
                        + a.status() + ": " + BoardRunner.lastLine(a.run().log()) + " (log: " + a.run().logFile()
                        + ")");
            }
            if (a.status() == 0) {
                image = c;
                run = a.run();
            } else if (run == null) {
                run = a.run();
            }
            return a.status() == 0;
        }

        private static long roundUp(long bytes) {
            return (bytes + ALIGN - 1) / ALIGN * ALIGN;
        }

        /** The harness's "tflc: tflm arena_used=N" line. */
        private static long usedBytes(String log) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("tflc: tflm arena_used=(\\d+)").matcher(log);
            if (!m.find()) {
                throw new BenchFailure("the interpreter harness reported no arena_used line");
            }
            return Long.parseLong(m.group(1));
        }

        /** The linker's first error line in a run-on-board log, else its last word. */
        private static String linkError(String log) {
            List<String> errors = new ArrayList<>();
            for (String line : log.lines().toList()) {
                if (line.contains("undefined reference") || line.contains("error:") || line.contains("uses VFP")
                        || line.contains("cannot find")) {
                    errors.add(line.trim());
                }
            }
            return errors.isEmpty() ? BoardRunner.lastLine(log) : errors.get(0);
        }
    }
}
