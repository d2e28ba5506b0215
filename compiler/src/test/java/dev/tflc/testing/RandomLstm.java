package dev.tflc.testing;

import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.GraphBuilder;
import dev.tflc.testing.RandomModels.Value;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    /**
     * Random integer LSTM models as TensorFlow Lite Micro's kernel takes them (no CIFG, peephole,
     * projection or layer norm; TANH): int8 activations and output state with int32 biases, or
     * ({@code int16}) int16 ones with zero point 0 and int64 biases; int8 symmetric weights per tensor
     * (about 1/sqrt(fan in) at most, as trained gates are); the cell state int16 at a power-of-two scale
     * from 2^-15 to 2^-10; batches 1..2, steps 1..5, input size and cells 1..8, batch or time major,
     * cell_clip off or positive.
     */
    public static Arbitrary<Case> integer(boolean int16) {
        Arbitrary<Integer> size = Arbitraries.integers().between(1, 8);
        return Combinators.combine(Arbitraries.integers().between(1, 2), Arbitraries.integers().between(1, 5), size,
                        size, Arbitraries.of(true, false), Arbitraries.of(0f, 0f, 1f, 3f))
                .flatAs((batches, steps, in, cells, timeMajor, clip) -> Arbitraries.longs().map(seed ->
                        RandomModels.single(seed, (g, rnd) -> integer(g, rnd, int16, batches, steps, in, cells,
                                timeMajor, clip))));
    }

    /** One integer LSTM model ({@link #integer(boolean)}), its weights and scales from {@code seed}. */
    public static Case integer(long seed, boolean int16, int batches, int steps, int inputSize, int cells,
            boolean timeMajor, float cellClip) {
        return RandomModels.single(seed, (g, rnd) -> integer(g, rnd, int16, batches, steps, inputSize, cells, timeMajor,
                cellClip));
    }

    private static Value integer(GraphBuilder g, Random rnd, boolean int16, int batches, int steps, int inputSize,
            int cells, boolean timeMajor, float cellClip) {
        byte type = int16 ? TensorType.INT16 : TensorType.INT8;
        int[] inShape = timeMajor ? new int[] {steps, batches, inputSize} : new int[] {batches, steps, inputSize};
        RandomModels.Quant inQ = int16 ? new RandomModels.Quant(RandomModels.randomScale(rnd, -13, -10), 0)
                : new RandomModels.Quant(RandomModels.randomScale(rnd, -8, -5), RandomModels.randomZeroPoint(rnd));
        Value x = int16 ? g.int16Input(inShape, inQ, rnd) : g.int8Input(inShape, inQ, rnd);
        // the output state spans about [-1, 1], as the product of two activated gates does
        RandomModels.Quant stateQ = int16 ? new RandomModels.Quant(1f / 32768, 0)
                : new RandomModels.Quant(1f / 128, rnd.nextInt(5) - 2);
        int[] inputs = new int[24];
        Arrays.fill(inputs, -1);
        inputs[0] = x.tensor();
        String[] gates = {"input", "forget", "cell", "output"};
        for (int gate = 0; gate < 4; gate++) {
            float wx = weightScale(rnd, inputSize);
            float wh = weightScale(rnd, cells);
            inputs[1 + gate] = int8Weights(g, rnd, "input_to_" + gates[gate], wx, cells, inputSize);
            inputs[5 + gate] = int8Weights(g, rnd, "recurrent_to_" + gates[gate], wh, cells, cells);
            // a bias in [-1, 1] at the input product's scale, as the converter writes it
            double biasScale = (double) inQ.scale() * wx;
            long[] bias = new long[cells];
            for (int i = 0; i < cells; i++) {
                bias[i] = Math.round((rnd.nextDouble() * 2 - 1) / biasScale);
            }
            ByteBuffer b = ByteBuffer.allocate(cells * (int16 ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : bias) {
                if (int16) {
                    b.putLong(v);
                } else {
                    b.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
                }
            }
            inputs[12 + gate] = g.constant(gates[gate] + "_bias", int16 ? TensorType.INT64 : TensorType.INT32,
                    new int[] {cells}, new RandomModels.Quant((float) biasScale, 0), b.array());
        }
        float cellScale = (float) Math.scalb(1.0, -10 - rnd.nextInt(6));
        inputs[18] = g.variable("output_state", type, new int[] {batches, cells}, stateQ);
        inputs[19] = g.variable("cell_state", TensorType.INT16, new int[] {batches, cells},
                new RandomModels.Quant(cellScale, 0));
        Value y = g.activation("lstm_out", type, timeMajor ? new int[] {steps, batches, cells}
                : new int[] {batches, steps, cells}, stateQ);
        UnidirectionalSequenceLSTMOptionsT o = new UnidirectionalSequenceLSTMOptionsT();
        o.setFusedActivationFunction(ActivationFunctionType.TANH);
        o.setCellClip(cellClip);
        o.setTimeMajor(timeMajor);
        g.operator(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, int16 ? 4 : 2, inputs, y.tensor(),
                BuiltinOptions.UnidirectionalSequenceLSTMOptions, o);
        g.describe("LSTM " + (int16 ? "16x8" : "int8") + " batches=" + batches + " steps=" + steps + " input="
                + inputSize + " cells=" + cells + (timeMajor ? " time-major" : "") + " cell_clip=" + cellClip
                + " cell_scale=" + cellScale + " in=" + x + " -> " + y);
        return y;
    }

    /** A per-tensor weight scale for weights of about 1/sqrt(fan in) at most, between half and twice that. */
    private static float weightScale(Random rnd, int fanIn) {
        return (float) ((0.5 + 1.5 * rnd.nextDouble()) / Math.sqrt(fanIn) / 127);
    }

    private static int int8Weights(GraphBuilder g, Random rnd, String name, float scale, int... dims) {
        byte[] w = new byte[RandomModels.elements(dims)];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (rnd.nextInt(255) - 127);
        }
        return g.constant(name, TensorType.INT8, dims, new RandomModels.Quant(scale, 0), w);
    }
}
