package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflc.ir.Graph;
import dev.tflc.lower.Goal;
import dev.tflc.lower.optimized.OptimizedKernels;
import dev.tflc.target.Target;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --optimize size}: with the optimized set preferred, every layer calls a shared kernel (no
 * function of a layer's own in model.c), the optimized set's refusal says why, the shared int8
 * models still give TensorFlow Lite Micro's golden outputs bit for bit, and the code outside the
 * weights is smaller than speed's.
 */
class OptimizeSizeTest {
    /** The int8 shared models whose layers the optimized set takes for speed (a few, to keep it quick). */
    static Stream<String> models() {
        return Stream.of("ad_autoencoder_int8", "ic_resnet8_int8", "kws_dscnn_int8", "micro_speech_int8");
    }

    static Path model(String name) {
        return SharedModels.all().stream().filter(p -> SharedModels.name(p).equals(name)).findFirst().orElseThrow();
    }

    static CGenerator.Output generate(Graph g, String name, String target, Goal goal, Path dir) {
        CGenerator.Output out = CGenerator.generate(g, new CGenerator.Options("model", Target.load(target),
                OptimizedKernels.NAME, true, name + ".tflite", "plain", null, goal));
        OutputFolder.write(dir, out.files());
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyLayerCallsASharedKernelAndTheOutputIsTheGolden(String name, @TempDir Path tmp) throws Exception {
        Path model = model(name);
        Graph g = ModelReader.read(model).main();
        CGenerator.Output out = generate(g, name, "host", Goal.SIZE, tmp);
        String source = new String(out.files().get("model.c"), StandardCharsets.UTF_8);
        assertFalse(source.contains("_opt_"), name + ": model.c has a function of a layer's own");
        assertTrue(source.contains("--optimize size"), name + ": model.c's header names the goal");

        JsonNode report = new ObjectMapper().readTree(out.report().json());
        assertEquals("size", report.path("optimize").asText());
        assertEquals(OptimizedKernels.NAME, report.path("kernels").asText());
        int declined = 0;
        for (JsonNode op : report.path("operators")) {
            assertFalse(op.path("implementation").path("kernel_set").asText().equals(OptimizedKernels.NAME),
                    name + ": operator " + op.path("index"));
            for (JsonNode d : op.path("declined")) {
                if (d.path("reason").asText().startsWith("--optimize size: ")) {
                    assertEquals(OptimizedKernels.NAME, d.path("kernel_set").asText());
                    assertTrue(d.path("reason").asText().contains("a shared kernel costs less flash"), d.toString());
                    declined++;
                }
            }
        }
        assertTrue(declined > 0, name + ": no layer that the optimized set takes for speed");

        HostCompiler.build(tmp, "gcc", GeneratedCodeTest.STRICT);
        assertArrayEquals(SharedModels.goldenOutput(model),
                HostCompiler.run(tmp, List.of("./prog"), SharedModels.goldenInput(model)), name + ": golden output");
    }

    /**
     * KWS on the host: the objects' code and constants outside the weights (size's text less
     * report.json's weight bytes) are smallest for size, then balanced (whose four depthwise and four
     * pointwise layers run one function each), then speed, whose ten layers each have a function of
     * their own (about 11 KB, 25 KB and 45 KB with gcc -O2 on x86-64).
     */
    @Test
    void sizeTakesLessCodeThanBalancedAndBalancedLessThanSpeedForKws(@TempDir Path tmp) throws Exception {
        String name = "kws_dscnn_int8";
        Graph g = ModelReader.read(model(name)).main();
        long[] code = new long[Goal.values().length];
        for (Goal goal : Goal.values()) {
            Path dir = tmp.resolve(goal.label());
            CGenerator.Output out = generate(g, name, "host", goal, dir);
            code[goal.ordinal()] = HostCompiler.build(dir, "gcc", GeneratedCodeTest.STRICT) - out.report().weightBytes();
        }
        String sizes = "size " + code[Goal.SIZE.ordinal()] + " bytes, balanced " + code[Goal.BALANCED.ordinal()]
                + ", speed " + code[Goal.SPEED.ordinal()];
        assertTrue(code[Goal.SIZE.ordinal()] < code[Goal.BALANCED.ordinal()], sizes);
        assertTrue(code[Goal.BALANCED.ordinal()] < code[Goal.SPEED.ordinal()], sizes);
    }
}
