package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.target.Target;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code tflc compare} finds the user's TensorFlow Lite Micro library and what it generates for
 * the harness, on a stand-in checkout (the real one: {@link TflmCompareTest}, profile tflm).
 */
class TflmLibraryTest {
    /** A checkout with a resolver header declaring these methods, and these gen/ builds holding a library. */
    static Path checkout(Path dir, List<String> methods, String... builds) throws Exception {
        Path header = dir.resolve(TflmLibrary.RESOLVER_HEADER);
        Files.createDirectories(header.getParent());
        StringBuilder h = new StringBuilder("class MicroMutableOpResolver {\n");
        for (String m : methods) {
            h.append("  TfLiteStatus Add").append(m).append("(\n      const TFLMRegistration& r = Register_X()) {}\n");
        }
        Files.writeString(header, h.append("};\n").toString());
        for (String b : builds) {
            Path lib = dir.resolve("gen").resolve(b).resolve("lib").resolve(TflmLibrary.LIBRARY);
            Files.createDirectories(lib.getParent());
            Files.writeString(lib, "!<arch>\n");
        }
        return dir;
    }

    @Test
    void theCounterpartKernelsAreChosenWhereBothAreBuilt(@TempDir Path tmp) throws Exception {
        Path dir = checkout(tmp, List.of("Add"), "cortex_m_generic_cortex-m4+fp_release_gcc",
                "cortex_m_generic_cortex-m4+fp_release_cmsis_nn_gcc", "cortex_m_generic_cortex-m4+fp_default_gcc",
                "cortex_m_generic_cortex-m7+fp_release_cmsis_nn_gcc");
        Target m4 = Target.load("cortex-m4");
        TflmLibrary ref = TflmLibrary.find(dir, m4, "portable");
        assertEquals("cortex_m_generic_cortex-m4+fp_release_gcc", ref.build());
        assertEquals(TflmBaseline.REF, ref.kernels());
        assertEquals(List.of("-DTF_LITE_STATIC_MEMORY", "-DNDEBUG", "-DTF_LITE_STRIP_ERROR_STRINGS"), ref.defines());
        for (String k : List.of("optimized", "cmsis-nn")) {
            TflmLibrary cmsis = TflmLibrary.find(dir, m4, k);
            assertEquals("cortex_m_generic_cortex-m4+fp_release_cmsis_nn_gcc", cmsis.build(), k);
            assertEquals("CMSIS-NN kernels", cmsis.kernelsInWords());
        }
        assertEquals("cortex_m_generic_cortex-m7+fp_release_cmsis_nn_gcc",
                TflmLibrary.find(dir, Target.load("cortex-m7"), "portable").build(), "the only one for the core");
        BenchFailure none = assertThrows(BenchFailure.class, () -> TflmLibrary.find(dir, Target.load("cortex-m55"),
                "portable"));
        assertEquals(BenchFailure.BAD_OPTIONS, none.status());
        assertTrue(none.getMessage().contains("gen/cortex_m_generic_cortex-m55_*/lib"), none.getMessage());
    }

    @Test
    void theResolverCallsComeFromTheCheckoutsOwnMethods(@TempDir Path tmp) throws Exception {
        Path dir = checkout(tmp, List.of("Conv2D", "DepthwiseConv2D", "FullyConnected", "AveragePool2D", "Reshape",
                "Softmax", "UnidirectionalSequenceLSTM", "Custom"), "cortex_m_generic_cortex-m4+fp_release_gcc");
        TflmLibrary lib = TflmLibrary.find(dir, Target.load("cortex-m4"), "portable");
        Graph kws = ModelReader.read(SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite")).main();
        List<String> ops = TflmHarness.operators(kws);
        assertEquals(List.of("AVERAGE_POOL_2D", "CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "RESHAPE",
                "SOFTMAX"), ops);
        Map<String, String> calls = lib.resolverCalls(ops);
        assertEquals("AddAveragePool2D", calls.get("AVERAGE_POOL_2D"));
        assertEquals("AddDepthwiseConv2D", calls.get("DEPTHWISE_CONV_2D"));
        assertEquals("AddUnidirectionalSequenceLSTM",
                lib.resolverCalls(List.of("UNIDIRECTIONAL_SEQUENCE_LSTM")).get("UNIDIRECTIONAL_SEQUENCE_LSTM"));
        String header = TflmHarness.opsHeader(calls);
        assertTrue(header.contains("#define TFLC_TFLM_OP_COUNT 6\n"), header);
        assertTrue(header.contains("if ((resolver).AddSoftmax() != kTfLiteOk) { return -1; } /* SOFTMAX */"), header);
        BenchFailure missing = assertThrows(BenchFailure.class, () -> lib.resolverCalls(List.of("SVDF")));
        assertTrue(missing.getMessage().endsWith("has no resolver method for operator SVDF"), missing.getMessage());
        assertThrows(BenchFailure.class, () -> lib.resolverCalls(List.of("CUSTOM")));
    }

    @Test
    void aCheckoutTheHarnessCannotBeBuiltAgainstGetsTheCompilersFirstErrorAndItsLog(@TempDir Path tmp)
            throws Exception {
        Path dir = checkout(tmp.resolve("tflm"), List.of("FullyConnected"), "cortex_m_generic_cortex-m4+fp_release_gcc");
        TflmLibrary lib = TflmLibrary.find(dir, Target.load("cortex-m4"), "portable");
        Path file = SharedModels.root().resolve("tflm-examples/hello_world_int8.tflite");
        TflmHarness h = new TflmHarness(lib, Target.load("cortex-m4"), ModelReader.read(file).main(),
                Files.readAllBytes(file), tmp.resolve("unit"));
        BenchFailure noDownloads = assertThrows(BenchFailure.class, () -> h.buildHarness(Fixtures.repository()));
        assertTrue(noDownloads.getMessage().endsWith("has no tensorflow/lite/micro/tools/make/downloads/flatbuffers/"
                + "include (TensorFlow Lite Micro's Makefile downloads it when it builds the library)"),
                noDownloads.getMessage());
        for (String d : List.of("flatbuffers/include", "gemmlowp")) {
            Files.createDirectories(dir.resolve(TflmLibrary.DOWNLOADS).resolve(d));
        }
        // the stand-in has no micro_interpreter.h
        BenchFailure f = assertThrows(BenchFailure.class, () -> h.buildHarness(Fixtures.repository()));
        assertEquals(BenchFailure.BAD_OPTIONS, f.status());
        assertTrue(f.getMessage().startsWith("compiling the interpreter harness against " + dir.toAbsolutePath()
                + " failed: "), f.getMessage());
        assertTrue(f.getMessage().contains("fatal error: tensorflow/lite/micro/micro_interpreter.h: No such file"),
                f.getMessage());
        assertTrue(f.getMessage().endsWith("(log: " + tmp.resolve("unit/harness/build-log.txt") + ")"), f.getMessage());
        assertTrue(Files.readString(tmp.resolve("unit/harness/tflm_ops.h")).contains("AddFullyConnected()"));
    }

    @Test
    void theInputIsTheBaselinesPatternAsInTheGoldenFiles() throws Exception {
        // ../shared/models/golden/*.in hold the input TFLM's figures were measured with
        for (String name : List.of("mlperf-tiny/kws_dscnn_int8", "mlperf-tiny/vww_mobilenet_int8",
                "mlperf-tiny/ic_resnet8_int8", "mlperf-tiny/ad_autoencoder_int8", "mlperf-tiny/kws_dscnn_float",
                "tflm-examples/hello_world_float")) {
            Graph g = ModelReader.read(SharedModels.root().resolve(name + ".tflite")).main();
            byte[] golden = Files.readAllBytes(SharedModels.root().resolve("golden")
                    .resolve(name.substring(name.indexOf('/') + 1) + ".in"));
            assertEquals(java.util.HexFormat.of().formatHex(golden), java.util.HexFormat.of().formatHex(
                    Comparison.input(g)), name);
        }
    }

    @Test
    void theModelFolderHoldsTheTfliteAndTheArena(@TempDir Path tmp) throws Exception {
        Path file = SharedModels.root().resolve("tflm-examples/hello_world_int8.tflite");
        byte[] bytes = Files.readAllBytes(file);
        Graph g = ModelReader.read(file).main();
        TflmHarness h = new TflmHarness(TflmLibrary.parse(tmp, tmp.resolve("cortex_m_generic_cortex-m4+fp_release_gcc")),
                Target.load("cortex-m4"), g, bytes, tmp.resolve("unit"));
        SharedModel m = new SharedModel("tflm-examples", "hello_world_int8", file);
        CompiledModel c = h.image(m, 1232, tmp.resolve("libh.a"), 288);
        Path src = c.src();
        assertEquals(java.util.HexFormat.of().formatHex(bytes),
                java.util.HexFormat.of().formatHex(Files.readAllBytes(src.resolve("model.tflite"))));
        String source = Files.readString(src.resolve("model.c"));
        assertTrue(source.contains(".incbin \\\"" + src.resolve("model.tflite").toAbsolutePath() + "\\\"\\n"), source);
        assertTrue(source.contains(".size tflc_tflm_model, " + bytes.length + "\\n"), source);
        assertTrue(source.contains("unsigned char tflc_tflm_arena[1232] __attribute__((aligned(16)));"), source);
        assertTrue(source.contains("const unsigned long tflc_tflm_arena_bytes = 1232ul;"), source);
        assertTrue(Files.readString(src.resolve("model.h")).contains("#define MODEL_INPUT_COUNT 1\n#define MODEL_OUTPUT_COUNT 1\n"));
        assertEquals(java.util.Set.of("tflc_tflm_model"), c.weightArrays());
        assertEquals(bytes.length, c.weightBytes());
        assertEquals(List.of(tmp.resolve("libh.a"), tmp.resolve("cortex_m_generic_cortex-m4+fp_release_gcc/lib")
                .resolve(TflmLibrary.LIBRARY)), c.build().libraries());
        BenchFailure quote = assertThrows(BenchFailure.class, () -> TflmHarness.modelSource(
                tmp.resolve("a\"b.tflite"), 1, 16));
        assertTrue(quote.getMessage().contains("cannot be given to the assembler"), quote.getMessage());
    }
}
