package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tflc.ir.Graph;
import dev.tflc.lower.optimized.OptimizedKernels;
import dev.tflc.lower.optimized.OptimizedKernelsMatchReferenceProperties;
import dev.tflc.lower.portable.PortableKernels;
import dev.tflc.reference.Interpreter;
import dev.tflc.target.Target;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.tflite.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Patch-based execution keeps every output bit: random chains of window layers (convolutions of any
 * window, stride, dilation and padding, 1x1 layers that widen or narrow, depthwise layers, average and
 * max pooling), int8 or float32, on the optimized kernels (the layers they have; pooling on portable)
 * or on the portable ones, a random run of 2 to 4 of them in bands of 1 to 5 rows,
 * compiled for the host and built with the strict warnings, give the Java reference's outputs bit for
 * bit. The tensors between the stage's layers have no place in the arena, and the plan checker has
 * proved the stage's output over its input (where the plan put it there) and the stage's scratch.
 */
class PatchesMatchReferenceProperties {
    static final List<String> FLAGS = List.of("-std=c99", "-O2", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-Wvla");
    /** Float layers: as the optimized kernels' float tests build them (GNU C, FMA where the host has it). */
    static final List<String> FLOAT_FLAGS = OptimizedKernelsMatchReferenceProperties.FLOAT_FLAGS;

    @Property(tries = 80)
    void layersInBandsMatchTheReference(@ForAll("chains") Case c, @ForAll boolean portable,
            @ForAll @IntRange(min = 0, max = 2) int from, @ForAll @IntRange(min = 1, max = 3) int more,
            @ForAll @IntRange(min = 1, max = 5) int rows) throws Exception {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        Target host = Target.load("host");
        boolean isFloat = g.outputTensors().get(0).type() == dev.tflc.ir.TensorType.FLOAT32;
        String kernels = portable ? PortableKernels.NAME : OptimizedKernels.NAME;
        Statistics.label("kernels").collect((isFloat ? "float32 " : "int8 ") + kernels);
        Compilation whole = Compilation.of(g, host, kernels);
        int n = whole.graph().operators().size();
        int first = Math.min(from, n - 2);
        int last = Math.min(n - 1, first + more);
        Compilation patched = whole.withPatches(first, last, rows);
        if (patched == null) {
            patched = whole.withPatches(first, last, 1); // the bands were as high as the output
        }
        assertNotNull(patched, c.description() + ": layers " + first + "-" + last + " cannot run in patches");
        PatchStage stage = patched.layout().patches();
        Statistics.label("bands").collect(stage.bands() <= 2 ? "2" : stage.bands() <= 5 ? "3-5" : "6+");
        Statistics.label("stage output over its input").collect(patched.layout().inPlaceInput(first) >= 0);
        for (int i = first; i < last; i++) {
            int between = patched.graph().operators().get(i).output(0);
            assertEquals(-1, patched.layout().offsets()[between], "tensor " + between + " is whole in the arena");
        }
        CGenerator.Output out = CGenerator.generate(patched, new CGenerator.Options("model", host, kernels, true,
                "case.tflite"));
        Path dir = Files.createTempDirectory("tflc-patches-");
        try {
            OutputFolder.write(dir.resolve("c"), out.files());
            HostCompiler.build(dir.resolve("c"), "gcc", isFloat ? FLOAT_FLAGS : FLAGS);
            byte[] actual = HostCompiler.run(dir.resolve("c"), List.of("./prog"), Outputs.concat(c.inputs()));
            assertArrayEquals(Outputs.concat(Interpreter.run(g, c.inputs())), actual, c.description() + ", "
                    + stage.describe());
        } finally {
            OutputFolder.deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<Case> chains() {
        return Arbitraries.oneOf(List.of(RandomModels.windowChains(false), RandomModels.windowChains(false),
                RandomModels.windowChains(true)));
    }
}
