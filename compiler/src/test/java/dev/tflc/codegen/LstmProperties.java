package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tflc.ir.Graph;
import dev.tflc.reference.Interpreter;
import dev.tflc.target.Target;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomLstm;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.TfliteOracle;
import dev.tflc.tflite.ModelReader;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.tensorflow.lite.schema.ActivationFunctionType;

/**
 * Random float32 UNIDIRECTIONAL_SEQUENCE_LSTM models ({@link RandomLstm}: CIFG, peepholes,
 * projection, layer norm, clips, time major and the cell activation all varied) over one to four
 * invocations, the output and cell states carried, and a reset before a random one of them: the
 * reference equals TensorFlow Lite 2.6.2 within DESIGN.md's tolerance relative to each output's
 * magnitude (TensorFlow Lite's tanh and logistic are Eigen's approximations, not libm's), where
 * TensorFlow Lite starts a fresh interpreter at the reset; and the generated C equals the reference
 * within DESIGN.md's tolerance (both sum in the same order; they differ only where libm's expf and
 * tanhf round otherwise than Java's exp and tanh). One fixed model also shows that the states change
 * the outputs and live in the arena's state region.
 */
class LstmProperties {
    @Property(tries = 20)
    void floatLstmMatchesTfliteAndGeneratedCOverInvocationsAndReset(@ForAll("lstm") Case c,
            @ForAll @IntRange(min = 1, max = 4) int count, @ForAll @IntRange(min = 1, max = 4) int resetAt,
            @ForAll long seed) throws Exception {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        List<List<byte[]>> inputs = SvdfProperties.invocations(c, true, count, seed);
        Interpreter reference = new Interpreter(g);
        List<List<byte[]>> expected = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            if (k == resetAt) {
                reference.reset();
            }
            expected.add(reference.run(inputs.get(k)));
        }
        int split = resetAt > 0 && resetAt < count ? resetAt : count;
        List<List<byte[]>> tflite = new ArrayList<>(TfliteOracle.runSequence(c.model(), inputs.subList(0, split)));
        if (split < count) {
            tflite.addAll(TfliteOracle.runSequence(c.model(), inputs.subList(split, count)));
        }
        List<List<byte[]>> generated = SequenceRunner.run(g, inputs, resetAt);
        assertEquals(count, tflite.size());
        for (int k = 0; k < count; k++) {
            assertNull(Outputs.floatMismatchScaled(tflite.get(k).get(0), expected.get(k).get(0)),
                    c + ": reference vs TensorFlow Lite, invocation " + k + " (reset before " + resetAt + ")");
            assertNull(Outputs.floatMismatch(expected.get(k).get(0), generated.get(k).get(0)),
                    c + ": generated C vs reference, invocation " + k + " (reset before " + resetAt + ")");
        }
    }

    /**
     * Every option at once (CIFG aside), two batches, six invocations with a reset before the
     * fifth: the states carry (the second invocation's outputs differ from a fresh start's on the
     * same input), the reset restores them, and the generated C keeps them in the arena's state region.
     */
    @Example
    void statesCarryOverInvocationsAndResetRestoresThem() throws Exception {
        Case c = RandomLstm.lstm(3, new RandomLstm.Spec(2, 3, 4, 5, 3, false, true, true, true, true, true,
                ActivationFunctionType.TANH, 2f, 1f));
        Graph g = ModelReader.read(c.model(), c.description()).main();
        List<List<byte[]>> inputs = SvdfProperties.invocations(c, true, 6, 9);
        int resetAt = 4;
        List<List<byte[]>> tflite = new ArrayList<>(TfliteOracle.runSequence(c.model(), inputs.subList(0, resetAt)));
        tflite.addAll(TfliteOracle.runSequence(c.model(), inputs.subList(resetAt, 6)));
        List<List<byte[]>> generated = SequenceRunner.run(g, inputs, resetAt);
        Interpreter reference = new Interpreter(g);
        for (int k = 0; k < 6; k++) {
            if (k == resetAt) {
                reference.reset();
            }
            byte[] expected = reference.run(inputs.get(k)).get(0);
            assertNull(Outputs.floatMismatchScaled(tflite.get(k).get(0), expected), "reference vs TFLite, invocation " + k);
            assertNull(Outputs.floatMismatch(expected, generated.get(k).get(0)), "generated C, invocation " + k);
        }
        byte[] fresh = TfliteOracle.runSequence(c.model(), inputs.subList(1, 2)).get(0).get(0);
        assertNotNull(Outputs.floatMismatchScaled(fresh, tflite.get(1).get(0)), "the states change the outputs");
        CGenerator.Output out = CGenerator.generate(g, new CGenerator.Options("model", Target.load("host"), "portable",
                false, "lstm.tflite"));
        long stateBytes = new ObjectMapper().readTree(out.report().toJson()).get("state_bytes").asLong();
        // The output state (2x3 floats, 24 bytes) and the cell state (2x5, 40 bytes), each in 16-byte multiples.
        assertEquals(32 + 48, stateBytes, "the states fill the state region");
    }

    @Provide
    Arbitrary<Case> lstm() {
        return RandomLstm.lstm();
    }
}
