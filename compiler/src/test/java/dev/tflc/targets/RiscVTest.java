package dev.tflc.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared model the compiler supports, compiled for riscv32 (RV32IMC, portable kernels), built
 * with riscv64-unknown-elf-gcc, picolibc and the board support in targets/boards/riscv-virt, and run
 * on QEMU's riscv32 virt machine, gives the host build's outputs and TensorFlow Lite Micro's golden
 * outputs: bit for bit for integer models, within DESIGN.md's tolerance for float models. Each run
 * reports its instruction count and a stack within the descriptor's estimate. Missing tools fail
 * these tests, never skip them.
 */
class RiscVTest {
    static final String TARGET = "riscv32";
    /** The firmware's line: minstret under -icount shift=0 counts every instruction (resolution 1). */
    static final Pattern LINE = Pattern.compile("^tflc: instructions=(\\d+) resolution=1 ticks=\\1 "
            + "timer_hz=1000000000 stack=(\\d+) status=0 board=riscv-virt$", Pattern.MULTILINE);

    @BeforeAll
    static void crossToolsArePresent() {
        CortexMTest.requireTools(List.of("riscv64-unknown-elf-gcc", "riscv64-unknown-elf-size", "qemu-system-riscv32",
                "perl"), "the RISC-V tests", "gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc");
    }

    static Stream<Path> models() {
        return SharedModels.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void outputsOnEmulatedRiscv32EqualTheHostBuildAndTheGoldenOutputs(Path model, @TempDir Path tmp) throws Exception {
        String name = SharedModels.name(model);
        Graph g = ModelReader.read(model).main();
        byte[] input = SharedModels.goldenInput(model);
        byte[] host = CortexMTest.hostOutputs(g, name, input, tmp.resolve("host"));

        Path src = CortexMTest.generate(g, name, TARGET, false, tmp.resolve(TARGET));
        Path build = tmp.resolve(TARGET + "-build");
        byte[] board = CortexMTest.run(TARGET, build, src, input);
        String what = name + " on " + TARGET + " (riscv-virt)";
        CortexMTest.assertSameAsHost("RiscVTest", g, what, host, board);
        byte[] golden = SharedModels.goldenOutput(model);
        if (g.outputTensors().stream().anyMatch(t -> t.type() == TensorType.FLOAT32)) {
            assertNull(Outputs.floatMismatch(golden, board), what + " vs TFLM's golden output");
        } else {
            assertArrayEquals(golden, board, what + ": not bit-exact with TFLM's golden output");
        }

        String log = Files.readString(build.resolveSibling(build.getFileName() + ".log"));
        Matcher m = LINE.matcher(log);
        assertTrue(m.find(), what + ": no instruction count in the log:\n" + CortexMTest.tail(log, 10));
        long stack = Long.parseLong(m.group(2));
        long estimate = Target.load(TARGET).stackEstimateBytes();
        assertTrue(stack > 0 && stack <= estimate, what + ": stack " + stack + " B, the descriptor estimates " + estimate);
        System.out.println("RiscVTest: " + what + ": " + m.group(1) + " instructions, stack " + stack + " B");
    }

    /** The input is compiled into the firmware: its size is checked there, as the Arm runner checks its file. */
    @Test
    void anInputOfTheWrongSizeEndsWithStatus120AndNoOutput(@TempDir Path tmp) throws Exception {
        CortexMTest.assertAnInputOfTheWrongSizeEndsWithStatus120(TARGET, tmp);
    }
}
