package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import dev.tflc.target.Target;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Chains of element-wise operators (MUL, SUB, MAXIMUM, MINIMUM with broadcasting, the RELU family,
 * LEAKY_RELU, LOGISTIC, TANH, HARD_SWISH, ABS, NEG), float32 and int8, compiled and built with gcc
 * under AddressSanitizer and UndefinedBehaviorSanitizer (any report aborts the run), agree with the
 * Java reference: bit for bit for int8, within tolerance for float. Most run their layers with the
 * output written over the input they consume.
 */
class ElementwiseChainsProperties {
    static final List<String> SANITIZED = List.of("-std=c99", "-O1", "-g", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
            "-Wvla", "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer");

    @Property(tries = 12)
    void elementwiseChainsRunCleanUnderSanitizersAndMatchTheReference(@ForAll("chains") Case c) throws Exception {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        Compilation compilation = Compilation.of(g, Target.load("host"), "portable");
        long inPlace = IntStream.range(0, compilation.graph().operators().size())
                .filter(i -> compilation.layout().inPlaceInput(i) >= 0).count();
        Statistics.label("layers in place").collect(inPlace == 0 ? "none" : "some");
        Statistics.label("layers in place").coverage(k -> k.check("some").count(n -> n >= 6));
        Path dir = Files.createTempDirectory("tflc-chain-");
        try {
            GeneratedCodeTest.compile(g, dir.resolve("c"), "chain");
            HostCompiler.build(dir.resolve("c"), "gcc", SANITIZED);
            byte[] actual = HostCompiler.run(dir.resolve("c"), List.of("./prog"), Outputs.concat(c.inputs()));
            byte[] expected = Outputs.concat(Interpreter.run(g, c.inputs()));
            if (g.outputTensors().get(0).type() == TensorType.FLOAT32) {
                assertNull(Outputs.floatMismatch(expected, actual), c.description());
            } else {
                assertArrayEquals(expected, actual, c.description());
            }
        } finally {
            OutputFolder.deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<Case> chains() {
        return RandomModels.elementwiseChains();
    }
}
