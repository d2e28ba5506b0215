package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.testing.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tflc compile}: the folder's contents, report.json, and all-or-nothing output. */
class CompileCommandTest {
    private static Path model(String name) {
        return SharedModels.root().resolve(name);
    }

    @Test
    void compileWritesTheFolderAndReport(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("kws");
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", model("mlperf-tiny/kws_dscnn_int8.tflite").toString(),
                "-o", out.toString(), "--main", "--target", "cortex-m4");
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("model.h", "model.c", "main.c", "report.json", "tflc_kernels.h", "tflc_opt_s8.h",
                "tflc_softmax_s8.c")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        assertFalse(Files.exists(out.resolve("tflc_conv2d_s8.c")), "the convolutions are the optimized set's");
        String report = Files.readString(out.resolve("report.json"));
        for (String key : List.of("\"arena_bytes\"", "\"lower_bound_bytes\"", "\"weight_bytes\"", "\"target\": \"cortex-m4\"",
                "\"kernels\": \"optimized\"", "\"operators\"", "\"macs\": 2656768", "\"offset\"", "\"kind\": \"SOFTMAX\"")) {
            assertTrue(report.contains(key), key);
        }
        String header = Files.readString(out.resolve("model.h"));
        assertTrue(header.contains("#define MODEL_ARENA_BYTES"));
        assertTrue(header.contains("#define MODEL_INPUT0_ZERO_POINT 83"));
    }

    @Test
    void prefixRenamesTheApi(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("hw");
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", model("tflm-examples/hello_world_int8.tflite").toString(),
                "-o", out.toString(), "--prefix", "sine");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(out.resolve("sine.h")).contains("int sine_invoke(void);"));
        assertFalse(Files.exists(out.resolve("main.c")));
    }

    @Test
    void failedCompileLeavesAnExistingFolderUntouchedAndNoDebris(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("keep");
        Files.createDirectories(out);
        Files.writeString(out.resolve("mine.txt"), "user file");
        Path unsupported = HostileModelsTest.twoUnsupportedOperators(Files.createDirectory(tmp.resolve("models")));
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", unsupported.toString(), "-o", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unsupported operator LSH_PROJECTION"), r.err());
        assertEquals("user file", Files.readString(out.resolve("mine.txt")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(out, tmp.resolve("models")), s.sorted().toList());
        }
    }

    @Test
    void unknownTargetIsAOneLineError(@TempDir Path tmp) {
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", model("tflm-examples/hello_world_int8.tflite").toString(),
                "-o", tmp.resolve("x").toString(), "--target", "z80");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("tflc: error: compile: Invalid value for option '--target': unknown target 'z80'"),
                r.err());
        assertEquals(1, r.err().lines().count());
    }

    @Test
    void compileIntoAFirmwareProjectKeepsItsFilesAndRefusesToOverwriteThem(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("src"));
        Files.writeString(project.resolve("src/main.c"), "int main(void) { return 0; }\n");
        Files.writeString(project.resolve("Makefile"), "all:\n");
        String m = model("tflm-examples/hello_world_int8.tflite").toString();
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", m, "-o", project.toString(), "--main");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(project.resolve("model.c")));
        assertEquals("int main(void) { return 0; }\n", Files.readString(project.resolve("src/main.c")));
        assertEquals("all:\n", Files.readString(project.resolve("Makefile")));

        // A second compile replaces its own files and removes the one it no longer writes (main.c).
        r = MainTest.tflc(new byte[0], "compile", m, "-o", project.toString(), "--prefix", "sine");
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(project.resolve("main.c")));
        assertFalse(Files.exists(project.resolve("model.c")));
        assertTrue(Files.exists(project.resolve("sine.c")));

        // The user's own file under a name compile would write: refused, kept, nothing written.
        Files.writeString(project.resolve("model.c"), "/* mine */\n");
        r = MainTest.tflc(new byte[0], "compile", m, "-o", project.toString());
        assertEquals(2, r.code());
        assertEquals("tflc: error: " + project.resolve("model.c") + ": exists and was not written by tflc; move it away "
                + "or choose another output folder (nothing was written)\n", r.err());
        assertEquals("/* mine */\n", Files.readString(project.resolve("model.c")));
        assertTrue(Files.exists(project.resolve("sine.c")), "the previous output is untouched");
    }

    @Test
    void everyCollidingPrefixIsRefusedBeforeTheModelIsRead(@TempDir Path tmp) {
        for (String prefix : List.of("main", "tflc_kernels", "tflc_conv2d_s8", "int", "string", "_x",
                "a_prefix_much_longer_than_c99_allows")) {
            MainTest.Result r = MainTest.tflc(new byte[0], "compile", "/no/such/model.tflite", "-o",
                    tmp.resolve("x").toString(), "--prefix", prefix);
            assertEquals(2, r.code(), prefix);
            assertTrue(r.err().startsWith("tflc: error: compile: Invalid value for option '--prefix': '" + prefix + "' "),
                    r.err());
            assertFalse(Files.exists(tmp.resolve("x")));
        }
    }

    /** micro_speech's arena alone is twice the Uno's RAM: refused with the numbers, nothing written. */
    @Test
    void aModelTooLargeForTheUnoIsRefusedWithTheNumbers(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ms");
        String m = model("tflm-examples/micro_speech_int8.tflite").toString();
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", m, "-o", out.toString(), "--target", "atmega328p");
        assertEquals(2, r.code());
        assertEquals("tflc: error: " + m + ": subgraph 0: needs 4,549 B of RAM (arena 4,165 + stack 384); atmega328p has "
                + "2,048 B of RAM (--ram gives your part's)\n", r.err());
        assertFalse(Files.exists(out));
        r = MainTest.tflc(new byte[0], "compile", m, "-o", out.toString(), "--target", "atmega2560");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void aModelThatCannotFitThePartIsRefusedWithTheNumbersAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("vww");
        String m = model("mlperf-tiny/vww_mobilenet_int8.tflite").toString();
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", m, "-o", out.toString(), "--target", "cortex-m4",
                "--ram", "32K");
        assertEquals(2, r.code());
        // the arena holds the optimized convolutions' scratch and their outputs written over their inputs
        assertEquals("tflc: error: " + m + ": subgraph 0: needs 38,544 B of RAM (arena 37,008 + stack 1,536); cortex-m4 has "
                + "32,768 B of RAM (--ram gives your part's)\n", r.err());
        assertFalse(Files.exists(out));
        r = MainTest.tflc(new byte[0], "compile", m, "-o", out.toString(), "--target", "cortex-m4", "--flash", "100K");
        assertEquals(2, r.code());
        // weights and tables: 2,737 channels of requantization at 5 bytes (int32 multiplier, int8 shift)
        assertTrue(r.err().contains("needs at least 248,869 B of flash for its weights and tables; cortex-m4 has "
                + "102,400 B of flash"), r.err());
        r = MainTest.tflc(new byte[0], "compile", m, "-o", out.toString(), "--target", "cortex-m4", "--ram", "40000");
        assertEquals(0, r.code(), r.err());
        String report = Files.readString(out.resolve("report.json"));
        assertTrue(report.contains("\"target_ram_bytes\": 40000") && report.contains("\"fits\": true"), report);
    }

    @Test
    void infoShowsTheFitOnTheTarget() {
        MainTest.Result r = MainTest.tflc(new byte[0], "info", model("tflm-examples/micro_speech_int8.tflite").toString(),
                "--target", "cortex-m4", "--ram", "4K");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.text().contains("fit (cortex-m4: RAM 4,096 B, flash 4,194,304 B): needs RAM 6,168 B (arena 4,632 "
                + "+ stack 1,536), flash at least 16,733 B (weights and tables) + code: does not fit"), r.text());
    }

    @Test
    void optimizeSizeTakesTheSharedKernelsAndSaysSoInReportCodeAndInfo(@TempDir Path tmp) throws Exception {
        Path kws = model("mlperf-tiny/kws_dscnn_int8.tflite");
        Path out = tmp.resolve("kws");
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", kws.toString(), "-o", out.toString(), "--target",
                "cortex-m4", "--optimize", "size");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("tflc_conv2d_s8.c")), "the convolutions call the shared kernel");
        assertFalse(Files.exists(out.resolve("tflc_opt_s8.h")), "no layer has a function of its own");
        String report = Files.readString(out.resolve("report.json"));
        assertTrue(report.contains("\"optimize\": \"size\"") && report.contains("\"kernels\": \"optimized\""), report);
        assertTrue(report.contains("\"reason\": \"--optimize size: its implementation is a function of this layer's own "
                + "(conv_2d_0_opt_conv), code no other layer shares; a shared kernel costs less flash\""), report);
        assertTrue(Files.readString(out.resolve("model.c")).contains("for cortex-m4 (portable kernels, --optimize size)."));
        assertTrue(Files.readString(out.resolve("report.html")).contains("<code>--optimize size</code>"));
        MainTest.Result info = MainTest.tflc(new byte[0], "info", kws.toString(), "--target", "cortex-m4", "--optimize",
                "size");
        assertEquals(0, info.code(), info.err());
        assertTrue(info.text().contains("lowering (kernel sets in order of preference: optimized, portable; "
                + "--optimize size):"), info.text());
        assertTrue(info.text().contains("[optimized declined: --optimize size: its implementation is a function of "
                + "this layer's own (conv_2d_0_opt_conv)"), info.text());
    }

    /** The hybrid input quantizer computes in double, as TensorFlow Lite does: refused where double is float. */
    @Test
    void hybridLayersAreRefusedWhereDoubleHas32Bits(@TempDir Path tmp) throws Exception {
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", model("mlperf-tiny/kws_dscnn_float.tflite").toString(),
                "-o", tmp.resolve("out").toString(), "--target", "atmega2560");
        assertEquals(2, r.code(), r.err());
        assertEquals("tflc: error: " + model("mlperf-tiny/kws_dscnn_float.tflite") + ": subgraph 0, operator 0 "
                + "(CONV_2D): hybrid layers are not supported on atmega2560: they quantize their input in double, as "
                + "TensorFlow Lite does, and its C compiler's double has 32 bits", r.err().strip());
        assertFalse(Files.exists(tmp.resolve("out")), "no folder");
    }
}
