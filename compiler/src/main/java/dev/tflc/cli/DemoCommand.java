package dev.tflc.cli;

import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.HostCompiler;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.ir.Graph;
import dev.tflc.ir.Model;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Tensor;
import dev.tflc.quantize.PostTraining;
import dev.tflc.reference.Interpreter;
import dev.tflc.target.Target;
import dev.tflc.tflite.ModelReader;
import dev.tflc.tflite.ModelWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tflc demo}: the whole path on a model it makes itself. Trains a sine regressor in Java
 * ({@link DemoModel}), writes it as a float .tflite, quantizes it to int8 ({@link PostTraining}),
 * compiles it, builds it with the host C compiler, runs it, and, where QEMU and the Arm cross
 * compiler are installed, runs it on the emulated Cortex-M4 too; prints predictions beside the truth,
 * accuracy before and after quantization, and the footprint.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a small sine regressor in Java, write it as a float .tflite, quantize it to int8, "
                + "compile it, build and run it on the host (and on the emulated Cortex-M4 when qemu-system-arm "
                + "and arm-none-eabi-gcc are installed).")
final class DemoCommand implements Callable<Integer> {
    static final int TRAINING = 1000;
    static final int STEPS = 6000;
    static final int CALIBRATION = 200;
    static final int TEST = 500;
    /** The x values whose predictions are printed. */
    static final float[] SHOWN = {0.0f, 0.8f, 1.6f, 2.4f, 3.2f, 4.0f, 4.8f, 5.6f};

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Also keep the float and int8 models (demo_float.tflite, demo_int8.tflite) and the generated "
                    + "C here (default: nothing is kept); it follows compile's rules: your other files are kept.")
    Path output;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        out.println("tflc demo: train, convert, quantize, compile and run a sine regressor (like TFLM's hello_world)");
        out.println();
        float[] train = DemoModel.xs(TRAINING, 10);
        out.printf("1. train   a 1-16-16-1 ReLU network in Java on %,d points of sin(x) + noise (Adam, %,d steps)%n",
                TRAINING, STEPS);
        DemoModel trained = DemoModel.train(train, STEPS, step -> {
            System.err.print("\r   step " + step + "/" + STEPS);
            System.err.flush();
        });
        System.err.print("\r" + " ".repeat(24) + "\r");
        byte[] floatBytes = ModelWriter.write(trained.floatModel());
        Graph floatGraph = ModelReader.read(floatBytes, "demo_float.tflite").main();
        out.printf("2. convert to a float .tflite: %,d bytes, %s%n", floatBytes.length, layers(floatGraph));
        List<List<byte[]>> calibration = new ArrayList<>();
        for (int i = 0; i < CALIBRATION; i++) {
            calibration.add(List.of(floats(train[i])));
        }
        Model int8 = PostTraining.quantize(floatGraph, calibration, false, done -> { });
        byte[] int8Bytes = ModelWriter.write(int8);
        Graph g = ModelReader.read(int8Bytes, "demo_int8.tflite").main();
        out.printf("3. quantize to int8 with tflc quantize's code, %d calibration points: %,d bytes, %s%n", CALIBRATION,
                int8Bytes.length, layers(g));
        Path dir = Files.createTempDirectory("tflc-demo-");
        try {
            CGenerator.Output c = CGenerator.generate(g, new CGenerator.Options("model", Target.load("host"), "optimized",
                    true, "demo_int8.tflite"));
            OutputFolder.write(dir.resolve("host"), c.files());
            if (output != null) {
                Map<String, byte[]> kept = new LinkedHashMap<>(c.files());
                kept.put("demo_float.tflite", floatBytes);
                kept.put("demo_int8.tflite", int8Bytes);
                OutputFolder.write(output, kept);
            }
            long code = HostCompiler.build(dir.resolve("host"));
            out.printf("4. compile to C (%d files) and build with %s %s%n", c.files().keySet().stream()
                    .filter(f -> f.endsWith(".c") || f.endsWith(".h")).count(), HostCompiler.compiler(),
                    String.join(" ", HostCompiler.FLAGS));
            Board board = Board.find();
            out.println("5. run on the host" + (board != null ? " and on the emulated Cortex-M4 (QEMU mps2-an386)"
                    : " (the emulated Cortex-M4 needs qemu-system-arm and arm-none-eabi-gcc)"));
            out.println();
            boolean same = predictions(out, floatGraph, g, dir, board);
            out.println();
            Interpreter floatRun = new Interpreter(floatGraph);
            Interpreter int8Run = new Interpreter(g);
            double floatError = 0;
            double int8Error = 0;
            for (float x : DemoModel.xs(TEST, 20)) {
                floatError += square(floatOf(floatRun.run(List.of(floats(x))).get(0)) - Math.sin(x));
                int8Error += square(dequantize(g, int8Run.run(List.of(quantize(g, x))).get(0)) - Math.sin(x));
            }
            out.printf("  accuracy on %d test points (root mean square error against sin x): float %.4f, int8 %.4f%n",
                    TEST, Math.sqrt(floatError / TEST), Math.sqrt(int8Error / TEST));
            out.printf("  footprint: arena %,d bytes (lower bound %,d), weights %,d bytes, code %,d bytes "
                    + "(host text, kernels + model, without main.c); %,d MACs per inference%n",
                    c.report().arenaBytes(), c.report().lowerBoundBytes(), c.report().weightBytes(), code,
                    c.report().macs());
            out.println(same ? "  the generated C gives the Java reference's bytes on every run"
                    : "  THE GENERATED C DIFFERS FROM THE JAVA REFERENCE");
            if (output == null) {
                out.println("  (run 'tflc demo -o DIR' to keep the models and the generated C)");
            }
            return same ? 0 : 1;
        } finally {
            OutputFolder.deleteTree(dir);
        }
    }

    /** Prints one row per shown x; true when the C (host and board) equals the Java reference on all. */
    private static boolean predictions(PrintStream out, Graph floatGraph, Graph g, Path dir, Board board)
            throws IOException, InterruptedException {
        Interpreter floatRun = new Interpreter(floatGraph);
        Interpreter int8Run = new Interpreter(g);
        out.println("     x   sin x   float model   int8 (host C)" + (board != null ? "   int8 (Cortex-M4)" : ""));
        boolean same = true;
        Path m4 = board != null ? board.compile(g, dir.resolve("m4")) : null;
        for (int i = 0; i < SHOWN.length; i++) {
            float x = SHOWN[i];
            byte[] in = quantize(g, x);
            byte[] reference = int8Run.run(List.of(in)).get(0);
            byte[] host = HostCompiler.run(dir.resolve("host"), List.of("./prog"), in);
            same &= Arrays.equals(host, reference);
            String row = String.format("  %4.1f  %6.3f   %11.3f   %13.3f", x, Math.sin(x),
                    floatOf(floatRun.run(List.of(floats(x))).get(0)), dequantize(g, host));
            if (board != null && (i == 2 || i == 6)) {
                byte[] onBoard = board.run(m4, in, i);
                same &= Arrays.equals(onBoard, reference);
                row += String.format("   %16.3f", dequantize(g, onBoard));
            }
            out.println(row);
        }
        return same;
    }

    private static String layers(Graph g) {
        return String.join(" -> ", g.operators().stream().map(o -> o.kind()).toList());
    }

    private static double square(double d) {
        return d * d;
    }

    private static byte[] floats(float x) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(x).array();
    }

    private static float floatOf(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getFloat();
    }

    /** x as the int8 model's input: round(x / scale) + zero point, clamped. */
    private static byte[] quantize(Graph g, float x) {
        Quantization q = g.inputTensors().get(0).quantization();
        long v = Math.round(x / q.scale()) + q.zeroPoint();
        return new byte[] {(byte) Math.max(-128, Math.min(127, v))};
    }

    private static double dequantize(Graph g, byte[] out) {
        Tensor t = g.outputTensors().get(0);
        return t.quantization().scale() * (out[0] - t.quantization().zeroPoint());
    }

    /** The emulated Cortex-M4, through the repository's targets/run-on-board, when its tools are installed. */
    private record Board(Path script) {
        static Board find() {
            Path root;
            try {
                // compiler/target/tflc.jar (or compiler/target/classes) -> the repository
                root = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .getParent().getParent().getParent();
            } catch (Exception e) {
                return null;
            }
            Path script = root.resolve("targets/run-on-board");
            return Files.isExecutable(script) && onPath("qemu-system-arm") && onPath("arm-none-eabi-gcc")
                    ? new Board(script) : null;
        }

        private static boolean onPath(String tool) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                    return true;
                }
            }
            return false;
        }

        Path compile(Graph g, Path dir) {
            CGenerator.Output c = CGenerator.generate(g, new CGenerator.Options("model", Target.load("cortex-m4"),
                    "optimized", false, "demo_int8.tflite"));
            OutputFolder.write(dir.resolve("src"), c.files());
            return dir;
        }

        byte[] run(Path dir, byte[] input, int n) throws IOException, InterruptedException {
            Path in = dir.resolve("in" + n + ".bin");
            Path result = dir.resolve("out" + n + ".bin");
            Files.write(in, input);
            Process p = new ProcessBuilder(script.toString(), "cortex-m4", dir.resolve("build").toString(),
                    dir.resolve("src").toString()).redirectInput(in.toFile()).redirectOutput(result.toFile())
                    .redirectError(dir.resolve("log" + n + ".txt").toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new HostCompiler.ToolException("targets/run-on-board failed on the emulated Cortex-M4: "
                        + Files.readString(dir.resolve("log" + n + ".txt")).strip().lines().reduce((a, b) -> b)
                        .orElse(""));
            }
            return Files.readAllBytes(result);
        }
    }
}
