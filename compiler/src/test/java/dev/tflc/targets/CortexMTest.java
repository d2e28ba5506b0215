package dev.tflc.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.HostCompiler;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.SharedModels;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared model the compiler supports, compiled for Cortex-M4, M55 and M3, cross-compiled with
 * the board support in targets/ and run on QEMU's emulated boards, gives the host build's outputs:
 * bit for bit for integer models, within DESIGN.md's tolerance for float models (and the test says
 * whether they are in fact bit-exact). Cortex-M0+ has no emulated board: its code is only built.
 * Missing cross tools fail these tests, never skip them.
 */
class CortexMTest {
    static final List<String> BOARD_TARGETS = List.of("cortex-m4", "cortex-m55", "cortex-m3");
    static final long RUN_TIMEOUT_SECONDS = 900;

    @BeforeAll
    static void crossToolsArePresent() {
        requireTools(List.of("arm-none-eabi-gcc", "arm-none-eabi-size", "qemu-system-arm"), "the Cortex-M tests",
                "gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm");
    }

    /** Fails (never skips) unless every tool is on the PATH. */
    static void requireTools(List<String> tools, String who, String debianPackages) {
        for (String tool : tools) {
            if (!onPath(tool)) {
                fail(tool + " is not on the PATH: " + who + " need it (Debian: apt-get install " + debianPackages
                        + ", as .ci/run does)");
            }
        }
    }

    static Stream<Path> models() {
        return SharedModels.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void outputsOnEmulatedCortexM4M55AndM3EqualTheHostBuild(Path model, @TempDir Path tmp) throws Exception {
        String name = SharedModels.name(model);
        Graph g = ModelReader.read(model).main();
        byte[] input = SharedModels.goldenInput(model);
        byte[] host = hostOutputs(g, name, input, tmp.resolve("host"));

        for (String target : BOARD_TARGETS) {
            Path src = generate(g, name, target, false, tmp.resolve(target));
            byte[] board = run(target, tmp.resolve(target + "-build"), src, input);
            assertSameAsHost("CortexMTest", g, name + " on " + target + " (" + Target.load(target).board() + ")",
                    host, board);
        }
    }

    /** The host build's outputs for {@code input} (built in {@code dir}): what every board must give. */
    static byte[] hostOutputs(Graph g, String name, byte[] input, Path dir) throws IOException, InterruptedException {
        Path hostDir = generate(g, name, "host", true, dir);
        HostCompiler.build(hostDir);
        return HostCompiler.run(hostDir, List.of("./prog"), input);
    }

    /**
     * A board's outputs equal the host build's bit for bit for integer models, and are within
     * DESIGN.md's tolerance for float models ({@code test} then prints whether they are bit-exact).
     */
    static void assertSameAsHost(String test, Graph g, String what, byte[] host, byte[] board) {
        boolean isFloat = g.outputTensors().stream().anyMatch(t -> t.type() == TensorType.FLOAT32);
        if (isFloat) {
            assertNull(Outputs.floatMismatch(host, board), what + " vs the host build");
            System.out.println(test + ": " + what + ": float outputs within tolerance of the host build, "
                    + (Arrays.equals(host, board) ? "and bit-exact" : "not bit-exact"));
        } else {
            assertArrayEquals(host, board, what + ": outputs differ from the host build");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void buildsForCortexM0plus(Path model, @TempDir Path tmp) throws Exception {
        String name = SharedModels.name(model);
        Path src = generate(ModelReader.read(model).main(), name, "cortex-m0plus", false, tmp.resolve("src"));
        Path build = tmp.resolve("build");
        String log = runOnBoardScript(List.of("cortex-m0plus", build.toString(), src.toString(), "--build-only"),
                null, tmp.resolve("out.bin"), tmp.resolve("log.txt"));
        assertTrue(Files.isRegularFile(build.resolve("firmware.elf")), name + ": no firmware.elf\n" + log);
    }

    static Path generate(Graph g, String name, String target, boolean main, Path dir) {
        CGenerator.Output out = CGenerator.generate(g,
                new CGenerator.Options("model", Target.load(target), "portable", main, name + ".tflite"));
        OutputFolder.write(dir, out.files());
        return dir;
    }

    /** Builds {@code src} for {@code target}, runs it on the target's board and returns the output bytes. */
    static byte[] run(String target, Path build, Path src, byte[] input) throws IOException, InterruptedException {
        Path in = build.resolveSibling(build.getFileName() + ".in");
        Path out = build.resolveSibling(build.getFileName() + ".out");
        Files.write(in, input);
        runOnBoardScript(List.of(target, build.toString(), src.toString()), in, out,
                build.resolveSibling(build.getFileName() + ".log"));
        return Files.readAllBytes(out);
    }

    /**
     * Runs targets/run-on-board with {@code args}, its output and log going to files (nothing to
     * drain), within {@link #RUN_TIMEOUT_SECONDS} (QEMU itself has run-on-board's own 600 s limit);
     * fails the test with its log when it does not succeed.
     */
    static String runOnBoardScript(List<String> args, Path stdin, Path stdout, Path log)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(runOnBoard().toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(stdout.toFile())
                .redirectError(log.toFile());
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        Process p = pb.start();
        try {
            if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail(String.join(" ", cmd) + ": no result within " + RUN_TIMEOUT_SECONDS + " s");
            }
        } finally {
            // on a time-out or an interrupted test: the script's compilers and QEMU too, not only the script
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        String text = Files.readString(log);
        if (p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " exited with status " + p.exitValue() + ":\n" + tail(text, 40));
        }
        return text;
    }

    /** On a board whose input is compiled in: 3 bytes for hello_world's 1 end the run with status 120, no output. */
    static void assertAnInputOfTheWrongSizeEndsWithStatus120(String target, Path tmp)
            throws IOException, InterruptedException {
        Path model = SharedModels.root().resolve("tflm-examples").resolve("hello_world_int8.tflite");
        Path src = CortexMTest.generate(ModelReader.read(model).main(), "hello_world_int8", target, false,
                tmp.resolve("src"));
        Path in = tmp.resolve("in.bin");
        Path out = tmp.resolve("out.bin");
        Path log = tmp.resolve("log.txt");
        Files.write(in, new byte[] {1, 2, 3});
        Process p = new ProcessBuilder(CortexMTest.runOnBoard().toString(), target, tmp.resolve("build").toString(),
                src.toString())
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(CortexMTest.RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("run-on-board: no result within " + CortexMTest.RUN_TIMEOUT_SECONDS + " s");
        }
        String text = Files.readString(log);
        assertEquals(120, p.exitValue(), text);
        assertTrue(text.contains("tflc: the input has 3 bytes; the inputs need 1"), text);
        assertEquals(0, Files.size(out), "no output after an input error");
    }

    static Path runOnBoard() {
        return repositoryRoot().resolve("targets").resolve("run-on-board");
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The repository: the nearest folder above the working directory that holds targets/run-on-board. */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("targets").resolve("run-on-board"))) {
                return p;
            }
        }
        throw new IllegalStateException("targets/run-on-board not found above " + here);
    }
}
