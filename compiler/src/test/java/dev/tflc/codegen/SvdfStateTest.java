package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.reference.Interpreter;
import dev.tflc.target.Target;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.SvdfKind;
import dev.tflc.testing.RandomModels.SvdfSpec;
import dev.tflc.testing.SharedModels;
import dev.tflc.testing.SvdfHistory;
import dev.tflc.tflite.ModelReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ActivationFunctionType;

/**
 * Variable (state) tensors and SVDF on keyword_scrambled_svdf_int8, whose seven int8 SVDF layers
 * keep int8 states with nonzero zero points: the first invocation matches TFLM's golden output bit
 * for bit, and over ten invocations the reference and the generated C match outputs derived another
 * way ({@link SvdfHistory}), every SVDF layer's output included, with and without a reset between;
 * likewise random int8 SVDF models with int16 and int8 states.
 */
class SvdfStateTest {
    private static final Path KEYWORD = SharedModels.root().resolve("tflm-examples")
            .resolve("keyword_scrambled_svdf_int8.tflite");
    private static final int INVOCATIONS = 10;

    /** The keyword model with every SVDF output, then the model's own output, as graph outputs. */
    private static Graph keywordWithSvdfOutputs() {
        Graph g = ModelReader.read(KEYWORD).main();
        List<Integer> outputs = new ArrayList<>();
        for (Operator op : g.operators()) {
            if (op.kind().equals("SVDF")) {
                outputs.add(op.output(0));
            }
        }
        outputs.addAll(g.outputs());
        return new Graph(g.name(), g.tensors(), g.operators(), g.inputs(), outputs);
    }

    /** Ten invocations of random int16 input in [-4096, 4096) (scale 6.25e-4: about -2.6 to 2.6). */
    private static List<List<byte[]>> invocations(Graph g, long seed) {
        Random rnd = new Random(seed);
        List<List<byte[]>> all = new ArrayList<>();
        int bytes = (int) g.inputTensors().get(0).byteSize();
        for (int k = 0; k < INVOCATIONS; k++) {
            byte[] in = new byte[bytes];
            for (int i = 0; i < bytes; i += 2) {
                int v = rnd.nextInt(8192) - 4096;
                in[i] = (byte) v;
                in[i + 1] = (byte) (v >> 8);
            }
            all.add(List.of(in));
        }
        return all;
    }

    private static void assertSequencesEqual(List<List<byte[]>> expected, List<List<byte[]>> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int k = 0; k < expected.size(); k++) {
            for (int o = 0; o < expected.get(k).size(); o++) {
                assertArrayEquals(expected.get(k).get(o), actual.get(k).get(o),
                        what + ": invocation " + k + ", output " + o);
            }
        }
    }

    @Test
    void firstInvocationMatchesTfliteMicroGoldenInReferenceAndGeneratedC() throws Exception {
        Graph g = ModelReader.read(KEYWORD).main();
        List<byte[]> in = Interpreter.splitInputs(g, SharedModels.goldenInput(KEYWORD));
        byte[] golden = SharedModels.goldenOutput(KEYWORD);
        assertArrayEquals(golden, Outputs.concat(Interpreter.run(g, in)), "reference");
        assertArrayEquals(golden, Outputs.concat(SequenceRunner.run(g, List.of(in), -1).get(0)), "generated C");
    }

    @Test
    void stateCarriesOverTenInvocationsInReferenceAndGeneratedC() throws Exception {
        Graph g = keywordWithSvdfOutputs();
        List<List<byte[]>> inputs = invocations(g, 11);
        List<List<byte[]>> expected = SvdfHistory.derive(g, inputs, -1);
        assertSequencesEqual(expected, Interpreter.runSequence(g, inputs), "reference");
        assertSequencesEqual(expected, SequenceRunner.run(g, inputs, -1), "generated C");
    }

    /**
     * The keyword model's scrambled biases saturate every SVDF output whatever the state, so random
     * SVDF models, whose outputs spread over many steps, show that the state carries: their last
     * outputs differ from a fresh start's on the same input.
     */
    @Test
    void randomInt8SvdfModelsCarryStateInReferenceAndGeneratedC() throws Exception {
        for (SvdfKind kind : List.of(SvdfKind.INT8_STATE16, SvdfKind.INT8_STATE8)) {
            Case c = RandomModels.svdf(7, new SvdfSpec(2, 8, 4, 2, 4, kind, ActivationFunctionType.NONE));
            Graph g = ModelReader.read(c.model(), c.description()).main();
            List<List<byte[]>> inputs = new ArrayList<>();
            Random rnd = new Random(3);
            for (int k = 0; k < INVOCATIONS; k++) {
                byte[] in = new byte[c.inputs().get(0).length];
                rnd.nextBytes(in);
                inputs.add(List.of(in));
            }
            List<List<byte[]>> expected = SvdfHistory.derive(g, inputs, -1);
            assertSequencesEqual(expected, Interpreter.runSequence(g, inputs), kind + " reference");
            assertSequencesEqual(expected, SequenceRunner.run(g, inputs, -1), kind + " generated C");
            List<List<byte[]>> fresh = SvdfHistory.derive(g, inputs, INVOCATIONS - 1);
            assertFalse(Arrays.equals(expected.get(INVOCATIONS - 1).get(0), fresh.get(INVOCATIONS - 1).get(0)),
                    kind + ": the state changes the last invocation's outputs");
        }
    }

    @Test
    void resetRestoresTheInitialStateInReferenceAndGeneratedC() throws Exception {
        Graph g = keywordWithSvdfOutputs();
        List<List<byte[]>> inputs = invocations(g, 12);
        int resetAt = 6;
        List<List<byte[]>> expected = SvdfHistory.derive(g, inputs, resetAt);
        assertSequencesEqual(expected, SequenceRunner.reference(g, inputs, resetAt), "reference");
        assertSequencesEqual(expected, SequenceRunner.run(g, inputs, resetAt), "generated C");
    }

    @Test
    void variableTensorsLiveInTheStateRegionReportedByReportJson() throws Exception {
        Graph g = ModelReader.read(KEYWORD).main();
        CGenerator.Output out = CGenerator.generate(g, new CGenerator.Options("model", Target.load("host"), "portable",
                false, "keyword.tflite"));
        JsonNode report = new ObjectMapper().readTree(out.report().toJson());
        long stateBytes = report.get("state_bytes").asLong();
        long variableBytes = g.tensors().stream().filter(t -> t.isVariable()).mapToLong(t -> t.byteSize()).sum();
        assertEquals(4 * 512 + 3 * 1024, variableBytes);
        assertEquals(variableBytes, stateBytes, "the variables fill the state region (16-byte multiples)");
        int variables = 0;
        for (JsonNode op : report.get("operators")) {
            for (JsonNode t : op.get("inputs")) {
                if (t.path("variable").asBoolean(false)) {
                    variables++;
                    assertTrue(t.get("offset").asLong() + t.get("size").asLong() <= stateBytes, t.toString());
                } else if (t.has("offset")) {
                    assertTrue(t.get("offset").asLong() >= stateBytes, t.toString());
                }
            }
        }
        assertEquals(7, variables);
        String source = new String(out.files().get("model.c"), StandardCharsets.UTF_8);
        assertTrue(source.contains("memset(&model_arena.bytes[0], -50, 512u);"), "int8 state reset to its zero point");
    }
}
