package dev.tflc.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.target.Target;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.RandomLstm;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.SharedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.lite.schema.ActivationFunctionType;

/**
 * The 8-bit AVR targets: generated code built with avr-gcc and avr-libc at the targets' flags and run
 * on QEMU's Arduino boards (targets/boards/avr) gives TensorFlow Lite Micro's golden outputs bit for
 * bit (hello_world_int8 on the Uno, micro_speech_int8 on the Mega 2560), keeps its weights in flash,
 * and every kernel builds warning-free for both parts; run-on-board's instruction count equals a
 * single-step count. Missing tools fail these tests, never skip them.
 */
class AvrTest {
    /** run-on-board's line for a counted run (the count comes from QEMU's execution log: resolution 1). */
    static final Pattern COUNTED = Pattern.compile("^tflc: instructions=(\\d+) resolution=1 ticks=\\1 "
            + "timer_hz=1000000000 stack=(\\d+) status=0 board=(uno|mega2560)$", Pattern.MULTILINE);
    static final Pattern UNCOUNTED = Pattern.compile("^tflc: instructions=uncounted stack=(\\d+) status=0 "
            + "board=(uno|mega2560)$", Pattern.MULTILINE);
    static final Pattern SIZE = Pattern.compile("^size: text=(\\d+) rodata=\\d+ weights=\\d+ data=(\\d+) bss=(\\d+) ",
            Pattern.MULTILINE);

    @BeforeAll
    static void avrToolsArePresent() {
        CortexMTest.requireTools(List.of("avr-gcc", "avr-size", "qemu-system-avr", "perl"), "the AVR tests",
                "gcc-avr avr-libc binutils-avr qemu-system-misc");
    }

    @Test
    void helloWorldOnTheEmulatedUnoGivesTheGoldenOutput(@TempDir Path tmp) throws Exception {
        Path model = SharedModels.root().resolve("tflm-examples").resolve("hello_world_int8.tflite");
        Path src = CortexMTest.generate(ModelReader.read(model).main(), "hello_world_int8", "atmega328p", false,
                tmp.resolve("src"));
        String log = run("atmega328p", tmp, src, SharedModels.goldenInput(model), SharedModels.goldenOutput(model),
                List.of());
        Matcher m = COUNTED.matcher(log);
        assertTrue(m.find() && m.group(3).equals("uno"), "no instruction count in the log:\n" + CortexMTest.tail(log, 10));
        assertStackWithinEstimate("atmega328p", Long.parseLong(m.group(2)));
        assertEquals(singleStepCount(tmp.resolve("build").resolve("firmware.elf"), "uno", tmp.resolve("singlestep")),
                Long.parseLong(m.group(1)), "run-on-board's count vs QEMU's single-step trace");
        System.out.println("AvrTest: hello_world_int8 on atmega328p (uno): " + m.group(1) + " instructions, stack "
                + m.group(2) + " B");
    }

    /**
     * The instructions from entering tflc_bench_begin to entering tflc_bench_end counted another way
     * than run-on-board's (block sizes times executions): QEMU run with one instruction per block
     * ({@code -singlestep}), every executed block logged, the lines between the markers counted.
     */
    private static long singleStepCount(Path elf, String board, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path console = dir.resolve("console.txt");
        Path log = dir.resolve("exec.log");
        Process qemu = new ProcessBuilder("qemu-system-avr", "-M", board, "-nographic", "-monitor", "none",
                "-serial", "file:" + console, "-bios", elf.toString(), "-singlestep", "-d", "exec,nochain", "-D",
                log.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("qemu.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!(Files.exists(console) && Files.readString(console).contains("tflc-end: "))) {
                if (System.nanoTime() > deadline || !qemu.isAlive()) {
                    fail("QEMU single-step run of " + elf + " did not end");
                }
                Thread.sleep(50);
            }
        } finally {
            qemu.destroyForcibly();
            qemu.waitFor(10, TimeUnit.SECONDS);
        }
        long count = -1;
        try (Stream<String> lines = Files.lines(log)) {
            for (String line : (Iterable<String>) lines.filter(l -> l.startsWith("Trace "))::iterator) {
                String name = line.substring(line.lastIndexOf(' ') + 1);
                if (count < 0 && name.equals("tflc_bench_begin")) {
                    count = 0;
                } else if (count >= 0 && name.equals("tflc_bench_end")) {
                    return count;
                }
                if (count >= 0) {
                    count++;
                }
            }
        }
        fail("the markers are missing from QEMU's single-step trace " + log);
        return -1;
    }

    /**
     * Random chains of int8 window layers (portable kernels, the weights in flash), all of them in bands
     * of one row, on the emulated Mega 2560: the band functions pass the weights as __flash pointers
     * and give the Java reference's outputs bit for bit.
     */
    @Test
    void windowChainsInPatchesOnTheEmulatedMegaEqualTheReference(@TempDir Path tmp) throws Exception {
        List<RandomModels.Case> cases = RandomModels.windowChains(false).sampleStream().limit(2).toList();
        for (int i = 0; i < cases.size(); i++) {
            RandomModels.Case c = cases.get(i);
            Graph g = ModelReader.read(c.model(), c.description()).main();
            Target mega = Target.load("atmega2560");
            dev.tflc.codegen.Compilation whole = dev.tflc.codegen.Compilation.of(g, mega, null);
            dev.tflc.codegen.Compilation patched = whole.withPatches(0, whole.graph().operators().size() - 1, 1);
            assertTrue(patched != null, c.description());
            Path src = tmp.resolve("src" + i);
            OutputFolder.write(src, CGenerator.generate(patched, new CGenerator.Options("model", mega, null, false,
                    "case.tflite")).files());
            Path dir = Files.createDirectories(tmp.resolve("run" + i));
            run("atmega2560", dir, src, dev.tflc.testing.Outputs.concat(c.inputs()),
                    dev.tflc.testing.Outputs.concat(dev.tflc.reference.Interpreter.run(g, c.inputs())),
                    List.of("--no-count"));
        }
    }

    /** The board cannot end QEMU: run-on-board takes the status from the firmware's end line. */
    @Test
    void anInputOfTheWrongSizeEndsWithStatus120AndNoOutput(@TempDir Path tmp) throws Exception {
        CortexMTest.assertAnInputOfTheWrongSizeEndsWithStatus120("atmega328p", tmp);
    }

    /**
     * micro_speech's 16,688 B of weights stay in flash: the firmware's RAM is the arena plus a few
     * hundred bytes (the layers' parameter structs, the runner's strings), far less than the weights.
     * Run without the instruction count, whose execution log makes this run take half a minute.
     */
    @Test
    void microSpeechOnTheEmulatedMegaGivesTheGoldenOutputWithItsWeightsInFlash(@TempDir Path tmp) throws Exception {
        Path model = SharedModels.root().resolve("tflm-examples").resolve("micro_speech_int8.tflite");
        Graph g = ModelReader.read(model).main();
        Path src = CortexMTest.generate(g, "micro_speech_int8", "atmega2560", false, tmp.resolve("src"));
        String log = run("atmega2560", tmp, src, SharedModels.goldenInput(model), SharedModels.goldenOutput(model),
                List.of("--no-count"));
        Matcher m = UNCOUNTED.matcher(log);
        assertTrue(m.find() && m.group(2).equals("mega2560"), "no result line in the log:\n" + CortexMTest.tail(log, 10));
        assertStackWithinEstimate("atmega2560", Long.parseLong(m.group(1)));

        long weights = g.tensors().stream().filter(Tensor::isConstant).mapToLong(Tensor::byteSize).sum();
        String header = Files.readString(src.resolve("model.h"));
        Matcher arenaLine = Pattern.compile("#define MODEL_ARENA_BYTES (\\d+)u").matcher(header);
        assertTrue(arenaLine.find(), header);
        long arena = Long.parseLong(arenaLine.group(1));
        Matcher size = SIZE.matcher(log);
        assertTrue(size.find(), log);
        long data = Long.parseLong(size.group(2));
        long bss = Long.parseLong(size.group(3));
        assertTrue(weights > 16000 && data < 1024 && bss < arena + 256,
                "RAM holds .data " + data + " B and .bss " + bss + " B for an arena of " + arena + " B and "
                        + weights + " B of weights:\n" + log);
        assertTrue(Long.parseLong(size.group(1)) > weights, "the weights are in flash (.text):\n" + log);
    }

    /**
     * Every shared integer model the compiler takes for the Mega 2560 (its RAM and flash aside: only
     * the C is checked here) builds warning-free with avr-gcc at the target's flags, -Waddr-space-convert
     * included: no constant's flash address is ever read as a RAM address. A model with an arena or a
     * constant array larger than avr-gcc takes is refused with a one-line message.
     */
    @Test
    void theGeneratedCOfEverySharedIntegerModelBuildsWarningFreeForAvr(@TempDir Path tmp) throws Exception {
        Target target = Target.load("atmega2560");
        int built = 0;
        int refused = 0;
        for (Path model : SharedModels.all()) {
            String name = SharedModels.name(model);
            Graph g = ModelReader.read(model).main();
            if (g.tensors().stream().anyMatch(t -> t.type() == TensorType.FLOAT32)) {
                continue; // float models: software floating point on an 8-bit part is not what AVR is for
            }
            Path src = tmp.resolve(name);
            try {
                CGenerator.Output out = CGenerator.generate(g,
                        new CGenerator.Options("model", target, "portable", false, name + ".tflite"));
                OutputFolder.write(src, out.files());
            } catch (IrException e) {
                String message = e.getMessage();
                assertTrue(message.contains("; the C compiler of atmega2560 takes at most 32,767 B in one array")
                        && !message.contains("\n"), name + ": " + message);
                refused++;
                continue;
            }
            compileForAvr(target, src, cFiles(src), tmp.resolve(name + "-obj"));
            built++;
        }
        assertTrue(built >= 3 && refused >= 1, built + " shared integer models built, " + refused + " refused");
        System.out.println("AvrTest: " + built + " shared integer models built for atmega2560, " + refused
                + " refused (an array over 32,767 B)");
    }

    /**
     * A float LSTM without its optional tensors (CIFG, no peepholes, projection or layer norm) builds
     * warning-free for both parts: its weights struct holds null pointers into flash.
     */
    @Test
    void anLstmWithOmittedTensorsBuildsWarningFreeForBothParts(@TempDir Path tmp) throws Exception {
        RandomModels.Case c = RandomLstm.lstm(1, new RandomLstm.Spec(1, 2, 3, 4, 4, true, false, false, false, false,
                false, ActivationFunctionType.TANH, 0f, 0f));
        Graph g = ModelReader.read(c.model(), c.description()).main();
        for (String name : List.of("atmega328p", "atmega2560")) {
            Target target = Target.load(name);
            Path src = tmp.resolve(name);
            OutputFolder.write(src, CGenerator.generate(g,
                    new CGenerator.Options("model", target, "portable", false, "lstm.tflite")).files());
            compileForAvr(target, src, cFiles(src), tmp.resolve(name + "-obj"));
        }
    }

    /** Every runtime kernel builds warning-free for both parts (with TFLC_ROM as __flash and as __memx). */
    @Test
    void everyRuntimeKernelBuildsWarningFreeForBothParts(@TempDir Path tmp) throws Exception {
        Path runtime = CortexMTest.repositoryRoot().resolve("runtime-c");
        for (String name : List.of("atmega328p", "atmega2560")) {
            compileForAvr(Target.load(name), runtime, cFiles(runtime), tmp.resolve(name));
        }
    }

    private static List<Path> cFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
    }

    /** Compiles {@code sources} with avr-gcc at the target's flags, the objects going to {@code objects}. */
    private static void compileForAvr(Target target, Path includeDir, List<Path> sources, Path objects)
            throws IOException, InterruptedException {
        Files.createDirectories(objects);
        List<String> cmd = new ArrayList<>(List.of("avr-gcc"));
        cmd.addAll(List.of(target.cflags().split("\\s+")));
        cmd.addAll(List.of("-O2", "-Wall", "-Wextra", "-Werror", "-I", includeDir.toString(), "-c"));
        sources.forEach(c -> cmd.add(c.toString()));
        Process p = new ProcessBuilder(cmd).directory(objects.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + ": no result within 120 s");
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        assertTrue(out.isBlank(), String.join(" ", cmd) + " warned:\n" + out);
    }

    /** Runs {@code src} on the target's board and checks its output bytes against {@code golden}; returns the log. */
    private static String run(String target, Path tmp, Path src, byte[] input, byte[] golden, List<String> options)
            throws IOException, InterruptedException {
        Path in = tmp.resolve("in.bin");
        Path out = tmp.resolve("out.bin");
        Files.write(in, input);
        List<String> args = new ArrayList<>(List.of(target, tmp.resolve("build").toString(), src.toString()));
        args.addAll(options);
        String log = CortexMTest.runOnBoardScript(args, in, out, tmp.resolve("log.txt"));
        assertArrayEquals(golden, Files.readAllBytes(out), target + ": not bit-exact with TFLM's golden output\n" + log);
        return log;
    }

    private static void assertStackWithinEstimate(String target, long stack) {
        long estimate = Target.load(target).stackEstimateBytes();
        assertTrue(stack > 0 && stack <= estimate, target + ": stack " + stack + " B, the descriptor estimates "
                + estimate);
    }
}
