package dev.tflc.bench;

import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.codegen.Report;
import dev.tflc.codegen.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Location;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.tflite.ModelReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures the shared models on emulated Cortex-M boards: compiles each one, builds and runs it with
 * {@code targets/run-on-board} at each optimisation level, checks the output against the golden
 * output, and writes the instructions per inference, arena, RAM and flash (split into weights, the
 * model's code, and the runner/startup/libraries around it) as a Markdown table and a JSON file,
 * beside TensorFlow Lite Micro's figures from {@code ../shared/benchmarks/tflm-baseline.json}.
 * Launched by {@code bench/run}; errors are one line on standard error and a nonzero exit status.
 */
public final class Benchmark {
    static final String USAGE = """
            usage: bench/run [--targets T,...] [--opts -O2,-Os] [--models PATTERN,...] [--jobs N]
                             [--markdown FILE] [--json FILE] [--models-dir DIR] [--baseline FILE]
                             [--work DIR] [--root DIR]
              --targets    cortex-m3|cortex-m4|cortex-m7|cortex-m33|cortex-m55, comma separated (default cortex-m4)
              --opts       optimisation levels, comma separated (default -O2,-Os)
              --models     model names or SUITE/NAME, '*' matching any text (default: every model in
                           mlperf-tiny and tflm-examples), e.g. 'mlperf-tiny/*_int8'
              --jobs       builds and QEMU runs at once (default: the number of processors)
              --markdown   the table (default ROOT/bench/results.md)
              --json       every figure (default ROOT/bench/results.json)
              --models-dir the shared models (default ROOT/../shared/models, or $TFLC_SHARED_MODELS)
              --baseline   TFLM's figures (default ROOT/../shared/benchmarks/tflm-baseline.json; none if absent)
              --work       keep the generated and built folders here (default: a temporary folder,
                           removed unless a run fails)
              --root       the tflc repository, for targets/run-on-board (default: the working directory)
            """;
    static final List<String> SUITES = List.of("mlperf-tiny", "tflm-examples");
    static final List<String> OPTIONS = List.of("--root", "--targets", "--opts", "--models", "--jobs", "--markdown",
            "--json", "--models-dir", "--baseline", "--work");
    static final double RELATIVE = 1e-5;
    static final double ABSOLUTE = 1e-6;

    /**
     * Shared model name -> its key in tflm-baseline.json (whose names come from the upstream paths);
     * the file sizes must agree as well, else the baseline is not shown for it.
     */
    static final Map<String, String> BASELINE_NAMES = Map.of(
            "kws_dscnn_int8", "tiny__keyword_spotting_kws_ref_model",
            "kws_dscnn_float", "tiny__keyword_spotting_kws_ref_model_float32",
            "vww_mobilenet_int8", "tiny__visual_wake_words_vww_96_int8",
            "ic_resnet8_int8", "tiny__image_classification_pretrainedResnet_quant",
            "ad_autoencoder_int8", "tiny__anomaly_detection_ad01_int8",
            "hello_world_int8", "tflm__examples_hello_world_models_hello_world_int8",
            "hello_world_float", "tflm__examples_hello_world_models_hello_world_float",
            "micro_speech_int8", "tflm__examples_micro_speech_models_micro_speech_quantized",
            "person_detect_int8", "tflm__models_person_detect",
            "keyword_scrambled_svdf_int8", "tflm__models_keyword_scrambled_8bit");

    /** A failed run or bad option: the one-line message, and the exit status. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }

        Failure(String message) {
            this(1, message);
        }
    }

    record Config(Path root, List<String> targets, List<String> opts, List<String> models, int jobs, Path markdown,
            Path json, Path modelsDir, Path baseline, Path work, List<String> args) {
    }

    record SharedModel(String suite, String name, Path file) {
    }

    /** Bytes by where they come from: the model folder, the board files (runner, startup), libraries. */
    record Flash(long total, long weights, long code, long codeText, long runtime, long board, long libraries) {
        long exclWeights() {
            return total - weights;
        }
    }

    record Ram(long total, long arena, long modelOther, long runtime) {
    }

    record Measurement(SharedModel model, String target, String board, String opt, long macs, long arena,
            long lowerBound, long instructions, double resolution, long stack, Flash flash, Ram ram, String output) {
        double instructionsPerMac() {
            return macs == 0 ? Double.NaN : (double) instructions / macs;
        }
    }

    record Unsupported(SharedModel model, String reason) {
    }

    private final Config config;
    private final Map<String, Object> baseline;

    private Benchmark(Config config) {
        this.config = config;
        this.baseline = loadBaseline(config.baseline());
    }

    public static void main(String[] args) {
        int status;
        try {
            Config config = parse(args);
            if (config == null) {
                System.out.print(USAGE);
                status = 0;
            } else {
                status = new Benchmark(config).run();
            }
        } catch (Failure e) {
            System.err.println("bench: " + oneLine(e.getMessage()));
            status = e.status;
        } catch (IrException e) {
            System.err.println("bench: " + oneLine(e.diagnostic()));
            status = 1;
        } catch (RuntimeException | IOException e) {
            System.err.println("bench: " + oneLine(String.valueOf(e)));
            status = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("bench: interrupted");
            status = 1;
        }
        System.exit(status);
    }

    // ---- options

    static Config parse(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        List<String> targets = List.of("cortex-m4");
        List<String> opts = List.of("-O2", "-Os");
        List<String> models = List.of("*");
        int jobs = Runtime.getRuntime().availableProcessors();
        Path markdown = null;
        Path json = null;
        Path modelsDir = null;
        Path baseline = null;
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("-h") || option.equals("--help")) {
                return null;
            }
            if (!OPTIONS.contains(option)) {
                throw new Failure(2, "unknown option '" + option + "' (see --help)");
            }
            if (i + 1 >= args.length) {
                throw new Failure(2, option + " needs a value (see --help)");
            }
            String value = args[++i];
            switch (option) {
                case "--root" -> root = Path.of(value).toAbsolutePath();
                case "--targets" -> targets = list(value);
                case "--opts" -> opts = list(value);
                case "--models" -> models = list(value);
                case "--jobs" -> jobs = positive(option, value);
                case "--markdown" -> markdown = Path.of(value);
                case "--json" -> json = Path.of(value);
                case "--models-dir" -> modelsDir = Path.of(value);
                case "--baseline" -> baseline = Path.of(value);
                case "--work" -> work = Path.of(value);
                default -> throw new Failure(2, "unknown option '" + option + "' (see --help)");
            }
        }
        if (!Files.isExecutable(root.resolve("targets/run-on-board"))) {
            throw new Failure(2, root + " is not the tflc repository (no targets/run-on-board); use --root");
        }
        for (String t : targets) {
            if (!Target.NAMES.contains(t) || Target.load(t).board().isEmpty()) {
                throw new Failure(2, "target '" + t + "' has no emulated board (use cortex-m3, cortex-m4, cortex-m7, "
                        + "cortex-m33 or cortex-m55)");
            }
        }
        for (String o : opts) {
            if (!o.matches("-O[0123sgz]|-Ofast")) {
                throw new Failure(2, "'" + o + "' is not an optimisation level (-O2, -Os, ...)");
            }
        }
        if (modelsDir == null) {
            String env = System.getenv("TFLC_SHARED_MODELS");
            modelsDir = env != null && !env.isBlank() ? Path.of(env) : root.resolveSibling("shared").resolve("models");
        }
        if (baseline == null) {
            baseline = modelsDir.toAbsolutePath().normalize().resolveSibling("benchmarks")
                    .resolve("tflm-baseline.json");
        }
        markdown = markdown != null ? markdown : root.resolve("bench/results.md");
        json = json != null ? json : root.resolve("bench/results.json");
        return new Config(root, targets, opts, models, jobs, markdown, json, modelsDir, baseline, work,
                List.of(args));
    }

    /** The command line that reproduces these results. */
    List<String> command() {
        List<String> words = new ArrayList<>(List.of("bench/run"));
        List<String> args = config.args();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--root")) {
                i++;
                continue;
            }
            String a = args.get(i);
            words.add(a.matches("[A-Za-z0-9_./,=:+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return words;
    }

    static List<String> list(String value) {
        List<String> items = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (items.isEmpty()) {
            throw new Failure(2, "empty list '" + value + "'");
        }
        return items;
    }

    static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Failure(2, option + " needs a positive whole number, not '" + value + "'");
    }

    // ---- the run

    int run() throws IOException, InterruptedException {
        List<SharedModel> models = findModels();
        boolean temporaryWork = config.work() == null;
        Path work = temporaryWork ? Files.createTempDirectory("tflc-bench-") : config.work().toAbsolutePath();
        Files.createDirectories(work);

        List<Measurement> measurements = new ArrayList<>();
        List<Unsupported> unsupported = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(config.jobs());
        try {
            List<Future<List<Measurement>>> units = new ArrayList<>();
            for (SharedModel m : models) {
                // Compiling is quick and stays on this thread; the builds and QEMU runs go to the pool.
                List<Compiled> compiled = new ArrayList<>();
                try {
                    Graph g = ModelReader.read(m.file()).main();
                    for (String target : config.targets()) {
                        compiled.add(compile(m, g, target, work));
                    }
                } catch (IrException e) {
                    String reason = e.at(new Location(m.file().getFileName().toString(), 0, -1, null, null))
                            .diagnostic();
                    System.err.println("bench: skipping " + m.name() + " (not supported): " + oneLine(reason));
                    unsupported.add(new Unsupported(m, reason));
                    continue;
                }
                for (Compiled c : compiled) {
                    units.add(pool.submit(() -> measure(c)));
                }
            }
            for (Future<List<Measurement>> unit : units) {
                try {
                    measurements.addAll(unit.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    String hint = " (build folders kept in " + work + ")";
                    if (cause instanceof Failure f) {
                        throw new Failure(f.status, f.getMessage() + hint);
                    }
                    if (cause instanceof IrException ir) {
                        throw new Failure(ir.diagnostic() + hint);
                    }
                    throw new Failure(String.valueOf(cause) + hint);
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        if (measurements.isEmpty()) {
            throw new Failure("no supported model matched " + String.join(",", config.models()));
        }
        Map<String, String> tools = toolVersions();
        write(config.markdown(), markdown(measurements, unsupported, tools));
        write(config.json(), toJson(json(measurements, unsupported, tools), 0) + "\n");
        if (temporaryWork) {
            dev.tflc.codegen.OutputFolder.deleteTree(work);
        }
        System.err.println("bench: wrote " + config.markdown() + " and " + config.json());
        return 0;
    }

    List<SharedModel> findModels() throws IOException {
        Path dir = config.modelsDir();
        if (!Files.isDirectory(dir.resolve("golden"))) {
            throw new Failure(2, "no shared models in " + dir + " (use --models-dir or TFLC_SHARED_MODELS)");
        }
        List<Pattern> patterns = config.models().stream().map(Benchmark::glob).toList();
        List<SharedModel> found = new ArrayList<>();
        for (String suite : SUITES) {
            if (!Files.isDirectory(dir.resolve(suite))) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir.resolve(suite))) {
                for (Path f : files.sorted().toList()) {
                    String file = f.getFileName().toString();
                    if (!file.endsWith(".tflite")) {
                        continue;
                    }
                    String name = file.substring(0, file.length() - ".tflite".length());
                    if (patterns.stream().anyMatch(p -> p.matcher(name).matches()
                            || p.matcher(suite + "/" + name).matches())) {
                        found.add(new SharedModel(suite, name, f));
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new Failure(2, "no model in " + dir + " matches " + String.join(",", config.models()));
        }
        return found;
    }

    static Pattern glob(String pattern) {
        List<String> parts = Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).toList();
        return Pattern.compile(String.join(".*", parts));
    }

    static CGenerator.Options options(SharedModel m, String target) {
        return new CGenerator.Options("model", Target.load(target), "portable", false, m.name() + ".tflite");
    }

    /** A model compiled for one target: its folder (unit/src), graph, report and weight array names. */
    record Compiled(SharedModel model, Graph graph, String target, Path unit, Report report,
            Set<String> weightArrays) {
    }

    static Compiled compile(SharedModel m, Graph g, String target, Path work) {
        CGenerator.Output out = CGenerator.generate(g, options(m, target));
        Path unit = work.resolve(m.name() + "-" + target);
        OutputFolder.write(unit.resolve("src"), out.files());
        return new Compiled(m, g, target, unit, out.report(),
                weightArrays(new String(out.files().get("model.c"), StandardCharsets.UTF_8)));
    }

    /** Builds and runs one compiled model at every optimisation level, checks its output, measures it. */
    List<Measurement> measure(Compiled c) throws IOException, InterruptedException {
        SharedModel m = c.model();
        Graph g = c.graph();
        String target = c.target();
        String label = m.name() + " " + target;
        Path unit = c.unit();
        Path src = unit.resolve("src");
        Set<String> weightArrays = c.weightArrays();
        Path golden = config.modelsDir().resolve("golden");
        Path input = golden.resolve(m.name() + ".in");
        Path expected = golden.resolve(m.name() + ".out");
        if (!Files.isRegularFile(input) || !Files.isRegularFile(expected)) {
            throw new Failure(label + ": no golden files " + input + " and " + expected);
        }
        List<Measurement> results = new ArrayList<>();
        for (String opt : config.opts()) {
            String what = label + " " + opt;
            Path build = unit.resolve("build" + opt);
            Path output = unit.resolve("output" + opt + ".bin");
            Path log = unit.resolve("log" + opt + ".txt");
            int status = runOnBoard(List.of(target, build.toString(), src.toString(), "--opt", opt), input, output,
                    log);
            String text = Files.readString(log);
            if (status != 0) {
                throw new Failure(what + ": targets/run-on-board exited with status " + status + ": "
                        + lastLine(text) + " (log: " + log + ")");
            }
            String check = compare(g, Files.readAllBytes(expected), Files.readAllBytes(output), what);
            Matcher line = Pattern.compile("tflc: instructions=(\\d+) resolution=([0-9.]+) .*?stack=(\\d+)")
                    .matcher(text);
            if (!line.find()) {
                throw new Failure(what + ": the firmware reported no instruction count (log: " + log + ")");
            }
            Report report = c.report();
            Map<String, Long> sections = sizes(build.resolve("size.txt"));
            Map<String, Long> parts = mapParts(build.resolve("firmware.map"), build.resolve("obj").toRealPath(),
                    weightArrays);
            long weights = parts.get("model.weights");
            if (weights != report.weightBytes()) {
                throw new Failure(what + ": the image holds " + weights + " bytes of weight arrays, report.json says "
                        + report.weightBytes() + ": cannot split flash into code and weights");
            }
            long flashTotal = sections.get("text") + sections.get("rodata") + sections.get("weights")
                    + sections.get("data");
            long code = parts.get("model.text") + parts.get("model.rodata") + parts.get("model.data");
            long board = parts.get("board.text") + parts.get("board.rodata") + parts.get("board.data");
            long libraries = parts.get("library.text") + parts.get("library.rodata") + parts.get("library.data");
            Flash flash = new Flash(flashTotal, weights, code, parts.get("model.text"), flashTotal - weights - code,
                    board, libraries);
            long ramTotal = sections.get("data") + sections.get("bss");
            long modelRam = parts.get("model.data") + parts.get("model.bss");
            Ram ram = new Ram(ramTotal, report.arenaBytes(), modelRam - report.arenaBytes(), ramTotal - modelRam);
            Measurement r = new Measurement(m, target, Target.load(target).board(), opt, report.macs(),
                    report.arenaBytes(), report.lowerBoundBytes(), Long.parseLong(line.group(1)),
                    Double.parseDouble(line.group(2)), Long.parseLong(line.group(3)), flash, ram, check);
            System.err.printf(Locale.ROOT, "bench: %s: %,d instructions, arena %,d B, flash %,d B (weights %,d), %s%n",
                    what, r.instructions(), r.arena(), flash.total(), flash.weights(), check);
            results.add(r);
        }
        return results;
    }

    int runOnBoard(List<String> args, Path stdin, Path stdout, Path log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(config.root().resolve("targets/run-on-board").toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectInput(stdin.toFile()).redirectOutput(stdout.toFile())
                .redirectError(log.toFile()).start();
        try {
            return p.waitFor();
        } finally {
            // when interrupted (another run failed): stop QEMU and the compilers too, not only the script
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("run-on-board:")) {
                return lines.get(i);
            }
        }
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }

    /** "bit-exact", or "within tolerance" for float outputs that are close; a Failure otherwise. */
    static String compare(Graph g, byte[] expected, byte[] actual, String what) {
        long size = g.outputTensors().stream().mapToLong(Tensor::byteSize).sum();
        if (expected.length != size || actual.length != size) {
            throw new Failure(what + ": output is " + actual.length + " bytes, golden " + expected.length
                    + ", the outputs need " + size);
        }
        if (Arrays.equals(expected, actual)) {
            return "bit-exact";
        }
        int at = 0;
        double maxDiff = 0;
        for (Tensor t : g.outputTensors()) {
            int n = (int) t.byteSize();
            if (t.type() != TensorType.FLOAT32) {
                for (int i = at; i < at + n; i++) {
                    if (expected[i] != actual[i]) {
                        throw new Failure(what + ": output byte " + i + " (tensor '" + t.name() + "') is "
                                + actual[i] + ", golden " + expected[i]);
                    }
                }
            } else {
                ByteBuffer e = ByteBuffer.wrap(expected, at, n).order(ByteOrder.LITTLE_ENDIAN);
                ByteBuffer a = ByteBuffer.wrap(actual, at, n).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n / 4; i++) {
                    float x = e.getFloat();
                    float y = a.getFloat();
                    double diff = Math.abs((double) x - y);
                    if (!(diff <= ABSOLUTE || diff <= RELATIVE * Math.abs(x)) && !(Float.isNaN(x) && Float.isNaN(y))) {
                        throw new Failure(what + ": output element " + i + " of '" + t.name() + "' is " + y
                                + ", golden " + x + " (beyond 1e-5 relative / 1e-6 absolute)");
                    }
                    maxDiff = Math.max(maxDiff, diff);
                }
            }
            at += n;
        }
        return String.format(Locale.ROOT, "within tolerance (max abs diff %.1e)", maxDiff);
    }

    // ---- sizes

    static final Pattern WEIGHT_ARRAY = Pattern.compile(
            "^static const [A-Za-z0-9_]+ ([A-Za-z_][A-Za-z0-9_]*)\\[\\d+\\] TFLC_ALIGNED\\b", Pattern.MULTILINE);

    /** The names of the weight arrays in a generated model.c: its {@code TFLC_ALIGNED} constant arrays. */
    static Set<String> weightArrays(String source) {
        Set<String> names = new HashSet<>();
        Matcher m = WEIGHT_ARRAY.matcher(source);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** {@code arm-none-eabi-size -A -d} grouped as run-on-board does: text, rodata, weights, data, bss. */
    static Map<String, Long> sizes(Path sizeTxt) throws IOException {
        Map<String, Long> s = new LinkedHashMap<>();
        for (String key : List.of("text", "rodata", "weights", "data", "bss")) {
            s.put(key, 0L);
        }
        for (String line : Files.readAllLines(sizeTxt)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[1].matches("\\d+")) {
                continue;
            }
            String group = outputGroup(f[0]);
            if (group != null) {
                s.merge(group, Long.parseLong(f[1]), Long::sum);
            }
        }
        return s;
    }

    /** The group of an allocated output section, or null for anything else (stack, debug, attributes). */
    static String outputGroup(String section) {
        return switch (section) {
            case ".vectors", ".text", ".ARM.extab", ".ARM.exidx" -> "text";
            case ".rodata" -> "rodata";
            case ".weights" -> "weights";
            case ".data" -> "data";
            case ".bss" -> "bss";
            default -> null;
        };
    }

    /**
     * Sums the input sections of the link map by origin (model: the generated folder's objects;
     * board: runner, startup, semihosting, timer; library: libc/libm/libgcc) and output group. A
     * model section {@code .rodata.NAME} whose NAME is a weight array, and anything in the
     * {@code .weights} output section, counts as {@code model.weights} instead of rodata.
     */
    static Map<String, Long> mapParts(Path map, Path objects, Set<String> weightArrays) throws IOException {
        Map<String, Long> parts = new LinkedHashMap<>();
        for (String origin : List.of("model", "board", "library")) {
            for (String group : List.of("text", "rodata", "weights", "data", "bss")) {
                parts.put(origin + "." + group, 0L);
            }
        }
        String modelDir = objects.resolve("model") + File.separator;
        String boardDir = objects.resolve("board") + File.separator;
        boolean started = false;
        String output = null;
        String pending = null;
        for (String line : Files.readAllLines(map)) {
            if (!started) {
                started = line.startsWith("Linker script and memory map");
                continue;
            }
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                output = outputGroup(line.split("\\s+")[0]);
                pending = null;
                continue;
            }
            String[] f = line.trim().split("\\s+");
            String name;
            int at;
            boolean inputSection = line.matches("^ [.A-Za-z_].*");
            if (inputSection && f.length == 1) {
                pending = f[0];
                continue;
            } else if (inputSection && f.length >= 4 && f[1].startsWith("0x") && f[2].startsWith("0x")) {
                name = f[0];
                at = 1;
            } else if (pending != null && f.length >= 3 && f[0].startsWith("0x") && f[1].startsWith("0x")) {
                name = pending;
                at = 0;
            } else {
                pending = null;
                continue;
            }
            pending = null;
            if (output == null) {
                continue;
            }
            long size = Long.parseLong(f[at + 1].substring(2), 16);
            String file = String.join(" ", Arrays.copyOfRange(f, at + 2, f.length));
            String origin = file.startsWith(modelDir) ? "model" : file.startsWith(boardDir) ? "board" : "library";
            String group = output;
            if (origin.equals("model") && group.equals("rodata") && name.startsWith(".rodata.")
                    && weightArrays.contains(name.substring(".rodata.".length()))) {
                group = "weights";
            }
            parts.merge(origin + "." + group, size, Long::sum);
        }
        if (!started) {
            throw new Failure(map + " is not a GNU ld map (no memory map)");
        }
        return parts;
    }

    // ---- TFLM's baseline

    static Map<String, Object> loadBaseline(Path file) {
        if (!Files.isRegularFile(file)) {
            System.err.println("bench: no TFLM baseline at " + file + "; the tables show tflc alone");
            return Map.of();
        }
        try {
            Object json = new JsonReader(Files.readString(file)).document();
            if (json instanceof Map<?, ?> m && m.get("runs") instanceof List<?>
                    && m.get("models") instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) m;
                return typed;
            }
            throw new Failure(file + " has no \"models\" and \"runs\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TFLM's run of this model on this core with "ref" or "cmsis" kernels, or null. */
    Map<?, ?> tflm(SharedModel m, String target, String kernels) {
        String key = BASELINE_NAMES.get(m.name());
        if (key == null || baseline.isEmpty()
                || !(((Map<?, ?>) baseline.get("models")).get(key) instanceof Map<?, ?> model)) {
            return null;
        }
        try {
            if (!(model.get("model_file_bytes") instanceof Number n) || n.longValue() != Files.size(m.file())) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        String cpu = target.replace("cortex-", "");
        for (Object o : (List<?>) baseline.get("runs")) {
            if (o instanceof Map<?, ?> run && key.equals(run.get("model")) && cpu.equals(run.get("cpu"))
                    && kernels.equals(run.get("kernels"))) {
                return run;
            }
        }
        return null;
    }

    static Long number(Map<?, ?> run, String key) {
        return run != null && run.get(key) instanceof Number n ? n.longValue() : null;
    }

    // ---- results

    String markdown(List<Measurement> results, List<Unsupported> unsupported, Map<String, String> tools) {
        StringBuilder sb = new StringBuilder();
        sb.append("# tflc on emulated Cortex-M boards\n\n");
        sb.append("`").append(String.join(" ", command())).append("`")
                .append(" (tflc ").append(CGenerator.VERSION).append(", portable kernels; ")
                .append(tools.get("arm-none-eabi-gcc")).append("; ").append(tools.get("qemu-system-arm"))
                .append(").\n");
        for (String target : config.targets()) {
            List<Measurement> rows = results.stream().filter(r -> r.target().equals(target)).toList();
            if (rows.isEmpty()) {
                continue;
            }
            sb.append("\n### ").append(target).append(" (").append(rows.get(0).board())
                    .append(", instructions exact to ").append(format(rows.get(0).resolution())).append(")\n\n");
            sb.append(table(rows));
        }
        sb.append("\n").append(legend());
        if (!unsupported.isEmpty()) {
            sb.append("\nNot measured, because tflc does not support them yet:\n\n");
            for (Unsupported u : unsupported) {
                sb.append("- `").append(u.model().name()).append("`: ").append(oneLine(u.reason())).append('\n');
            }
        }
        return sb.toString();
    }

    /** The table for one target; TFLM's figures (measured at -O2 only) beside the -O2 rows. */
    String table(List<Measurement> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| model | opt | MACs | instructions | TFLM instructions ref / cmsis | instr/MAC | arena "
                + "| TFLM arena ref / cmsis | RAM | TFLM RAM ref / cmsis | weights | code | runtime "
                + "| flash excl. weights | TFLM flash excl. model ref / cmsis | flash | TFLM flash ref / cmsis "
                + "| output |\n");
        sb.append("|---|---|" + "---:|".repeat(15) + "---|\n");
        for (Measurement r : rows) {
            Map<?, ?> ref = r.opt().equals("-O2") ? tflm(r.model(), r.target(), "ref") : null;
            Map<?, ?> cmsis = r.opt().equals("-O2") ? tflm(r.model(), r.target(), "cmsis") : null;
            List<String> cells = List.of(r.model().name(), r.opt(), format(r.macs()),
                    format(r.instructions()), pair(ref, cmsis, "invoke_instructions"),
                    r.macs() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", r.instructionsPerMac()),
                    format(r.arena()), pair(ref, cmsis, "arena_used_bytes"),
                    format(r.ram().total()), pair(ref, cmsis, "ram_data_bss_bytes"),
                    format(r.flash().weights()), format(r.flash().code()), format(r.flash().runtime()),
                    format(r.flash().exclWeights()), pair(ref, cmsis, "flash_excl_model_bytes"),
                    format(r.flash().total()), pair(ref, cmsis, "flash_bytes"),
                    r.output().startsWith("bit") ? "exact" : "≈");
            sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return sb.toString();
    }

    static String pair(Map<?, ?> ref, Map<?, ?> cmsis, String key) {
        Long a = number(ref, key);
        Long b = number(cmsis, key);
        if (a == null && b == null) {
            return "";
        }
        return (a == null ? "-" : format(a)) + " / " + (b == null ? "-" : format(b));
    }

    static String legend() {
        return """
                Columns (bytes unless named; TFLM = TensorFlow Lite Micro with reference kernels / with CMSIS-NN,
                from ../shared/benchmarks/tflm-baseline.json, built at -O2 only and so shown on the -O2 rows):

                - **instructions**: executed instructions per inference, QEMU `-icount shift=0` with a timer read
                  around `model_invoke()` (targets/README.md); instructions, not cycles. TFLM: one `Invoke()`.
                - **arena**: the planned tensor arena (report.json `arena_bytes`). TFLM: `arena_used_bytes()`.
                - **RAM**: `.data` + `.bss` of the whole firmware, arena included, stack not (as TFLM's RAM data+bss).
                - **weights**: the model's constant arrays (weights and biases: the `TFLC_ALIGNED` arrays of
                  model.c), summed from their `.rodata.<name>` input sections in the link map; always equal to
                  report.json `weight_bytes`.
                - **code**: everything else the generated folder's objects put in flash after `--gc-sections`:
                  `.text` (kernels, layer calls) and the other `.rodata`/`.data` (per-channel multipliers and
                  shifts, layer parameters); results.json splits it into `code_text` and `code_constants`.
                - **runtime**: the rest of the image: the board runner and startup (`runtime_board` in
                  results.json), libc/libm/libgcc (`runtime_libraries`) and alignment.
                - **flash excl. weights** = code + runtime: the counterpart of TFLM's "flash excl. model" (its
                  interpreter, kernels, libraries and harness; its model is the whole .tflite flatbuffer, which
                  also holds the quantization parameters that are part of our code).
                - **flash** = `.vectors` + `.text` + `.ARM.extab`/`.ARM.exidx` + `.rodata` + `.data`
                  (`arm-none-eabi-size -A`) = weights + code + runtime.
                - **output**: exact = bit-exact with the golden output; ≈ = float output within 1e-5 relative /
                  1e-6 absolute of it.
                """;
    }

    Map<String, Object> json(List<Measurement> results, List<Unsupported> unsupported, Map<String, String> tools) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", String.join(" ", command()));
        root.put("tflc_version", CGenerator.VERSION);
        root.put("kernels", "portable");
        root.put("tools", tools);
        Map<String, Object> method = new LinkedHashMap<>();
        method.put("instructions", "executed instructions per model_invoke() on QEMU with -icount shift=0, from a "
                + "board timer read around the call; exact to within instruction_resolution");
        method.put("flash_total", ".vectors + .text + .ARM.extab + .ARM.exidx + .rodata + .weights + .data "
                + "(arm-none-eabi-size -A)");
        method.put("flash_weights", "input sections .rodata.<name> of the model folder's objects where <name> is a "
                + "TFLC_ALIGNED constant array of model.c (weights and biases), plus any .tflc_weights* section; "
                + "checked equal to report.json weight_bytes");
        method.put("flash_code", "the model folder's other .text, .rodata and .data input sections (link map): "
                + "code_text (.text, the kernels and the layer calls) + code_constants (.rodata and .data: "
                + "per-channel multipliers and shifts, layer parameters, tables)");
        method.put("flash_runtime", "flash_total - weights - code: board runner/startup (runtime_board), "
                + "libc/libm/libgcc (runtime_libraries) and alignment padding");
        method.put("ram_total", ".data + .bss, arena included, stack excluded");
        method.put("tflm", "TensorFlow Lite Micro runs from tflm-baseline.json for the same model and core "
                + "(ref = reference kernels, cmsis = CMSIS-NN), -O2");
        root.put("method", method);
        List<Object> rows = new ArrayList<>();
        for (Measurement r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", r.model().name());
            row.put("suite", r.model().suite());
            row.put("target", r.target());
            row.put("board", r.board());
            row.put("opt", r.opt());
            row.put("output", r.output());
            row.put("macs", r.macs());
            row.put("instructions", r.instructions());
            row.put("instruction_resolution", r.resolution());
            row.put("instructions_per_mac", r.macs() == 0 ? null : Math.round(r.instructionsPerMac() * 1000) / 1000.0);
            row.put("arena_bytes", r.arena());
            row.put("lower_bound_bytes", r.lowerBound());
            row.put("stack_bytes", r.stack());
            Map<String, Object> flash = new LinkedHashMap<>();
            flash.put("total", r.flash().total());
            flash.put("weights", r.flash().weights());
            flash.put("code", r.flash().code());
            flash.put("code_text", r.flash().codeText());
            flash.put("code_constants", r.flash().code() - r.flash().codeText());
            flash.put("runtime", r.flash().runtime());
            flash.put("runtime_board", r.flash().board());
            flash.put("runtime_libraries", r.flash().libraries());
            flash.put("excl_weights", r.flash().exclWeights());
            row.put("flash_bytes", flash);
            Map<String, Object> ram = new LinkedHashMap<>();
            ram.put("total", r.ram().total());
            ram.put("arena", r.ram().arena());
            ram.put("model_other", r.ram().modelOther());
            ram.put("runtime", r.ram().runtime());
            row.put("ram_bytes", ram);
            Map<String, Object> tflm = new LinkedHashMap<>();
            for (String kernels : List.of("ref", "cmsis")) {
                Map<?, ?> run = tflm(r.model(), r.target(), kernels);
                if (run != null) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    for (String key : List.of("arena_used_bytes", "ram_data_bss_bytes", "flash_bytes",
                            "flash_excl_model_bytes", "model_bytes", "invoke_instructions", "instructions_per_mac",
                            "stack_high_water_bytes")) {
                        if (run.get(key) != null) {
                            t.put(key, run.get(key));
                        }
                    }
                    tflm.put(kernels, t);
                }
            }
            if (!tflm.isEmpty()) {
                tflm.put("name", BASELINE_NAMES.get(r.model().name()));
                row.put("tflm_O2", tflm);
            }
            rows.add(row);
        }
        root.put("results", rows);
        List<Object> skipped = new ArrayList<>();
        for (Unsupported u : unsupported) {
            skipped.add(new LinkedHashMap<>(Map.of("model", u.model().name(), "reason", u.reason())));
        }
        root.put("unsupported", skipped);
        return root;
    }

    static Map<String, String> toolVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String tool : List.of("arm-none-eabi-gcc", "qemu-system-arm")) {
            String version = tool + " (version unknown)";
            try {
                Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
                String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                        .findFirst().orElse("");
                if (p.waitFor() == 0 && !first.isBlank()) {
                    version = first.strip();
                }
            } catch (IOException e) {
                // keep "unknown"
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            versions.put(tool, version);
        }
        return versions;
    }

    static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
    }

    static String format(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String format(double d) {
        return d == Math.rint(d) ? format((long) d) : String.valueOf(d);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    // ---- JSON, both ways (the figures are plain numbers, strings, lists and maps)

    static String toJson(Object value, int indent) {
        String pad = "  ".repeat(indent + 1);
        String end = "  ".repeat(indent);
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return "{}";
            }
            List<String> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(pad + dev.tflc.codegen.Report.str(String.valueOf(k)) + ": " + toJson(v, indent + 1)));
            return "{\n" + String.join(",\n", entries) + "\n" + end + "}";
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return "[]";
            }
            List<String> items = new ArrayList<>();
            list.forEach(v -> items.add(pad + toJson(v, indent + 1)));
            return "[\n" + String.join(",\n", items) + "\n" + end + "]";
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "null" : d == Math.rint(d) && Math.abs(d) < 1e15
                    ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        return value == null ? "null" : dev.tflc.codegen.Report.str(String.valueOf(value));
    }


    /** A small reader for JSON documents: objects to maps, arrays to lists, numbers to Long or Double. */
    static final class JsonReader {
        private final String text;
        private int at;

        JsonReader(String text) {
            this.text = text;
        }

        Object document() {
            Object v = value();
            blanks();
            if (at != text.length()) {
                throw error("text after the document");
            }
            return v;
        }

        private Object value() {
            blanks();
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(at);
            if (c == '{') {
                at++;
                Map<String, Object> map = new LinkedHashMap<>();
                if (next('}')) {
                    return map;
                }
                do {
                    blanks();
                    String key = string();
                    expect(':');
                    map.put(key, value());
                } while (next(','));
                expect('}');
                return map;
            }
            if (c == '[') {
                at++;
                List<Object> list = new ArrayList<>();
                if (next(']')) {
                    return list;
                }
                do {
                    list.add(value());
                } while (next(','));
                expect(']');
                return list;
            }
            if (c == '"') {
                return string();
            }
            for (String word : List.of("true", "false", "null")) {
                if (text.startsWith(word, at)) {
                    at += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            String number = text.substring(start, at);
            if (number.isEmpty()) {
                throw error("unexpected '" + c + "'");
            }
            return number.matches("-?\\d+") ? (Object) Long.valueOf(number) : (Object) Double.valueOf(number);
        }

        private String string() {
            if (at >= text.length() || text.charAt(at) != '"') {
                throw error("expected a string");
            }
            at++;
            StringBuilder sb = new StringBuilder();
            while (at < text.length() && text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length()) {
                    char e = text.charAt(at++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            expect('"');
            return sb.toString();
        }

        private boolean next(char c) {
            blanks();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!next(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private void blanks() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private Failure error(String what) {
            return new Failure("TFLM baseline: bad JSON at character " + at + ": " + what);
        }
    }
}
