package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tflc.ir.Graph;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.SvdfKind;
import dev.tflc.testing.SvdfHistory;
import dev.tflc.testing.TfliteOracle;
import dev.tflc.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random SVDF models (batches 1..2, input 1..16, units 1..8, rank 1..2, memory 1..8) over several
 * invocations, the state carried: int8 (int16 and int8 states) generated C equals the reference
 * bit for bit, and both equal the outputs {@link SvdfHistory} derives from the input history
 * (TensorFlow Lite 2.6.2 cannot run integer SVDF); float32 reference equals TensorFlow Lite within
 * DESIGN.md's tolerance relative to each output's magnitude (its kernels sum in another order), and
 * the generated C equals the reference within DESIGN.md's tolerance.
 */
class SvdfProperties {
    /** Inputs of {@code count} invocations: the case's own first, then random ones of the same kind. */
    static List<List<byte[]>> invocations(Case c, boolean floats, int count, long seed) {
        Random rnd = new Random(seed);
        List<List<byte[]>> all = new ArrayList<>();
        all.add(c.inputs());
        for (int k = 1; k < count; k++) {
            byte[] in = new byte[c.inputs().get(0).length];
            if (floats) {
                ByteBuffer b = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < in.length / 4; i++) {
                    b.putFloat(rnd.nextFloat() * 2 - 1);
                }
            } else {
                rnd.nextBytes(in);
            }
            all.add(List.of(in));
        }
        return all;
    }

    @Property(tries = 20)
    void int8SvdfGeneratedCMatchesReferenceAndHistoryOverInvocations(@ForAll("int8Svdf") Case c,
            @ForAll @IntRange(min = 1, max = 6) int count, @ForAll long seed) throws Exception {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        List<List<byte[]>> inputs = invocations(c, false, count, seed);
        List<List<byte[]>> expected = SvdfHistory.derive(g, inputs, -1);
        List<List<byte[]>> reference = Interpreter.runSequence(g, inputs);
        List<List<byte[]>> generated = SequenceRunner.run(g, inputs, -1);
        for (int k = 0; k < count; k++) {
            assertArrayEquals(expected.get(k).get(0), reference.get(k).get(0), c + ": reference, invocation " + k);
            assertArrayEquals(reference.get(k).get(0), generated.get(k).get(0), c + ": generated C, invocation " + k);
        }
    }

    @Property(tries = 15)
    void floatSvdfMatchesTfliteAndGeneratedCOverInvocations(@ForAll("floatSvdf") Case c,
            @ForAll @IntRange(min = 1, max = 6) int count, @ForAll long seed) throws Exception {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        List<List<byte[]>> inputs = invocations(c, true, count, seed);
        List<List<byte[]>> reference = Interpreter.runSequence(g, inputs);
        List<List<byte[]>> tflite = TfliteOracle.runSequence(c.model(), inputs);
        List<List<byte[]>> generated = SequenceRunner.run(g, inputs, -1);
        assertEquals(count, tflite.size());
        for (int k = 0; k < count; k++) {
            assertNull(Outputs.floatMismatchScaled(tflite.get(k).get(0), reference.get(k).get(0)),
                    c + ": reference vs TensorFlow Lite, invocation " + k);
            assertNull(Outputs.floatMismatch(reference.get(k).get(0), generated.get(k).get(0)),
                    c + ": generated C, invocation " + k);
        }
    }

    @Provide
    Arbitrary<Case> int8Svdf() {
        return Arbitraries.of(SvdfKind.INT8_STATE16, SvdfKind.INT8_STATE8).flatMap(RandomModels::svdf);
    }

    @Provide
    Arbitrary<Case> floatSvdf() {
        return RandomModels.svdf(SvdfKind.FLOAT32);
    }
}
