package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.lower.Goal;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCompilerTest {
    @Test
    void weightArraysAreTheAlignedConstantArraysOfModelC() {
        String source = """
                static const int8_t conv_0_weights[64] TFLC_ALIGNED = {
                static const int32_t conv_0_bias[4] TFLC_ALIGNED = {
                static const int32_t conv_0_multipliers[4] = {
                } model_arena TFLC_ALIGNED;
                """;
        assertEquals(Set.of("conv_0_weights", "conv_0_bias"), ModelCompiler.weightArrays(source));
    }

    @Test
    void compilesASharedModelIntoItsUnitFolderWithTheReportsFigures(@TempDir Path work) {
        Path file = SharedModels.root().resolve("tflm-examples/hello_world_int8.tflite");
        SharedModel m = new SharedModel("tflm-examples", "hello_world_int8", file);
        CompiledModel c = ModelCompiler.compile(m, ModelReader.read(file).main(), "cortex-m4", KernelBuild.PORTABLE,
                work);
        assertEquals(work.resolve("hello_world_int8-cortex-m4-portable"), c.unit());
        assertTrue(Files.isRegularFile(c.src().resolve("model.c")) && Files.isRegularFile(c.src().resolve("model.h")));
        assertTrue(c.arenaBytes() > 0 && c.arenaBytes() >= c.lowerBoundBytes(), String.valueOf(c));
        assertTrue(c.weightBytes() > 0 && c.macs() > 0, String.valueOf(c));
        assertTrue(c.weightArrays().contains("fully_connected_0_weights"), String.valueOf(c.weightArrays()));
        assertEquals("hello_world_int8 cortex-m4 portable", c.label());
        assertEquals(Map.of("portable", 3), c.layers());
    }

    @Test
    void forSizeTheOptimizedSetGivesEveryLayerToASharedKernelInAUnitOfItsOwn(@TempDir Path work) throws Exception {
        Path file = SharedModels.root().resolve("tflm-examples/hello_world_int8.tflite");
        SharedModel m = new SharedModel("tflm-examples", "hello_world_int8", file);
        CompiledModel c = ModelCompiler.compile(m, ModelReader.read(file).main(), "cortex-m4",
                KernelBuild.OPTIMIZED.forGoal(Goal.SIZE), work);
        assertEquals(work.resolve("hello_world_int8-cortex-m4-optimized-size"), c.unit());
        assertEquals("hello_world_int8 cortex-m4 optimized --optimize size", c.label());
        assertEquals("optimized", c.kernels());
        assertEquals(Map.of("portable", 3), c.layers());
        assertTrue(!Files.readString(c.src().resolve("model.c")).contains("_opt_"));
        CompiledModel speed = ModelCompiler.compile(m, ModelReader.read(file).main(), "cortex-m4", KernelBuild.OPTIMIZED,
                work);
        assertEquals(Map.of("optimized", 3), speed.layers());
    }

    @Test
    void withCmsisNnTheLayersItRunsAreCountedAndTheUnitIsItsOwn(@TempDir Path work) throws Exception {
        Path file = SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite");
        SharedModel m = new SharedModel("mlperf-tiny", "kws_dscnn_int8", file);
        KernelBuild build = new KernelBuild("cmsis-nn", List.of("-I/x"), List.of(Path.of("/x/libcmsis-nn.a")));
        CompiledModel c = ModelCompiler.compile(m, ModelReader.read(file).main(), "cortex-m4", build, work);
        assertEquals(work.resolve("kws_dscnn_int8-cortex-m4-cmsis-nn"), c.unit());
        assertEquals("cmsis-nn", c.kernels());
        assertTrue(c.layers().getOrDefault("cmsis-nn", 0) > 0, String.valueOf(c.layers()));
        assertTrue(Files.readString(c.src().resolve("model.c")).contains("arm_nnfunctions.h"));
    }

    @Test
    void layersCountOperatorsByKernelSetLeavingOutAliasedOnes() {
        String report = """
                {"operators": [
                  {"aliased": false, "implementation": {"kernel_set": "cmsis-nn", "function": "arm_convolve_s8"}},
                  {"aliased": true, "implementation": {"kernel_set": "portable", "function": null}},
                  {"aliased": false, "implementation": {"kernel_set": "portable", "function": "tflc_softmax"}},
                  {"aliased": false, "implementation": {"kernel_set": "cmsis-nn", "function": "arm_avgpool_s8"}}
                ]}
                """;
        assertEquals(Map.of("cmsis-nn", 2, "portable", 1), ModelCompiler.layers(report));
        assertEquals(Map.of(), ModelCompiler.layers("{}"));
        assertThrows(BenchFailure.class, () -> ModelCompiler.layers("{"));
    }
}
