package dev.tflc.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.Precision;
import dev.tflc.tflite.ModelReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Part of {@code mvn -B test -Pcmsis-nn}: random int8 layers of every kind the cmsis-nn kernel set
 * takes (convolutions of any stride, padding, dilation and grouping; depthwise with any multiplier;
 * fully connected per tensor and per channel; pooling; ADD and MUL; SOFTMAX), compiled with
 * {@code --kernels cmsis-nn}, linked with the user's CMSIS-NN and run on the emulated Cortex-M4 (DSP)
 * and Cortex-M55 (MVE): bit for bit the Java reference's outputs. This reaches the variant routes and
 * scratch sizes the shared models do not.
 */
class CmsisNnRandomLayersTest {
    static final int CASES = 6;
    static CmsisNnPaths cmsisNn;

    @BeforeAll
    static void cmsisNnIsGiven() {
        cmsisNn = CmsisNnPaths.fromEnvironment();
    }

    static final Map<String, Arbitrary<Case>> LAYERS = Map.of(
            "conv2d", RandomModels.conv2d(Precision.INT8_PER_CHANNEL),
            "groupedConv2d", RandomModels.groupedConv2d(),
            "depthwiseConv2d", RandomModels.depthwiseConv2d(Precision.INT8_PER_CHANNEL),
            "fullyConnected", RandomModels.fullyConnected(Precision.INT8),
            "averagePool2d", RandomModels.averagePool2d(Precision.INT8),
            "maxPool2d", RandomModels.maxPool2d(Precision.INT8),
            "add", RandomModels.add(Precision.INT8),
            "mul", RandomModels.mul(),
            "softmax", RandomModels.softmax(Precision.INT8));

    static Stream<Arguments> layersAndCores() {
        return LAYERS.keySet().stream().sorted()
                .flatMap(l -> Stream.of("cortex-m4", "cortex-m55").map(core -> Arguments.of(l, core)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("layersAndCores")
    void randomLayersThroughCmsisNnEqualTheReference(String layer, String core, @TempDir Path tmp) throws Exception {
        List<Case> cases = LAYERS.get(layer).sampleStream().limit(CASES).toList();
        int viaCmsisNn = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Graph g = ModelReader.read(c.model(), c.description()).main();
            if (g.outputTensors().stream().anyMatch(t -> t.type() != dev.tflc.ir.TensorType.INT8)) {
                continue; // a generator's float or int16 variant: not this kernel set's
            }
            CGenerator.Output out = CGenerator.generate(g, new CGenerator.Options("model", Target.load(core),
                    "cmsis-nn", false, "case.tflite"));
            String report = new String(out.files().get("report.json"), StandardCharsets.UTF_8);
            viaCmsisNn += report.contains("\"kernel_set\": \"cmsis-nn\"") ? 1 : 0;
            Path src = tmp.resolve("src" + i);
            OutputFolder.write(src, out.files());
            Path in = Files.write(tmp.resolve(i + ".in"), Outputs.concat(c.inputs()));
            Path result = tmp.resolve(i + ".out");
            CortexMTest.runOnBoardScript(List.of(core, tmp.resolve("build" + i).toString(), src.toString(),
                    "--cflags", "-I" + cmsisNn.include(), "--lib", cmsisNn.library(core).toString()), in, result,
                    tmp.resolve(i + ".log"));
            assertArrayEquals(Outputs.concat(Interpreter.run(g, c.inputs())), Files.readAllBytes(result),
                    layer + " on " + core + ": " + c.description());
        }
        assertTrue(viaCmsisNn > 0, layer + ": no case went to CMSIS-NN");
        System.out.println("CmsisNnRandomLayersTest: " + layer + " on " + core + ": " + viaCmsisNn
                + " random layers through CMSIS-NN, bit-exact");
    }
}
