package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tflc.testing.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code tflc compare} with the user's TensorFlow Lite Micro ({@code mvn test -Ptflm}, needs
 * {@code TFLM_ROOT}: a checkout whose Makefile built {@code microlite} for TARGET_ARCH=cortex-m4+fp with
 * its reference kernels and with OPTIMIZED_KERNEL_DIR=cmsis_nn; fails when it is missing). On the
 * MLPerf Tiny int8 models on the Cortex-M4: both sides give identical outputs; the interpreter's
 * instructions are within 5% of TensorFlow Lite Micro's figures in ../shared/benchmarks for the same
 * kernels (they were measured with the same input pattern, built at -O2); tflc's side is exactly
 * what the benchmark measures for the same image.
 */
class TflmCompareTest {
    private static final String TARGET = "cortex-m4";

    static Path tflmRoot() {
        String v = System.getenv(TflmLibrary.ROOT_VARIABLE);
        if (v == null || v.isBlank()) {
            fail("TFLM_ROOT is not set: the tflm profile needs a TensorFlow Lite Micro checkout with its library "
                    + "built for the Cortex-M4 (see README.md, Comparing with TensorFlow Lite Micro)");
        }
        Path root = Path.of(v);
        if (!Files.isDirectory(root.resolve("gen"))) {
            fail("TFLM_ROOT=" + root + " has no gen/ folder: build microlite there with TFLM's Makefile");
        }
        return root;
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String model : List.of("kws_dscnn_int8", "vww_mobilenet_int8", "ic_resnet8_int8", "ad_autoencoder_int8")) {
            for (String kernels : List.of("optimized", "portable")) {
                cases.add(Arguments.of(model, kernels));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void outputsAgreeAndTheFiguresAreTheBenchmarks(String name, String kernels, @TempDir Path work) throws Exception {
        Path root = Fixtures.repository();
        SharedModel model = new SharedModel("mlperf-tiny", name,
                SharedModels.root().resolve("mlperf-tiny").resolve(name + ".tflite"));
        Comparison c = Comparison.run(new Comparison.Request(model.file(), tflmRoot(), TARGET, kernels, root,
                System::getenv), line -> { });
        assertTrue(c.outputsIdentical(), () -> ComparisonReport.table(c));
        // the same input as the golden file TFLM's figures come with
        byte[] golden = Files.readAllBytes(SharedModels.root().resolve("golden").resolve(name + ".in"));
        assertEquals(golden.length, Comparison.input(dev.tflc.tflite.ModelReader.read(model.file()).main()).length);

        String tflmKernels = TflmBaseline.kernelsFor(kernels);
        assertEquals(TflmBaseline.CMSIS.equals(tflmKernels) ? "CMSIS-NN kernels" : "reference kernels",
                c.tflm().kernels(), "the library with the counterpart kernels is used");
        TflmRun baseline = TflmBaseline.read(SharedModels.root().resolveSibling("benchmarks")
                .resolve("tflm-baseline.json")).run(model, TARGET, tflmKernels).orElseThrow();
        double off = Math.abs((double) c.tflm().instructions() / baseline.invokeInstructions() - 1);
        assertTrue(off <= 0.05, () -> String.format("TFLM: %,d instructions, the baseline %,d (%.1f%% off)",
                c.tflm().instructions(), baseline.invokeInstructions(), off * 100));
        assertTrue(c.tflm().arenaBytes() >= c.tflm().arenaUsedBytes(), "the arena holds what TFLM says it uses");
        assertEquals(c.modelBytes(), c.tflm().flashWeightBytes(), "the .tflite is the interpreter's model data");

        BenchConfig config = new BenchConfig(root, List.of(TARGET), List.of(Comparison.OPT), List.of(kernels),
                List.of(name), 1, work.resolve("r.md"), work.resolve("r.json"), SharedModels.root(),
                SharedModels.root().resolveSibling("benchmarks").resolve("tflm-baseline.json"), work.resolve("b"),
                null, List.of("bench/run"));
        Measurement m = new Benchmark(config, TflmBaseline.NONE, line -> { }).run().rows().get(0);
        assertEquals("bit-exact", m.output());
        assertEquals(m.count().instructions(), c.tflc().instructions());
        assertEquals(m.count().stackBytes(), c.tflc().stackBytes());
        assertEquals(m.arenaBytes(), c.tflc().arenaBytes());
        assertEquals(m.ram().total(), c.tflc().ramBytes());
        assertEquals(m.flash().total(), c.tflc().flashBytes());
        assertEquals(m.flash().weights(), c.tflc().flashWeightBytes());
        assertEquals(m.flash().exclWeights(), c.tflc().flashCodeBytes());
        System.out.println(ComparisonReport.table(c));
    }

    /**
     * Random integer LSTMs (int8 with an int16 cell state, and 16x8: batch and time major, clipped or
     * not, several steps) run under TensorFlow Lite Micro's own kernel (its library must hold
     * unidirectional_sequence_lstm.o) and as tflc's portable C on the emulated Cortex-M4: identical
     * outputs, the states carried over every step of the invocation.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("integerLstms")
    void integerLstmOutputsAreTflms(String name, byte[] model, @TempDir Path work) throws Exception {
        Path file = work.resolve(name + ".tflite");
        Files.write(file, model);
        Comparison c = Comparison.run(new Comparison.Request(file, tflmRoot(), TARGET, "portable",
                Fixtures.repository(), System::getenv), line -> { });
        assertTrue(c.outputsIdentical(), () -> name + "\n" + ComparisonReport.table(c));
    }

    static Stream<Arguments> integerLstms() {
        List<Arguments> cases = new ArrayList<>();
        int[][] sizes = {{1, 5, 5, 7}, {2, 4, 4, 3}, {2, 3, 1, 6}, {1, 2, 8, 8}};
        for (boolean int16 : new boolean[] {false, true}) {
            for (int i = 0; i < sizes.length; i++) {
                int[] s = sizes[i];
                boolean timeMajor = i % 2 == 1;
                float clip = i == 2 ? 1f : 0f;
                String name = (int16 ? "lstm16x8" : "lstm8") + "-b" + s[0] + "-t" + s[1] + "-i" + s[2] + "-c" + s[3]
                        + (timeMajor ? "-time-major" : "") + (clip > 0 ? "-clip" : "");
                cases.add(Arguments.of(name, dev.tflc.testing.RandomLstm.integer(40 + i, int16, s[0], s[1], s[2], s[3],
                        timeMajor, clip).model()));
            }
        }
        return cases.stream();
    }

    @Test
    void aLibraryThatDoesNotLinkIsNamedWithItsLog(@TempDir Path dir) throws Exception {
        // the user's headers, and an empty library where the Cortex-M4F build should be
        try (Stream<Path> top = Files.list(tflmRoot().toAbsolutePath())) {
            for (Path p : top.filter(p -> !p.getFileName().toString().equals("gen")).toList()) {
                Files.createSymbolicLink(dir.resolve(p.getFileName()), p);
            }
        }
        Path lib = dir.resolve("gen/cortex_m_generic_cortex-m4+fp_release_gcc/lib/libtensorflow-microlite.a");
        Files.createDirectories(lib.getParent());
        Files.writeString(lib, "!<arch>\n");
        Path model = SharedModels.root().resolve("tflm-examples/hello_world_int8.tflite");
        Comparison.Failure f = assertThrows(Comparison.Failure.class, () -> Comparison.run(
                new Comparison.Request(model, dir, TARGET, "portable", Fixtures.repository(), System::getenv),
                line -> { }));
        assertEquals(2, f.status());
        assertEquals(1, f.getMessage().lines().count(), f.getMessage());
        assertTrue(f.getMessage().contains("cannot be linked") && f.getMessage().contains("undefined reference"),
                f.getMessage());
        java.util.regex.Matcher log = java.util.regex.Pattern.compile("\\(log: ([^ )]+)\\)").matcher(f.getMessage());
        assertTrue(log.find(), f.getMessage());
        Path kept = Path.of(log.group(1));
        assertTrue(Files.readString(kept).contains("link failed"), kept.toString());
        Path keptWork = kept.getParent().getParent(); // WORK/tflm/log-O2.txt
        assertTrue(keptWork.getFileName().toString().startsWith("tflc-compare-"), keptWork.toString());
        dev.tflc.codegen.OutputFolder.deleteTree(keptWork);
    }
}
