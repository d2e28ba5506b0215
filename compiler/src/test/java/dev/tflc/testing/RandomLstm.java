package dev.tflc.testing;

import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.GraphBuilder;
import dev.tflc.testing.RandomModels.Value;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.TensorType;
import org.tensorflow.lite.schema.UnidirectionalSequenceLSTMOptionsT;

/**
 * jqwik generators of random float32 UNIDIRECTIONAL_SEQUENCE_LSTM models: batches 1..2, steps 1..5,
 * input size, cells and (with projection) outputs 1..8; with or without CIFG, peepholes, projection
 * (with or without its bias), layer norm; batch or time major; the cell activation TANH, RELU,
 * RELU6 or RELU_N1_TO_1; cell_clip and proj_clip off or positive. The output and cell states are
 * variable tensors; the model always lists TensorFlow Lite's 24 inputs, -1 where omitted.
 */
public final class RandomLstm {
    private RandomLstm() {
    }

    /** What a random LSTM has. {@code outputs} is ignored without projection (it is then {@code cells}). */
    public record Spec(int batches, int steps, int inputSize, int cells, int outputs, boolean cifg, boolean peephole,
            boolean projection, boolean projectionBias, boolean layerNorm, boolean timeMajor, byte activation,
            float cellClip, float projClip) {
        int outputSize() {
            return projection ? outputs : cells;
        }

        @Override
        public String toString() {
            return "LSTM batches=" + batches + " steps=" + steps + " input=" + inputSize + " cells=" + cells
                    + " outputs=" + outputSize() + (cifg ? " cifg" : "") + (peephole ? " peephole" : "")
                    + (projection ? " projection" + (projectionBias ? "+bias" : "") : "")
                    + (layerNorm ? " layer-norm" : "") + (timeMajor ? " time-major" : "") + " "
                    + ActivationFunctionType.names[activation] + " cell_clip=" + cellClip + " proj_clip=" + projClip;
        }
    }

    private static final Byte[] ACTIVATIONS = {ActivationFunctionType.TANH, ActivationFunctionType.RELU,
        ActivationFunctionType.RELU6, ActivationFunctionType.RELU_N1_TO_1};

    /** Random LSTM models, the options independent of each other. */
    public static Arbitrary<Case> lstm() {
        Arbitrary<Integer> size = Arbitraries.integers().between(1, 8);
        Arbitrary<boolean[]> flags = Arbitraries.of(true, false).array(boolean[].class).ofSize(6);
        Arbitrary<Float> clip = Arbitraries.of(0f, 0f, 0.5f, 1f, 3f);
        return Combinators.combine(Arbitraries.integers().between(1, 2), Arbitraries.integers().between(1, 5), size,
                        size, size, flags, Arbitraries.of(ACTIVATIONS).edgeCases(c -> c.add(ACTIVATIONS)),
                        clip.list().ofSize(2))
                .flatAs((batches, steps, in, cells, out, f, act, clips) -> Arbitraries.longs().map(seed ->
                        lstm(seed, new Spec(batches, steps, in, cells, out, f[0], f[1], f[2], f[3], f[4], f[5], act,
                                clips.get(0), clips.get(1)))));
    }

    /** One LSTM model of {@code spec}, weights from {@code seed}. */
    public static Case lstm(long seed, Spec spec) {
        return RandomModels.single(seed, (g, rnd) -> build(g, rnd, spec));
    }

    /**
     * Weights uniform in [-1, 1] scaled by 1 / sqrt(fan in) (so that gates spread over their
     * activation's range rather than saturate), biases and layer norm coefficients in [-1, 1] and
     * [0.5, 1.5], the input in [-1, 1].
     */
    static Value build(GraphBuilder g, Random rnd, Spec s) {
        int n = s.cells();
        int m = s.outputSize();
        Value x = g.floatInput(s.timeMajor() ? new int[] {s.steps(), s.batches(), s.inputSize()}
                : new int[] {s.batches(), s.steps(), s.inputSize()}, rnd, -1f, 1f);
        int[] inputs = new int[24];
        Arrays.fill(inputs, -1);
        inputs[0] = x.tensor();
        String[] gates = {"input", "forget", "cell", "output"};
        for (int gate = s.cifg() ? 1 : 0; gate < 4; gate++) {
            inputs[1 + gate] = weights(g, rnd, "input_to_" + gates[gate], s.inputSize(), n, s.inputSize());
            inputs[5 + gate] = weights(g, rnd, "recurrent_to_" + gates[gate], m, n, m);
            inputs[12 + gate] = weights(g, rnd, gates[gate] + "_bias", 1, n);
            if (s.layerNorm()) {
                inputs[20 + gate] = constant(g, gates[gate] + "_layer_norm", new int[] {n}, rnd, 0.5f, 1.5f);
            }
        }
        if (s.peephole()) {
            for (int gate = s.cifg() ? 1 : 0; gate < 4; gate++) {
                if (gate != 2) {
                    inputs[9 + (gate == 3 ? 2 : gate)] = weights(g, rnd, "cell_to_" + gates[gate], 1, n);
                }
            }
        }
        if (s.projection()) {
            inputs[16] = weights(g, rnd, "projection", n, m, n);
            if (s.projectionBias()) {
                inputs[17] = weights(g, rnd, "projection_bias", 1, m);
            }
        }
        inputs[18] = g.variable("output_state", TensorType.FLOAT32, new int[] {s.batches(), m}, null);
        inputs[19] = g.variable("cell_state", TensorType.FLOAT32, new int[] {s.batches(), n}, null);
        Value y = g.activation("lstm_out", TensorType.FLOAT32, s.timeMajor()
                ? new int[] {s.steps(), s.batches(), m} : new int[] {s.batches(), s.steps(), m}, null);
        UnidirectionalSequenceLSTMOptionsT o = new UnidirectionalSequenceLSTMOptionsT();
        o.setFusedActivationFunction(s.activation());
        o.setCellClip(s.cellClip());
        o.setProjClip(s.projClip());
        o.setTimeMajor(s.timeMajor());
        g.operator(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, 1, inputs, y.tensor(),
                BuiltinOptions.UnidirectionalSequenceLSTMOptions, o);
        g.describe(s + " in=" + x + " -> " + y);
        return y;
    }

    /** Constant float32 weights [dims], uniform in [-1, 1] / sqrt(fanIn). */
    private static int weights(GraphBuilder g, Random rnd, String name, int fanIn, int... dims) {
        float bound = (float) (1 / Math.sqrt(fanIn));
        return constant(g, name, dims, rnd, -bound, bound);
    }

    private static int constant(GraphBuilder g, String name, int[] dims, Random rnd, float lo, float hi) {
        float[] v = new float[RandomModels.elements(dims)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + rnd.nextFloat() * (hi - lo);
        }
        return g.constant(name, TensorType.FLOAT32, dims, null, RandomModels.float32Bytes(v));
    }
}
