package dev.tflc.codegen;

import dev.tflc.target.Target;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModelProviders;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomMovements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Small int8 graphs (chains, and branches joined with ADD) and PAD folded into a window operator
 * compile, build warning-free, and agree with the Java reference: bit for bit for integers, within
 * tolerance for floats. Every compile runs the memory-plan checker; the arena never exceeds the lower
 * bound plus the largest tensor. Where an element-wise layer's output is planned over the input it
 * consumes (the plan checker proves the pair safe), or a concatenation's inputs are written in place
 * inside its output, the outputs still match. Single operators, every operator in every type, are
 * GeneratedCodePerOperatorTest's.
 */
class GeneratedCodeMatchesReferenceProperties implements RandomModelProviders {
    static final List<String> FLAGS = List.of("-std=c99", "-O1", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-Wvla");

    static void check(Case c) throws Exception {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        Target host = Target.load("host");
        Compilation compilation = Compilation.of(g, host, "portable");
        CGenerator.Output out = CGenerator.generate(compilation, new CGenerator.Options("model", host, "portable",
                true, "case.tflite"));
        boolean inPlace = IntStream.range(0, compilation.graph().operators().size())
                .anyMatch(i -> compilation.layout().inPlaceInput(i) >= 0);
        Statistics.label("in place").collect(inPlace ? "some output written over its input" : "none");
        boolean joined = IntStream.range(0, compilation.graph().operators().size())
                .anyMatch(i -> compilation.layout().isJoined(i));
        Statistics.label("joined").collect(joined ? "parts in place" : "none");
        for (int i = 0; i < compilation.graph().operators().size(); i++) {
            if (compilation.layout().isJoined(i)) {
                assertPartsInPlace(compilation, i);
            }
        }
        long largest = g.tensors().stream().filter(t -> !t.isConstant()).mapToLong(t -> (t.byteSize() + 15) / 16 * 16)
                .max().orElse(0);
        assertTrue(out.report().arenaBytes() <= out.report().lowerBoundBytes() + largest,
                c.description() + ": arena " + out.report().arenaBytes() + " exceeds lower bound "
                        + out.report().lowerBoundBytes() + " + largest tensor " + largest);
        Path dir = Files.createTempDirectory("tflc-prop-");
        try {
            OutputFolder.write(dir.resolve("c"), out.files());
            HostCompiler.build(dir.resolve("c"), "gcc", FLAGS);
            byte[] actual = HostCompiler.run(dir.resolve("c"), List.of("./prog"), Outputs.concat(c.inputs()));
            byte[] expected = Outputs.concat(Interpreter.run(g, c.inputs()));
            if (g.outputTensors().stream().anyMatch(t -> t.type() == TensorType.FLOAT32)) {
                assertNull(Outputs.floatMismatch(expected, actual), c.description());
            } else {
                assertArrayEquals(expected, actual, c.description());
            }
        } finally {
            OutputFolder.deleteTree(dir);
        }
    }

    /** Some of them run an ADD or a requantizing QUANTIZE over the input it consumes. */
    @Property(tries = 100)
    void smallGraphsMatchTheReference(@ForAll("graphs") Case c) throws Exception {
        check(c);
        Statistics.label("in place").coverage(k -> k.check("some output written over its input").count(n -> n >= 5));
    }

    /**
     * Branches interleaved in the file: OrderForMemory runs them in the order with the smallest lower
     * bound (in about half of them another than the file's), the reference in the file's.
     */
    @Property(tries = 30)
    void reorderedBranchesMatchTheReference(@ForAll("branching") Case c) throws Exception {
        check(c);
    }

    /** PAD before a window operator: FoldPadIntoConvolution rewrites the pair, the reference does not. */
    @Property(tries = 50)
    void padFoldedIntoAWindowMatchesTheReference(@ForAll("padThenWindow") Case c) throws Exception {
        check(c);
    }

    /**
     * Concatenations of computed parts: where the parts are the output's bytes one after another, the
     * plan places them inside the output and the concatenation copies nothing (in most of them).
     */
    @Property(tries = 60)
    void concatenationsWrittenInPlaceMatchTheReference(@ForAll("computedParts") Case c) throws Exception {
        check(c);
        Statistics.label("joined").coverage(k -> k.check("parts in place").percentage(p -> p >= 30));
    }

    /**
     * Splits (SPLIT, SPLIT_V, UNPACK) of a computed tensor: where the parts are its bytes one after
     * another, the plan leaves them inside it and the split copies nothing (in about two in five).
     */
    @Property(tries = 60)
    void splitsReadInPlaceMatchTheReference(@ForAll("computedSplits") Case c) throws Exception {
        check(c);
        Statistics.label("joined").coverage(k -> k.check("parts in place").percentage(p -> p >= 20));
    }

    @Provide
    Arbitrary<Case> computedSplits() {
        return Arbitraries.oneOf(RandomMovements.split(RandomModels.Precision.FLOAT32, true),
                RandomMovements.split(RandomModels.Precision.INT8, true));
    }

    /**
     * A joined concatenation's inputs, or a joined split's outputs, lie one after another from the
     * whole's first byte, in order, each its own bytes.
     */
    static void assertPartsInPlace(Compilation c, int index) {
        dev.tflc.ir.Operator op = c.graph().operators().get(index);
        boolean split = c.kernels().get(index).splitsInput() >= 0;
        int whole = split ? op.input(c.kernels().get(index).splitsInput()) : op.output(0);
        List<Integer> parts = split ? op.outputs() : op.inputs();
        long at = c.layout().offsets()[whole];
        for (int t : parts) {
            assertEquals(at, c.layout().offsets()[t], "operator " + index + ": part " + t + " of " + whole);
            at += c.graph().tensor(t).byteSize();
        }
        assertEquals(c.layout().offsets()[whole] + c.graph().tensor(whole).byteSize(), at, "the parts fill the whole");
    }

    @Provide
    Arbitrary<Case> computedParts() {
        return RandomModels.concatenationOfComputedParts();
    }

    @Provide
    Arbitrary<Case> branching() {
        return RandomModels.branchingGraphs();
    }

    @Provide
    Arbitrary<Case> graphs() {
        return RandomModels.int8Graphs();
    }

}
