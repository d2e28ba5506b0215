package dev.tflc.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.ir.Graph;
import dev.tflc.lower.Goal;
import dev.tflc.lower.optimized.OptimizedKernels;
import dev.tflc.reference.Interpreter;
import dev.tflc.target.Target;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.Precision;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optimized kernel set's DSP path (SXTB16/SMLAD) and float kernels (on the FPU), compiled for the
 * Cortex-M4 and run on its emulated board: the shared int8 models give TensorFlow Lite Micro's golden
 * outputs bit for bit (on the Cortex-M3 too, whose path has no DSP instruction), the shared float models within DESIGN.md's float tolerance, and random layers (int8:
 * the 1x1 and 3x3 fast paths, any convolution window, fully connected, per tensor and per channel;
 * float32: fully connected, convolutions, depthwise convolutions; chains of convolutions written over
 * their inputs; residual blocks whose ADDs run in the convolutions' stores; branches joined along the
 * channels, written in place by their layers) give the Java reference's
 * bit for bit.
 */
class OptimizedKernelsOnCortexM4Test {
    static final String CORE = "cortex-m4";
    static final int CASES = 3;

    static final Map<String, Arbitrary<Case>> LAYERS = Map.of(
            "fastPaths", RandomModels.int8FastPathLayers(),
            "conv2d", RandomModels.conv2d(Precision.INT8_PER_CHANNEL),
            "fullyConnected", RandomModels.fullyConnected(Precision.INT8),
            // depthwise rows: pixels side by side, paired on the MVE path
            "depthwiseRows", RandomModels.depthwiseRows(),
            "float32", Arbitraries.oneOf(List.of(RandomModels.float32PointwiseConv2d(),
                    RandomModels.fullyConnected(Precision.FLOAT32))),
            "float32Windows", Arbitraries.oneOf(List.of(RandomModels.conv2d(Precision.FLOAT32),
                    RandomModels.depthwiseConv2d(Precision.FLOAT32))),
            // layers written over their inputs, on the DSP path's pairs of widened pixels too
            "int8ChainsInPlace", RandomModels.convolutionChains(false),
            "float32ChainsInPlace", RandomModels.convolutionChains(true),
            // residual ADDs in the convolutions' stores, over the DSP and MVE paths' pairs of pixels
            "residualBlocks", RandomModels.residualBlocks(),
            // branches joined along the channels, each part's pixels stored at the concatenation's stride
            "channelConcatenations", RandomModels.channelConcatenations());

    @BeforeAll
    static void crossToolsArePresent() {
        CortexMTest.requireTools(List.of("arm-none-eabi-gcc", "qemu-system-arm"), "the Cortex-M tests",
                "gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm");
    }

    /** The Cortex-M55: MVE, whose paired kernels take the weights in blocks of 16. */
    static final String MVE_CORE = "cortex-m55";

    /**
     * Every shared int8 and float model on the Cortex-M4; the int8 ones on the Cortex-M3 (no DSP) and
     * the Cortex-M55 (MVE) too.
     */
    static Stream<Arguments> models() {
        return SharedModels.all().stream().filter(p -> SharedModels.name(p).matches(".*_(int8|float)"))
                .flatMap(p -> SharedModels.name(p).endsWith("_int8")
                        ? Stream.of(Arguments.of(CORE, p), Arguments.of(OptimizedKernelsOnCortexM3Test.CORE, p),
                                Arguments.of(MVE_CORE, p))
                        : Stream.of(Arguments.of(CORE, p)));
    }

    /**
     * The shared int8 and float models, their layers written over their inputs where the plan allows,
     * give the golden outputs: int8 bit for bit, float within DESIGN.md's float tolerance (KWS float's
     * convolutions, whose weights are int8 (hybrid), on portable).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void sharedModelsGiveTheGoldenOutputs(String core, Path model, @TempDir Path tmp) throws Exception {
        String name = SharedModels.name(model);
        int optimized = build(ModelReader.read(model).main(), name, tmp.resolve("src"), Goal.SPEED, core);
        byte[] board = CortexMTest.run(core, tmp.resolve("build"), tmp.resolve("src"), SharedModels.goldenInput(model));
        if (name.endsWith("_float")) {
            assertTrue(optimized > 0, name + ": no optimized layer");
            assertNull(Outputs.floatMismatch(SharedModels.goldenOutput(model), board), name + " on " + core);
        } else {
            assertArrayEquals(SharedModels.goldenOutput(model), board, name + " on " + core);
        }
        System.out.println("OptimizedKernelsOnCortexM4Test: " + name + " on " + core + ": " + optimized
                + " layers on the optimized set, golden outputs" + (name.endsWith("_float") ? " within the tolerance"
                        : " bit for bit"));
    }

    @Test
    void forSizeKwsRunsOnSharedKernelsAndGivesTheGoldenOutputs(@TempDir Path tmp) throws Exception {
        Path model = SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite");
        assertEquals(0, build(ModelReader.read(model).main(), "kws_dscnn_int8", tmp.resolve("src"), Goal.SIZE));
        byte[] board = CortexMTest.run(CORE, tmp.resolve("build"), tmp.resolve("src"), SharedModels.goldenInput(model));
        assertArrayEquals(SharedModels.goldenOutput(model), board, "kws_dscnn_int8 --optimize size on " + CORE);
    }

    /**
     * VWW and person_detect held to 30,000 bytes of arena (their first layers in bands of rows,
     * {@code --max-arena}) give the golden outputs bit for bit on the Cortex-M4 (DSP) and the
     * Cortex-M55 (MVE).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("patchedModels")
    void sharedModelsInPatchesGiveTheGoldenOutputs(String core, String name, @TempDir Path tmp) throws Exception {
        Path model = SharedModels.root().resolve(name);
        CGenerator.Output out = CGenerator.generate(ModelReader.read(model).main(), new CGenerator.Options("model",
                Target.load(core), OptimizedKernels.NAME, false, "model.tflite", "plain", null, Goal.SPEED, 30_000L));
        assertTrue(out.report().arenaBytes() <= 30_000, name + ": arena " + out.report().arenaBytes());
        assertTrue(out.report().json().contains("\"bands\""), name + ": no patches");
        OutputFolder.write(tmp.resolve("src"), out.files());
        byte[] board = CortexMTest.run(core, tmp.resolve("build"), tmp.resolve("src"), SharedModels.goldenInput(model));
        assertArrayEquals(SharedModels.goldenOutput(model), board, name + " in patches on " + core);
    }

    /**
     * {@code --optimize balanced}: KWS and VWW, whose depthwise and pointwise layers of the same shapes
     * run one function each with their own arrays, give the golden outputs bit for bit on the
     * Cortex-M4 (DSP) and the Cortex-M55 (MVE).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("balancedModels")
    void balancedModelsGiveTheGoldenOutputs(String core, String name, @TempDir Path tmp) throws Exception {
        Path model = SharedModels.root().resolve(name);
        CGenerator.Output out = CGenerator.generate(ModelReader.read(model).main(), new CGenerator.Options("model",
                Target.load(core), OptimizedKernels.NAME, false, "model.tflite", "plain", null, Goal.BALANCED));
        assertTrue(new ObjectMapper().readTree(out.report().json()).findValues("code_of").stream()
                .anyMatch(JsonNode::isInt), name + ": no layer runs another's function");
        OutputFolder.write(tmp.resolve("src"), out.files());
        byte[] board = CortexMTest.run(core, tmp.resolve("build"), tmp.resolve("src"), SharedModels.goldenInput(model));
        assertArrayEquals(SharedModels.goldenOutput(model), board, name + " --optimize balanced on " + core);
    }

    static Stream<Arguments> balancedModels() {
        return Stream.of(CORE, MVE_CORE).flatMap(core -> Stream.of("mlperf-tiny/kws_dscnn_int8.tflite",
                "mlperf-tiny/vww_mobilenet_int8.tflite").map(m -> Arguments.of(core, m)));
    }

    /**
     * Random repeated blocks (int8 and float32 on the Cortex-M4, int8 on the Cortex-M55) under
     * {@code --optimize balanced}: the layers that run another's function, with their own arrays, give
     * the reference's outputs.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cortex-m4 int8", "cortex-m4 float32", "cortex-m55 int8"})
    void randomRepeatedBlocksSharingFunctionsEqualTheReference(String run, @TempDir Path tmp) throws Exception {
        String core = run.split(" ")[0];
        List<Case> cases = RandomModels.repeatedBlocks(run.endsWith("float32")).sampleStream().limit(CASES).toList();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Graph g = ModelReader.read(c.model(), c.description()).main();
            Path src = tmp.resolve("src" + i);
            build(g, "case", src, Goal.BALANCED, core);
            byte[] board = CortexMTest.run(core, tmp.resolve("build" + i), src, Outputs.concat(c.inputs()));
            assertArrayEquals(Outputs.concat(Interpreter.run(g, c.inputs())), board, run + ": " + c.description());
        }
    }

    static Stream<Arguments> patchedModels() {
        return Stream.of(CORE, MVE_CORE).flatMap(core -> Stream.of("mlperf-tiny/vww_mobilenet_int8.tflite",
                "tflm-examples/person_detect_int8.tflite").map(m -> Arguments.of(core, m)));
    }

    /** Random chains of int8 window layers, all of them in bands of 1 or 2 rows, on the DSP path. */
    @Test
    void randomChainsInPatchesEqualTheReference(@TempDir Path tmp) throws Exception {
        List<Case> cases = RandomModels.windowChains(false).sampleStream().limit(CASES).toList();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Graph g = ModelReader.read(c.model(), c.description()).main();
            Target m4 = Target.load(CORE);
            dev.tflc.codegen.Compilation whole = dev.tflc.codegen.Compilation.of(g, m4, OptimizedKernels.NAME);
            dev.tflc.codegen.Compilation patched = whole.withPatches(0, whole.graph().operators().size() - 1, 1 + i % 2);
            assertTrue(patched != null, c.description());
            Path src = tmp.resolve("src" + i);
            OutputFolder.write(src, CGenerator.generate(patched, new CGenerator.Options("model", m4,
                    OptimizedKernels.NAME, false, "case.tflite")).files());
            byte[] board = CortexMTest.run(CORE, tmp.resolve("build" + i), src, Outputs.concat(c.inputs()));
            assertArrayEquals(Outputs.concat(Interpreter.run(g, c.inputs())), board, c.description() + ", "
                    + patched.layout().patches().describe());
        }
    }

    static Stream<String> layers() {
        return LAYERS.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void randomLayersEqualTheReference(String layer, @TempDir Path tmp) throws Exception {
        List<Case> cases = LAYERS.get(layer).sampleStream().limit(CASES).toList();
        int optimized = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Graph g = ModelReader.read(c.model(), c.description()).main();
            Path src = tmp.resolve("src" + i);
            optimized += build(g, "case", src);
            byte[] board = CortexMTest.run(CORE, tmp.resolve("build" + i), src, Outputs.concat(c.inputs()));
            assertArrayEquals(Outputs.concat(Interpreter.run(g, c.inputs())), board, layer + ": " + c.description());
        }
        assertTrue(optimized > 0, layer + ": no case went to the optimized set");
    }

    /**
     * Random int8 layers on the Cortex-M55: the MVE kernels' blocks of 16 values, their predicated last
     * depth % 16 (depths below 16 too), odd channel counts and the layers written over their inputs.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fastPaths", "conv2d", "fullyConnected", "depthwiseRows", "int8ChainsInPlace",
        "residualBlocks", "channelConcatenations"})
    void randomInt8LayersOnMveEqualTheReference(String layer, @TempDir Path tmp) throws Exception {
        List<Case> cases = LAYERS.get(layer).sampleStream().limit(2 * CASES).toList();
        int optimized = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Graph g = ModelReader.read(c.model(), c.description()).main();
            Path src = tmp.resolve("src" + i);
            optimized += build(g, "case", src, Goal.SPEED, MVE_CORE);
            byte[] board = CortexMTest.run(MVE_CORE, tmp.resolve("build" + i), src, Outputs.concat(c.inputs()));
            assertArrayEquals(Outputs.concat(Interpreter.run(g, c.inputs())), board, layer + " on " + MVE_CORE
                    + ": " + c.description());
        }
        assertTrue(optimized > 0, layer + ": no case went to the optimized set");
    }

    /**
     * Fully connected layers of many short rows on one or two units (12 or 16 rows of depth 4): with
     * the arena pointers propagated into a clone of the layer's function, arm-none-eabi-gcc 12 -O2
     * dropped such a layer's call, and the layer wrote nothing (tflc_opt_s8.h's TFLC_OPT_LAYER).
     */
    @Test
    void shortRowFullyConnectedLayersRun(@TempDir Path tmp) throws Exception {
        List<Case> cases = List.of(RandomModels.fullyConnected(new int[] {3, 4, 4}, 1, true, 11),
                RandomModels.fullyConnected(new int[] {4, 2, 2, 4}, 1, false, 12),
                RandomModels.fullyConnected(new int[] {3, 4, 4, 4}, 2, true, 13));
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Graph g = ModelReader.read(c.model(), c.description()).main();
            Path src = tmp.resolve("src" + i);
            assertEquals(1, build(g, "case", src), c.description());
            byte[] board = CortexMTest.run(CORE, tmp.resolve("build" + i), src, Outputs.concat(c.inputs()));
            assertArrayEquals(Outputs.concat(Interpreter.run(g, c.inputs())), board, c.description());
        }
    }

    /** Generates {@code g} for the Cortex-M4 with the optimized set first; returns the layers it got. */
    static int build(Graph g, String name, Path dir) throws Exception {
        return build(g, name, dir, Goal.SPEED);
    }

    /** As {@link #build(Graph, String, Path)}, for {@code goal}. */
    static int build(Graph g, String name, Path dir, Goal goal) throws Exception {
        return build(g, name, dir, goal, CORE);
    }

    /** As {@link #build(Graph, String, Path, Goal)}, for {@code core}. */
    static int build(Graph g, String name, Path dir, Goal goal, String core) throws Exception {
        CGenerator.Output out = CGenerator.generate(g, new CGenerator.Options("model", Target.load(core),
                OptimizedKernels.NAME, false, name + ".tflite", "plain", null, goal));
        OutputFolder.write(dir, out.files());
        int n = 0;
        for (JsonNode op : new ObjectMapper().readTree(out.report().json()).path("operators")) {
            n += op.path("implementation").path("kernel_set").asText().equals(OptimizedKernels.NAME) ? 1 : 0;
        }
        return n;
    }
}
