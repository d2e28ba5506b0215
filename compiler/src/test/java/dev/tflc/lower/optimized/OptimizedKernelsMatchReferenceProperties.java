package dev.tflc.lower.optimized;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.Compilation;
import dev.tflc.codegen.HostCompiler;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import dev.tflc.lower.Goal;
import dev.tflc.reference.Interpreter;
import dev.tflc.target.Target;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.Precision;
import dev.tflc.tflite.ModelReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED layers compiled with {@code --kernels
 * optimized} for the host, built with the strict warnings, give the Java reference's outputs bit for
 * bit: int8 (gcc -O2) at the 1x1 and 3x3 fast paths' sizes that reach the blocked loops and their
 * leftovers, and any window (kernel 1..4, stride 1..3, dilation 1..3, SAME/VALID padding), per tensor
 * and per channel, every fused activation; float32 (gcc -O2 and clang -O2, with FMA instructions
 * where the host has them, so a contracted multiply-add would show) the same shapes, each output's
 * sum kept in the reference's order. Layers the set declines (grouped, channel multiplier > 1) run on
 * portable and must match too. (The DSP path runs on the emulated Cortex-M4:
 * OptimizedKernelsOnCortexM4Test.)
 */
public class OptimizedKernelsMatchReferenceProperties {
    static final List<String> FLAGS = List.of("-std=c99", "-O2", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-Wvla");
    /** For float layers: GNU C (where gcc contracts by default) and FMA instructions where the host has them. */
    public static final List<String> FLOAT_FLAGS = floatFlags();

    private static List<String> floatFlags() {
        List<String> flags = new java.util.ArrayList<>(FLAGS);
        flags.set(0, "-std=gnu99");
        try {
            if (Files.readString(Path.of("/proc/cpuinfo")).matches("(?s).*\\bfma\\b.*")
                    && System.getProperty("os.arch").equals("amd64")) {
                flags.add("-mfma");
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no /proc/cpuinfo: no FMA flag
        }
        return List.copyOf(flags);
    }

    /** Compiles, builds and runs {@code c}; returns the kernel set its layer got. */
    static String check(Case c) throws Exception {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        CGenerator.Output out = CGenerator.generate(g, new CGenerator.Options("model", Target.load("host"),
                OptimizedKernels.NAME, true, "case.tflite"));
        String report = new String(out.files().get("report.json"), StandardCharsets.UTF_8);
        Path dir = Files.createTempDirectory("tflc-opt-");
        try {
            OutputFolder.write(dir.resolve("c"), out.files());
            byte[] expected = Outputs.concat(Interpreter.run(g, c.inputs()));
            // float sums keep the reference's order whatever the compiler: clang too (it contracts by default)
            boolean isFloat = g.outputTensors().stream().anyMatch(t -> t.type() == TensorType.FLOAT32);
            for (String cc : isFloat ? List.of("gcc", "clang") : List.of("gcc")) {
                HostCompiler.build(dir.resolve("c"), cc, isFloat ? FLOAT_FLAGS : FLAGS);
                byte[] actual = HostCompiler.run(dir.resolve("c"), List.of("./prog"), Outputs.concat(c.inputs()));
                assertArrayEquals(expected, actual, cc + ": " + c.description());
            }
        } finally {
            OutputFolder.deleteTree(dir);
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(report).path("operators").path(0)
                .path("implementation").path("kernel_set").asText();
    }

    @Property(tries = 50)
    void fastPathLayersMatchTheReference(@ForAll("fastPaths") Case c) throws Exception {
        String set = check(c);
        assertTrue(set.equals(OptimizedKernels.NAME), c.description() + ": lowered to " + set);
    }

    @Provide
    Arbitrary<Case> fastPaths() {
        return Arbitraries.frequencyOf(Tuple.of(3, RandomModels.int8FastPathLayers()),
                Tuple.of(1, RandomModels.float32PointwiseConv2d()),
                Tuple.of(1, RandomModels.fullyConnected(Precision.FLOAT32)));
    }

    /**
     * A 1x1 layer that widens its pixels walks them backward in pairs from the last and, over an odd
     * number of pixels, ends on the first pixel alone: that pixel is computed too, int8 and float32
     * (fixed cases: the random chains meet an odd count only now and then).
     */
    @Example
    void aWideningPointwiseLayerOverAnOddNumberOfPixelsComputesItsFirstPixel() throws Exception {
        for (Precision precision : List.of(Precision.INT8, Precision.FLOAT32)) {
            for (int[] shape : List.of(new int[] {1, 3, 3, 4}, new int[] {1, 1, 5, 8}, new int[] {1, 1, 1, 3})) {
                Case c = RandomModels.pointwiseConv2d(precision, shape, 2 * shape[3], 7);
                assertTrue(check(c).equals(OptimizedKernels.NAME), c.description());
            }
        }
    }

    @Property(tries = 50)
    void anyWindowMatchesTheReference(@ForAll("windows") Case c) throws Exception {
        Statistics.label("kernel set").collect(check(c));
    }

    @Provide
    Arbitrary<Case> windows() {
        return Arbitraries.oneOf(List.of(
                RandomModels.conv2d(Precision.INT8),
                RandomModels.conv2d(Precision.INT8_PER_CHANNEL),
                RandomModels.depthwiseConv2d(Precision.INT8),
                RandomModels.depthwiseConv2d(Precision.INT8_PER_CHANNEL),
                RandomModels.conv2d(Precision.FLOAT32),
                RandomModels.depthwiseConv2d(Precision.FLOAT32),
                RandomModels.fullyConnected(Precision.INT8),
                RandomModels.fullyConnected(Precision.INT8_PER_CHANNEL)));
    }

    /**
     * Chains of int8 and float32 convolutions on the optimized set: the memory plan writes layers' outputs over
     * their inputs (a window's output a computed distance below its input, a widening 1x1 layer's
     * above it, walked backwards), and every output bit stays the reference's. Most chains run some
     * layer in place; the plan checker proves each placement against the layer's access order.
     */
    @Property(tries = 80)
    void convolutionChainsInPlaceMatchTheReference(@ForAll("chains") Case c) throws Exception {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        Target host = Target.load("host");
        Compilation compilation = Compilation.of(g, host, OptimizedKernels.NAME);
        long inPlace = IntStream.range(0, compilation.graph().operators().size())
                .filter(i -> compilation.layout().inPlaceInput(i) >= 0).count();
        Statistics.label("in place").collect(inPlace > 0 ? "some layer over its input" : "none");
        assertTrue(compilation.layout().arenaBytes() <= compilation.layout().lowerBoundBytes(), c.description()
                + ": arena " + compilation.layout().arenaBytes() + " above the lower bound");
        assertRunsAsTheReference(compilation, g, c);
        Statistics.label("in place").coverage(k -> k.check("some layer over its input").percentage(p -> p >= 50));
    }

    /**
     * Residual blocks: each int8 ADD whose later input a convolution writes is done in that
     * convolution's stores (its output never stored), the ADD's output often written over the
     * residual at its own place; every output bit stays the reference's. The fixed point of the
     * test: the fusion happens in most cases, so a bug in the stores' ADD cannot hide.
     */
    @Property(tries = 60)
    void residualAddsInTheConvolutionsStoresMatchTheReference(@ForAll("residualBlocks") Case c) throws Exception {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        Target host = Target.load("host");
        Compilation compilation = Compilation.of(g, host, OptimizedKernels.NAME);
        boolean fused = !compilation.lowering().fusions().isEmpty();
        Statistics.label("fused").collect(fused ? "an ADD in a convolution's stores" : "none");
        boolean overResidual = compilation.lowering().fusions().stream().anyMatch(f -> compilation.layout()
                .inPlaceInput(f.producer()) == f.residualPosition(compilation.graph()));
        Statistics.label("over the residual").collect(overResidual);
        assertRunsAsTheReference(compilation, g, c);
        Statistics.label("fused").coverage(k -> k.check("an ADD in a convolution's stores").percentage(p -> p >= 80));
        Statistics.label("over the residual").coverage(k -> k.check(true).percentage(p -> p >= 30));
    }

    /**
     * Branches joined along the channels: every concatenation whose inputs all come from layers the
     * optimized set runs (and nothing else reads) is written in place by them, each pixel's part at
     * its place in the output's pixel, and copies nothing; every output bit stays the reference's, and
     * the plan checker has proved that no two parts share a byte. The fixed point of the test: most
     * cases have such a concatenation, and some have one that must copy.
     */
    @Property(tries = 60)
    void concatenationsWrittenByTheirProducersMatchTheReference(@ForAll("channelConcatenations") Case c)
            throws Exception {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        Target host = Target.load("host");
        Compilation compilation = Compilation.of(g, host, OptimizedKernels.NAME);
        boolean interleaved = !compilation.lowering().interleavings().isEmpty();
        Statistics.label("written by the producers").collect(interleaved);
        for (dev.tflc.lower.Interleaving i : compilation.lowering().interleavings()) {
            assertTrue(compilation.runsNothing(i.concatenation()), c.description());
        }
        assertRunsAsTheReference(compilation, g, c);
        Statistics.label("written by the producers").coverage(k -> {
            k.check(true).percentage(p -> p >= 40);
            k.check(false).percentage(p -> p >= 5);
        });
    }

    /**
     * {@code --optimize balanced}: in blocks of layers repeated with the same shapes and parameters
     * (int8 and float32), the layers after the first of each kind run its function, each with its own
     * arrays; model.c defines each such function once, and every output bit stays the reference's.
     * The fixed point of the test: most cases share a function.
     */
    @Property(tries = 50)
    void repeatedLayersSharingOneFunctionMatchTheReference(@ForAll("repeatedBlocks") Case c) throws Exception {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        Target host = Target.load("host");
        Compilation compilation = Compilation.of(g, host, OptimizedKernels.NAME, Goal.BALANCED);
        List<Compilation.Called> called = compilation.calledFunctions();
        boolean shared = IntStream.range(0, called.size())
                .anyMatch(i -> called.get(i) != null && called.get(i).owner() != i);
        Statistics.label("shared").collect(shared);
        CGenerator.Output out = CGenerator.generate(compilation, new CGenerator.Options("model", host,
                OptimizedKernels.NAME, true, "case.tflite", "plain", null, Goal.BALANCED));
        String source = new String(out.files().get("model.c"), StandardCharsets.UTF_8);
        for (Compilation.Called k : called) {
            if (k != null && k.shared()) {
                assertEquals(1, source.split("TFLC_OPT_LAYER void " + k.function() + "\\(", -1).length - 1,
                        c.description() + ": " + k.function() + " defined once");
            }
        }
        assertRunsAsTheReference(out, g, c);
        Statistics.label("shared").coverage(k -> k.check(true).percentage(p -> p >= 60));
    }

    @Provide
    Arbitrary<Case> repeatedBlocks() {
        return Arbitraries.oneOf(List.of(RandomModels.repeatedBlocks(false), RandomModels.repeatedBlocks(true)));
    }

    /** {@code compilation} of {@code g} (case {@code c}) as generated C on the host gives the reference's bytes. */
    private static void assertRunsAsTheReference(Compilation compilation, Graph g, Case c) throws Exception {
        assertRunsAsTheReference(CGenerator.generate(compilation, new CGenerator.Options("model", Target.load("host"),
                OptimizedKernels.NAME, true, "case.tflite")), g, c);
    }

    /** {@code out}, generated from {@code g} (case {@code c}), built with gcc on the host gives the reference's bytes. */
    private static void assertRunsAsTheReference(CGenerator.Output out, Graph g, Case c) throws Exception {
        Path dir = Files.createTempDirectory("tflc-opt-");
        try {
            OutputFolder.write(dir.resolve("c"), out.files());
            boolean isFloat = g.outputTensors().stream().anyMatch(t -> t.type() == TensorType.FLOAT32);
            HostCompiler.build(dir.resolve("c"), "gcc", isFloat ? FLOAT_FLAGS : FLAGS);
            byte[] actual = HostCompiler.run(dir.resolve("c"), List.of("./prog"), Outputs.concat(c.inputs()));
            assertArrayEquals(Outputs.concat(Interpreter.run(g, c.inputs())), actual, c.description());
        } finally {
            OutputFolder.deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<Case> channelConcatenations() {
        return RandomModels.channelConcatenations();
    }

    @Provide
    Arbitrary<Case> residualBlocks() {
        return RandomModels.residualBlocks();
    }

    @Provide
    Arbitrary<Case> chains() {
        return Arbitraries.oneOf(List.of(RandomModels.convolutionChains(false), RandomModels.convolutionChains(true)));
    }
}
