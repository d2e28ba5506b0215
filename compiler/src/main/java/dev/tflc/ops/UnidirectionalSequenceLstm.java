package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import java.util.List;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM, float32, a stateful layer: an LSTM run over every time step of its
 * input, the output state (the last step's output) and the cell state kept in variable tensors from
 * one invocation to the next. Inputs as TensorFlow Lite numbers them: 0 the input [batches, steps,
 * input size] ([steps, batches, input size] when time major); 1-4 the input-to-gate weights [cells,
 * input size] and 5-8 the recurrent weights [cells, outputs] of the input, forget, cell and output
 * gates (the input gate's omitted together: CIFG, where the input gate is 1 - the forget gate);
 * 9-11 the peephole weights [cells] of the input, forget and output gates (all or none; none for the
 * input gate under CIFG); 12-15 the gate biases [cells] (none for the input gate under CIFG); 16 the
 * projection weights [outputs, cells] and 17 its bias [outputs] (both optional; without projection
 * outputs = cells); 18 the output state [batches, outputs] and 19 the cell state [batches, cells]
 * (variable); 20-23 the gates' layer norm coefficients [cells] (all or none, the input gate's
 * omitted under CIFG). Output: [batches, steps, outputs] ([steps, batches, outputs] when time major).
 *
 * <p>Semantics of TensorFlow Lite's float kernel (lstm_eval.cc, LstmStepFloat), step by step and
 * batch by batch: each gate is its bias (0 under layer norm) plus the input product plus the
 * recurrent product (each product summed from 0 in column order, then added) plus the peephole
 * product; under layer norm the gate is normalized (mean and variance over the cells, 1e-8 added to
 * the variance), scaled by its coefficients and biased; then sigmoid for the input, forget and output
 * gates and the fused activation for the cell gate. The cell state becomes forget x cell + cell gate x
 * input gate (x (1 - forget) under CIFG), clipped to cell_clip when positive; the output gate sees
 * the new cell state; the output is output gate x activation(cell state), projected (bias first,
 * then the product) and clipped to proj_clip when positive.
 */
public final class UnidirectionalSequenceLstm implements OperatorKind {
    /** Gates in TensorFlow Lite's input order, and their names. */
    public static final int INPUT = 0;
    public static final int FORGET = 1;
    public static final int CELL = 2;
    public static final int OUTPUT = 3;
    public static final List<String> GATES = List.of("input", "forget", "cell", "output");

    @Override
    public String name() {
        return "UNIDIRECTIONAL_SEQUENCE_LSTM";
    }

    /** Sizes; {@code timeMajor}: the input and output hold all batches of one step together. */
    public record Geometry(int batches, int steps, int inputSize, int cells, int outputs, boolean timeMajor) {
        /** Offset of (batch, step)'s row of {@code width} values in the input or output. */
        int row(int b, int t, int width) {
            return (timeMajor ? t * batches + b : b * steps + t) * width;
        }
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(20, 24);
        node.expectOutputs(1);
        Tensor input = node.input(0);
        Tensor output = node.output(0);
        if (node.options().getBoolean("diagonalRecurrentTensors", false)) {
            throw node.error("diagonal recurrent weights are not supported");
        }
        Activation act = cellActivation(node);
        float cellClip = node.options().getFloat("cellClip", 0f);
        float projClip = node.options().getFloat("projClip", 0f);
        if (!(cellClip >= 0) || !(projClip >= 0)) {
            throw node.error("cell_clip " + cellClip + " and proj_clip " + projClip + " must not be negative");
        }
        node.expectType(input, TensorType.FLOAT32, TensorType.INT8, TensorType.INT16);
        node.expectRank(input, 3);
        boolean timeMajor = node.options().getBoolean("timeMajor", false);
        int steps = input.shape().dim(timeMajor ? 0 : 1);
        int batches = input.shape().dim(timeMajor ? 1 : 0);
        int inputSize = input.shape().dim(2);
        Tensor forgetWeights = node.input(2);
        node.expectRank(forgetWeights, 2);
        int cells = forgetWeights.shape().dim(0);
        Tensor recurrentForget = node.input(6);
        node.expectRank(recurrentForget, 2);
        int outputs = recurrentForget.shape().dim(1);
        Tensor projection = node.optionalInput(16);
        if (node.optionalInput(17) != null && projection == null) {
            throw node.error(node.optionalInput(17), "a projection bias (input 17) without projection weights");
        }
        if (projection == null && outputs != cells) {
            throw node.error(recurrentForget, "without projection weights the output size " + outputs
                    + " must equal the cell count " + cells);
        }
        Geometry g = new Geometry(batches, steps, inputSize, cells, outputs, timeMajor);
        if (input.type() != TensorType.FLOAT32) {
            return IntegerLstm.prepare(node, g, act, cellClip, projClip);
        }
        boolean cifg = node.optionalInput(1) == null;
        float[][] inputWeights = new float[4][];
        float[][] recurrentWeights = new float[4][];
        float[][] peephole = new float[4][];
        float[][] bias = new float[4][];
        float[][] layerNorm = new float[4][];
        boolean hasPeephole = node.optionalInput(10) != null;
        boolean hasLayerNorm = node.optionalInput(21) != null;
        for (int gate = 0; gate < 4; gate++) {
            boolean present = gate != INPUT || !cifg;
            String name = GATES.get(gate);
            inputWeights[gate] = weights(node, 1 + gate, present, name + " gate's input weights", cells, inputSize);
            recurrentWeights[gate] = weights(node, 5 + gate, present, name + " gate's recurrent weights", cells,
                    outputs);
            bias[gate] = weights(node, 12 + gate, present, name + " gate's bias", cells);
            if (gate != CELL) {
                int index = 9 + (gate == OUTPUT ? 2 : gate);
                peephole[gate] = weights(node, index, present && hasPeephole, name + " gate's peephole weights",
                        cells);
            }
            layerNorm[gate] = weights(node, 20 + gate, present && hasLayerNorm,
                    name + " gate's layer norm coefficients", cells);
        }
        float[] projectionWeights = projection == null ? null
                : weights(node, 16, true, "projection weights", outputs, cells);
        Tensor projectionBias = node.optionalInput(17);
        float[] projectionBiasValues = projectionBias == null ? null
                : weights(node, 17, true, "projection bias", outputs);
        state(node, 18, "output state", batches, outputs);
        state(node, 19, "cell state", batches, cells);
        node.expectType(output, TensorType.FLOAT32);
        int[] outShape = timeMajor ? new int[] {steps, batches, outputs} : new int[] {batches, steps, outputs};
        node.expectShape(output, Shape.of(outShape));
        return new Float32(g, act, cellClip, projClip, inputWeights, recurrentWeights, peephole, bias, layerNorm,
                projectionWeights, projectionBiasValues);
    }

    /** The cell and output activation: TANH or a clamp (TensorFlow Lite applies no other fully). */
    private static Activation cellActivation(Node node) {
        int code = node.options().getInt("fusedActivationFunction", 0);
        if (code < 0 || code >= Activation.values().length) {
            throw node.error("unknown fused activation code " + code);
        }
        Activation a = Activation.values()[code];
        if (a == Activation.NONE || a == Activation.SIGN_BIT) {
            throw node.error("fused activation " + a + " is not supported (TANH, RELU, RELU6 or RELU_N1_TO_1)");
        }
        return a;
    }

    /**
     * Constant float32 input {@code index} of shape {@code dims}, required when {@code present} and
     * refused otherwise; null when absent.
     */
    private static float[] weights(Node node, int index, boolean present, String what, int... dims) {
        Tensor t = node.optionalInput(index);
        if (!present) {
            if (t != null) {
                throw node.error(t, "input " + index + " (the " + what + ") must be omitted here");
            }
            return null;
        }
        if (t == null) {
            throw node.error("input " + index + " (the " + what + ") is missing");
        }
        if (!t.isConstant()) {
            throw node.error(t, "input " + index + " (the " + what + ") must be constant");
        }
        if (t.type() != TensorType.FLOAT32) {
            throw node.error(t, "input " + index + " (the " + what + ") is " + t.type()
                    + "; only float32 weights are supported (no hybrid or integer LSTM)");
        }
        if (!t.shape().equals(Shape.of(dims))) {
            throw node.error(t, "input " + index + " (the " + what + ") has shape " + t.shape() + ", expected "
                    + Shape.of(dims));
        }
        return Weights.floats(t);
    }

    private static void state(Node node, int index, String what, int batches, int width) {
        Tensor t = node.input(index);
        if (!t.isVariable()) {
            throw node.error(t, "input " + index + " (the " + what + ") must be a variable tensor");
        }
        node.expectType(t, TensorType.FLOAT32);
        if (!t.shape().equals(Shape.of(batches, width))) {
            throw node.error(t, "input " + index + " (the " + what + ") has shape " + t.shape() + ", expected "
                    + Shape.of(batches, width));
        }
    }

    /**
     * float32 LSTM. Arrays by gate (input, forget, cell, output): {@code inputWeights[0]},
     * {@code recurrentWeights[0]} and {@code bias[0]} null under CIFG; {@code peephole} and
     * {@code layerNorm} entries null where absent ({@code peephole[CELL]} always).
     */
    public record Float32(Geometry geometry, Activation activation, float cellClip, float projClip,
            float[][] inputWeights, float[][] recurrentWeights, float[][] peephole, float[][] bias,
            float[][] layerNorm, float[] projection, float[] projectionBias) implements Kernel {
        public boolean cifg() {
            return inputWeights[INPUT] == null;
        }

        public boolean hasPeephole() {
            return peephole[FORGET] != null;
        }

        public boolean hasLayerNorm() {
            return layerNorm[FORGET] != null;
        }

        /** Scratch bytes: the gates of one batch (three under CIFG), {@code cells} floats each. */
        public long scratchBytes() {
            return 4L * (cifg() ? 3 : 4) * geometry.cells();
        }

        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Geometry g = geometry;
            float[] in = inputs[0].floats();
            float[] h = inputs[18].floats();
            float[] c = inputs[19].floats();
            float[] out = outputs[0].floats();
            float[][] gates = new float[4][g.cells()];
            for (int t = 0; t < g.steps(); t++) {
                for (int b = 0; b < g.batches(); b++) {
                    step(in, g.row(b, t, g.inputSize()), h, b * g.outputs(), c, b * g.cells(), gates);
                    System.arraycopy(h, b * g.outputs(), out, g.row(b, t, g.outputs()), g.outputs());
                }
            }
        }

        /** One step of one batch: the gates, the new cell state, the new output state. */
        private void step(float[] in, int x, float[] h, int hAt, float[] c, int cAt, float[][] gates) {
            int cells = geometry.cells();
            if (!cifg()) {
                gate(INPUT, in, x, h, hAt, c, cAt, gates[INPUT]);
            }
            gate(FORGET, in, x, h, hAt, c, cAt, gates[FORGET]);
            gate(CELL, in, x, h, hAt, c, cAt, gates[CELL]);
            for (int i = 0; i < cells; i++) {
                float f = gates[FORGET][i];
                float v = f * c[cAt + i];
                v += gates[CELL][i] * (cifg() ? 1.0f - f : gates[INPUT][i]);
                c[cAt + i] = cellClip > 0 ? Math.min(Math.max(v, -cellClip), cellClip) : v;
            }
            gate(OUTPUT, in, x, h, hAt, c, cAt, gates[OUTPUT]);
            float[] s = gates[CELL];
            for (int i = 0; i < cells; i++) {
                s[i] = gates[OUTPUT][i] * activate(activation, c[cAt + i]);
            }
            if (projection == null) {
                System.arraycopy(s, 0, h, hAt, cells);
                return;
            }
            for (int j = 0; j < geometry.outputs(); j++) {
                float v = projectionBias == null ? 0f : projectionBias[j];
                v += dot(projection, j * cells, s, 0, cells);
                h[hAt + j] = projClip > 0 ? Math.min(Math.max(v, -projClip), projClip) : v;
            }
        }

        /** Gate {@code gate} of one batch into {@code out}, activated. */
        private void gate(int gate, float[] in, int x, float[] h, int hAt, float[] c, int cAt, float[] out) {
            Geometry g = geometry;
            boolean norm = layerNorm[gate] != null;
            for (int i = 0; i < g.cells(); i++) {
                float v = norm ? 0f : bias[gate][i];
                v += dot(inputWeights[gate], i * g.inputSize(), in, x, g.inputSize());
                v += dot(recurrentWeights[gate], i * g.outputs(), h, hAt, g.outputs());
                if (peephole[gate] != null) {
                    v += peephole[gate][i] * c[cAt + i];
                }
                out[i] = v;
            }
            if (norm) {
                normalize(out, g.cells());
                for (int i = 0; i < g.cells(); i++) {
                    out[i] = layerNorm[gate][i] * out[i] + bias[gate][i];
                }
            }
            for (int i = 0; i < g.cells(); i++) {
                out[i] = gate == CELL ? activate(activation, out[i]) : sigmoid(out[i]);
            }
        }

        @Override
        public long macs() {
            Geometry g = geometry;
            int gates = cifg() ? 3 : 4;
            long perStep = (long) gates * g.cells() * (g.inputSize() + g.outputs())
                    + (projection == null ? 0 : (long) g.outputs() * g.cells());
            return perStep * g.batches() * g.steps();
        }
    }

    /** Sum of {@code n} products from 0, in order (TensorFlow Lite's MatrixBatchVectorMultiplyAccumulate row). */
    private static float dot(float[] w, int wAt, float[] v, int vAt, int n) {
        float acc = 0f;
        for (int k = 0; k < n; k++) {
            acc += w[wAt + k] * v[vAt + k];
        }
        return acc;
    }

    /** Mean and standard deviation normalization, as TensorFlow Lite's MeanStddevNormalization. */
    private static void normalize(float[] v, int n) {
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum += v[i];
        }
        float mean = sum / n;
        float squares = 0f;
        for (int i = 0; i < n; i++) {
            float d = v[i] - mean;
            squares += d * d;
        }
        float variance = squares / n;
        float inverse = 1.0f / (float) Math.sqrt(variance + 1e-8f);
        for (int i = 0; i < n; i++) {
            v[i] = (v[i] - mean) * inverse;
        }
    }

    static float sigmoid(float x) {
        return 1.0f / (1.0f + (float) Math.exp(-x));
    }

    /** The cell activation: tanh, else the activation's clamp (as {@link Activation#clamp}). */
    static float activate(Activation a, float x) {
        return a == Activation.TANH ? (float) Math.tanh(x) : Activation.clamp(x, a.floatRange());
    }
}
