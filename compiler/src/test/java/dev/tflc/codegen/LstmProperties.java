package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tflc.ir.Graph;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomLstm;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.TfliteOracle;
import dev.tflc.tflite.ModelReader;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random float32 UNIDIRECTIONAL_SEQUENCE_LSTM models ({@link RandomLstm}: CIFG, peepholes,
 * projection, layer norm, clips, time major and the cell activation all varied) over one to four
 * invocations, the output and cell states carried, and a reset before a random one of them: the
 * reference equals TensorFlow Lite 2.6.2 within DESIGN.md's tolerance relative to each output's
 * magnitude (TensorFlow Lite's tanh and logistic are Eigen's approximations, not libm's), where
 * TensorFlow Lite starts a fresh interpreter at the reset; and the generated C equals the reference
 * within DESIGN.md's tolerance (both sum in the same order; they differ only where libm's expf and
 * tanhf round otherwise than Java's exp and tanh).
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

    @Provide
    Arbitrary<Case> lstm() {
        return RandomLstm.lstm();
    }
}
