package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflc.ir.Graph;
import dev.tflc.lower.Goal;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --optimize balanced}: the optimized set's layers of the same shapes and parameters run one
 * function, each with its own arrays; the shared int8 models still give TensorFlow Lite Micro's
 * golden outputs bit for bit; a layer alone of its kind keeps the function of its own that speed
 * gives it, text for text.
 */
class OptimizeBalancedTest {
    static Stream<String> models() {
        return Stream.of("ad_autoencoder_int8", "kws_dscnn_int8", "vww_mobilenet_int8", "person_detect_int8");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void layersOfTheSameShapesShareAFunctionAndTheOutputIsTheGolden(String name, @TempDir Path tmp)
            throws Exception {
        Path model = OptimizeSizeTest.model(name);
        Graph g = ModelReader.read(model).main();
        CGenerator.Output out = OptimizeSizeTest.generate(g, name, "host", Goal.BALANCED, tmp);
        String source = new String(out.files().get("model.c"), StandardCharsets.UTF_8);
        assertTrue(source.contains("--optimize balanced"), name + ": model.c's header names the goal");

        JsonNode report = new ObjectMapper().readTree(out.report().json());
        assertEquals("balanced", report.path("optimize").asText());
        int sharing = 0;
        for (JsonNode op : report.path("operators")) {
            JsonNode owner = op.path("implementation").path("code_of");
            if (!owner.isNull()) {
                sharing++;
                String function = op.path("implementation").path("function").asText();
                assertTrue(function.endsWith("_" + owner.asInt() + function.substring(function.indexOf("_opt_"))),
                        name + ": operator " + op.path("index") + " runs " + function);
                assertTrue(source.contains("runs " + function + ", the same code, with its own arrays"), function);
            }
        }
        assertTrue(sharing > 0, name + ": no layer runs another's function");
        // each function is defined once
        Matcher m = Pattern.compile("TFLC_OPT_LAYER void (\\w+)\\(").matcher(source);
        List<String> defined = new ArrayList<>();
        while (m.find()) {
            assertFalse(defined.contains(m.group(1)), name + ": " + m.group(1) + " defined twice");
            defined.add(m.group(1));
        }

        HostCompiler.build(tmp, "gcc", GeneratedCodeTest.STRICT);
        assertArrayEquals(SharedModels.goldenOutput(model),
                HostCompiler.run(tmp, List.of("./prog"), SharedModels.goldenInput(model)), name + ": golden output");
    }

    /**
     * KWS: its four depthwise layers run the first one's function, its four pointwise layers the
     * first one's, with their own arrays as the last arguments; model.c defines four layer functions
     * (the first convolution, one depthwise, one pointwise, the fully connected layer), not ten.
     */
    @Test
    void kwsRunsFourFunctionsForItsTenLayers(@TempDir Path tmp) throws Exception {
        Graph g = ModelReader.read(OptimizeSizeTest.model("kws_dscnn_int8")).main();
        CGenerator.Output out = OptimizeSizeTest.generate(g, "kws_dscnn_int8", "host", Goal.BALANCED, tmp);
        String source = new String(out.files().get("model.c"), StandardCharsets.UTF_8);
        assertEquals(4, source.split("TFLC_OPT_LAYER void ", -1).length - 1);
        assertTrue(source.contains("    depthwise_conv_2d_1_opt_depthwise(TENSOR_26, TENSOR_27, "
                + "depthwise_conv_2d_5_opt_weights, depthwise_conv_2d_5_opt_bias, depthwise_conv_2d_5_opt_multipliers, "
                + "depthwise_conv_2d_5_opt_shifts, depthwise_conv_2d_5_opt_edge_bias);"), source);
        assertTrue(source.contains("TFLC_OPT_LAYER void conv_2d_2_opt_1x1(const int8_t *input, int8_t *output,\n"
                + "    const int8_t *restrict weights, const int32_t *restrict bias,\n"
                + "    const int32_t *restrict multipliers, const int8_t *restrict shifts)\n{\n"), source);
        assertTrue(source.contains("/* conv_2d_8: runs conv_2d_2_opt_1x1, the same code, with its own arrays */"));
        Compilation c = Compilation.of(g, dev.tflc.target.Target.load("host"), null, Goal.BALANCED);
        Map<Integer, Integer> owners = new java.util.TreeMap<>();
        List<Compilation.Called> called = c.calledFunctions();
        for (int i = 0; i < called.size(); i++) {
            if (called.get(i) != null && called.get(i).owner() != i) {
                owners.put(i, called.get(i).owner());
            }
        }
        assertEquals(Map.of(3, 1, 5, 1, 7, 1, 4, 2, 6, 2, 8, 2), owners);
    }

    /** A model without two layers alike (IC ResNet-8) compiles as under speed, but for the goal's name. */
    @Test
    void layersAloneOfTheirKindKeepFunctionsOfTheirOwn(@TempDir Path tmp) throws Exception {
        Graph g = ModelReader.read(OptimizeSizeTest.model("ic_resnet8_int8")).main();
        String balanced = new String(OptimizeSizeTest.generate(g, "ic", "cortex-m4", Goal.BALANCED, tmp.resolve("b"))
                .files().get("model.c"), StandardCharsets.UTF_8);
        String speed = new String(OptimizeSizeTest.generate(g, "ic", "cortex-m4", Goal.SPEED, tmp.resolve("s"))
                .files().get("model.c"), StandardCharsets.UTF_8);
        assertEquals(speed, balanced.replace("--optimize balanced", "--optimize speed"));
    }
}
