package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflc.codegen.Compilation;
import dev.tflc.codegen.HostCompiler;
import dev.tflc.ir.Graph;
import dev.tflc.lower.Goal;
import dev.tflc.target.Target;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --max-arena}: patch-based execution of the first layers under a RAM budget. VWW and
 * person_detect, whose arenas exceed 30,000 bytes on the Cortex-M4 with every layer whole, fit 30,000
 * with a chain of their first layers in bands, and keep TensorFlow Lite Micro's golden outputs bit for
 * bit; a budget the plan meets changes nothing; a budget nothing meets is refused in one line that
 * names the smallest arena found.
 */
class PatchesTest {
    static final List<String> FLAGS = List.of("-std=c99", "-O2", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-Wvla");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mlperf-tiny/vww_mobilenet_int8.tflite", "tflm-examples/person_detect_int8.tflite"})
    void thirtyKilobytesTakePatchesAndKeepTheGoldenOutputs(String name, @TempDir Path tmp) throws Exception {
        Path model = SharedModels.root().resolve(name);
        Graph g = ModelReader.read(model).main();
        Target m4 = Target.load("cortex-m4");
        long whole = Compilation.of(g, m4, null).layout().arenaBytes();
        assertTrue(whole > 30_000, name + ": " + whole + " bytes without patches");
        Compilation c = Compilation.of(g, m4, null, Goal.SPEED, 30_000L);
        assertTrue(c.layout().arenaBytes() <= 30_000, name + ": " + c.layout().arenaBytes());
        assertNotNull(c.layout().patches(), name);
        assertTrue(c.layout().arenaBytes() <= c.layout().lowerBoundBytes());

        Path out = tmp.resolve("c");
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", model.toString(), "-o", out.toString(), "--main",
                "--max-arena", "30000");
        assertEquals(0, r.code(), r.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertTrue(report.path("arena_bytes").asLong() <= 30_000, report.path("arena_bytes").toString());
        JsonNode patches = report.path("patches");
        assertTrue(patches.path("bands").asInt() >= 2, patches.toString());
        int first = patches.path("first").asInt();
        int last = patches.path("last").asInt();
        for (JsonNode op : report.path("operators")) {
            int i = op.path("index").asInt();
            boolean in = i >= first && i <= last;
            assertEquals(in, !op.path("patches").isNull(), "operator " + i);
            if (in && i < last) {
                assertTrue(op.path("outputs").path(0).path("in_patches").asBoolean(), "operator " + i + "'s output");
            }
        }
        String source = Files.readString(out.resolve("model.c"));
        assertTrue(source.contains("run in patches: " + patches.path("bands").asInt() + " bands"), "the loop's comment");
        HostCompiler.build(out, "gcc", FLAGS);
        byte[] actual = HostCompiler.run(out, List.of("./prog"), SharedModels.goldenInput(model));
        assertArrayEquals(SharedModels.goldenOutput(model), actual, name + " in patches");

        MainTest.Result info = MainTest.tflc(new byte[0], "info", model.toString(), "--target", "cortex-m4",
                "--max-arena", "30000");
        String text = new String(info.out(), StandardCharsets.UTF_8);
        assertTrue(text.contains("in patches: layers " + first + "-" + last), text);
        assertTrue(text.matches("(?s).*memory plan .*layers " + first + "-" + last + " in \\d+ bands of \\d+ rows? "
                + "\\(\\+[\\d,]+ MACs\\).*"), text);
    }

    @Test
    void aBudgetThePlanMeetsChangesNothing(@TempDir Path tmp) throws Exception {
        String model = SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite").toString();
        assertEquals(0, MainTest.tflc(new byte[0], "compile", model, "-o", tmp.resolve("a").toString()).code());
        assertEquals(0, MainTest.tflc(new byte[0], "compile", model, "-o", tmp.resolve("b").toString(), "--max-arena",
                "64K").code());
        assertEquals(Files.readString(tmp.resolve("a/model.c")), Files.readString(tmp.resolve("b/model.c")));
        assertTrue(new ObjectMapper().readTree(tmp.resolve("b/report.json").toFile()).path("patches").isNull());
    }

    @Test
    void aBudgetNothingMeetsIsRefusedInOneLineAndNothingIsWritten(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        String model = SharedModels.root().resolve("mlperf-tiny/vww_mobilenet_int8.tflite").toString();
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", model, "-o", out.toString(), "--max-arena", "20000");
        assertEquals(2, r.code());
        assertTrue(r.err().matches("tflc: error: .*vww_mobilenet_int8\\.tflite: subgraph 0: the arena needs [\\d,]+ "
                + "bytes, more than --max-arena 20,000; the smallest found runs layers \\d+-\\d+ in \\d+ bands of \\d+ "
                + "rows?: [\\d,]+ bytes\\n"), r.err());
        assertFalse(Files.exists(out));
    }

    /**
     * Where a budget cannot be met, the refusal says why: the autoencoder has no chain of window layers;
     * IC ResNet-8's chains of convolutions are not where its arena peaks (the shortcut branches keep
     * their inputs alive), so none makes the arena smaller.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
        "mlperf-tiny/ad_autoencoder_int8.tflite, no chain of layers can run in patches",
        "mlperf-tiny/ic_resnet8_int8.tflite, no chain of layers in patches makes it smaller"})
    void aBudgetNoPatchMeetsSaysWhy(String name, String why) {
        MainTest.Result r = MainTest.tflc(new byte[0], "info", SharedModels.root().resolve(name).toString(),
                "--max-arena", "100");
        String text = new String(r.out(), StandardCharsets.UTF_8);
        assertTrue(text.contains("more than --max-arena 100 (" + why + ")"), text);
    }
}
