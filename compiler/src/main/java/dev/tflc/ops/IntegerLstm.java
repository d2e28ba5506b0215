package dev.tflc.ops;

import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM with integer activations, as TensorFlow Lite Micro's kernel computes it
 * (unidirectional_sequence_lstm.cc, lstm_eval.h, lstm_eval.cc, lstm_eval_common.cc): int8 input, output
 * and output state with int8 weights and int32 biases, or int16 ones with int64 biases (16x8); the cell
 * state int16. As in TFLM: no CIFG, peephole, projection or layer norm, weights per tensor, the cell
 * gate's activation TANH.
 *
 * <p>Per step and batch row, each gate in the order forget, input, cell (then output, after the cell
 * update) is TFLM's fully connected product of the input (with the gate's bias) plus that of the
 * output state (no bias), each requantized to int16 at scale 2^-12 and clamped, added with int16
 * saturation, then the int16 sigmoid (tanh for the cell gate) of {@link Int16Sigmoid} at that scale.
 * The cell state becomes forget x cell + input x cell gate: each product requantized to the cell
 * state's scale from 2^-15 x 2^-15 or 2^-15 x its own scale, clamped, added with saturation, and
 * clipped to the quantized cell_clip when cell_clip > 0. The output state is tanh(cell state) (read at
 * the cell state's power-of-two scale) x the output gate, requantized to the output state's scale and
 * zero point and clamped; it is also the step's output row. The output state and cell state persist
 * from one invocation to the next.
 */
public record IntegerLstm(UnidirectionalSequenceLstm.Geometry geometry, boolean int16Activations, Gate[] gates,
        int inputOffset, int stateOffset, FixedPoint.Multiplier forgetTimesCell, FixedPoint.Multiplier inputTimesCell,
        FixedPoint.Multiplier outputTimesTanh, int stateZeroPoint, int quantizedCellClip,
        Int16Sigmoid.Rescale cellTanh) implements Kernel {
    /** Scale of a gate before its activation: 2^-12 (Q3.12). */
    static final float GATE_SCALE = 0.000244140625f;
    /** Scale of an activated gate: 2^-15 (Q0.15). */
    static final float ACTIVATED_SCALE = 0.000030517578125f;

    /**
     * One gate: its input and recurrent weights ([cells, input size] and [cells, cells]), its bias
     * (int32 or int64 values) and the multipliers of its two products.
     */
    public record Gate(int[] inputWeights, int[] recurrentWeights, long[] bias, FixedPoint.Multiplier input,
            FixedPoint.Multiplier recurrent) {
    }

    /** The gates in TensorFlow Lite's input order: input, forget, cell, output. */
    static IntegerLstm prepare(Node node, UnidirectionalSequenceLstm.Geometry g, Activation activation, float cellClip,
            float projClip) {
        Tensor input = node.input(0);
        boolean wide = input.type() == TensorType.INT16;
        String what = wide ? "int16" : "int8";
        if (activation != Activation.TANH) {
            throw node.error("an " + what + " LSTM's cell gate takes TANH (TFLM's integer kernel has no other), not "
                    + activation);
        }
        if (projClip != 0) {
            throw node.error("proj_clip " + projClip + " has no projection to clip (TFLM's integer LSTM has none)");
        }
        for (int index : new int[] {9, 10, 11, 16, 17, 20, 21, 22, 23}) {
            Tensor t = node.optionalInput(index);
            if (t != null) {
                throw node.error(t, "input " + index + " must be omitted: TFLM's integer LSTM has no CIFG, peephole, "
                        + "projection or layer norm");
            }
        }
        if (g.outputs() != g.cells()) {
            throw node.error(node.input(18), "the output state has " + g.outputs() + " values per batch, not the "
                    + g.cells() + " cells");
        }
        node.expectPerTensor(input);
        Tensor state = node.input(18);
        Tensor cell = node.input(19);
        for (Tensor t : new Tensor[] {state, cell}) {
            if (!t.isVariable()) {
                throw node.error(t, "the " + (t == state ? "output" : "cell") + " state must be a variable tensor");
            }
        }
        node.expectType(state, input.type());
        node.expectShape(state, Shape.of(g.batches(), g.cells()));
        node.expectPerTensor(state);
        node.expectType(cell, TensorType.INT16);
        node.expectShape(cell, Shape.of(g.batches(), g.cells()));
        node.expectPerTensor(cell);
        if (cell.quantization().zeroPoint() != 0) {
            throw node.error(cell, "cell state zero point " + cell.quantization().zeroPoint() + " is not 0");
        }
        if (wide) {
            for (Tensor t : new Tensor[] {input, state}) {
                if (t.quantization().zeroPoint() != 0) {
                    throw node.error(t, "int16 zero point " + t.quantization().zeroPoint() + " is not 0");
                }
            }
        }
        Tensor output = node.output(0);
        node.expectType(output, input.type());
        int[] outShape = g.timeMajor() ? new int[] {g.steps(), g.batches(), g.cells()}
                : new int[] {g.batches(), g.steps(), g.cells()};
        node.expectShape(output, Shape.of(outShape));
        // The gates' products are requantized to int16 at 2^-12, as TFLM's CreateGateParams has it.
        Tensor gateOut = new Tensor(-1, "gate", TensorType.INT16, Shape.of(1, g.cells()),
                Quantization.perTensor(GATE_SCALE, 0), null, false);
        Gate[] gates = new Gate[4];
        for (int gate = 0; gate < 4; gate++) {
            String name = UnidirectionalSequenceLstm.GATES.get(gate);
            Tensor wx = weights(node, 1 + gate, name + " gate's input weights", g.cells(), g.inputSize());
            Tensor wh = weights(node, 5 + gate, name + " gate's recurrent weights", g.cells(), g.cells());
            Tensor bias = node.optionalInput(12 + gate);
            if (bias == null) {
                throw node.error("input " + (12 + gate) + " (the " + name + " gate's bias) is missing (TFLM's "
                        + "integer LSTM needs every gate's)");
            }
            node.expectType(bias, wide ? TensorType.INT64 : TensorType.INT32);
            Weights.expectBias(node, bias, g.cells());
            TensorData d = TensorData.of(bias);
            long[] b = wide ? d.longs() : java.util.Arrays.stream(d.ints()).asLongStream().toArray();
            gates[gate] = new Gate(Weights.ints(wx), Weights.ints(wh), b, multiplier(node, input, wx, gateOut, wide),
                    multiplier(node, state, wh, gateOut, wide));
        }
        float cellScale = cell.quantization().scale();
        // TFLM's Tanh of the cell state, at the power of two nearest its scale (CheckedLog2's exponent): a
        // left shift of 15 + power - 3 makes the multiplier 3 << shift, a negative one the multiplier 3
        // and that many places right.
        int shift = 15 + FixedPoint.log2Rounded(cellScale) - 3;
        if (shift > 14 || shift < -31) {
            throw node.error(cell, "cell state scale " + cellScale + " is out of TFLM's int16 tanh's range");
        }
        Int16Sigmoid.Rescale cellTanh = shift >= 0 ? new Int16Sigmoid.Rescale(3 << shift, 0)
                : new Int16Sigmoid.Rescale(3, -shift);
        int clip = 0;
        if (cellClip > 0) {
            clip = (int) Math.min(Math.max((double) cellClip / (double) cellScale, -32768.0), 32767.0);
        }
        float stateScale = state.quantization().scale();
        return new IntegerLstm(g, wide, gates, (int) -input.quantization().zeroPoint(),
                (int) -state.quantization().zeroPoint(), mul(ACTIVATED_SCALE, cellScale, cellScale),
                mul(ACTIVATED_SCALE, ACTIVATED_SCALE, cellScale), mul(ACTIVATED_SCALE, ACTIVATED_SCALE, stateScale),
                (int) state.quantization().zeroPoint(), clip, cellTanh);
    }

    /** Constant int8 weights of input {@code index}, per tensor and symmetric, of shape {@code rows x columns}. */
    private static Tensor weights(Node node, int index, String what, int rows, int columns) {
        Tensor t = node.optionalInput(index);
        if (t == null) {
            throw node.error("input " + index + " (the " + what + ") is missing");
        }
        if (!t.isConstant()) {
            throw node.error(t, "input " + index + " (the " + what + ") must be constant");
        }
        node.expectType(t, TensorType.INT8);
        node.expectPerTensor(t);
        if (!t.shape().equals(Shape.of(rows, columns))) {
            throw node.error(t, "input " + index + " (the " + what + ") has shape " + t.shape() + ", expected "
                    + Shape.of(rows, columns));
        }
        return t;
    }

    /** TFLM's fully connected multiplier from {@code in} through {@code weights} to a gate (float product of the scales). */
    private static FixedPoint.Multiplier multiplier(Node node, Tensor in, Tensor weights, Tensor gate, boolean wide) {
        Weights.PerChannel q = Weights.perTensor(node, in, weights, gate);
        FixedPoint.Multiplier m = new FixedPoint.Multiplier(q.multipliers()[0], q.shifts()[0]);
        if (wide && m.shift() > 7) {
            throw node.error(weights, "scale is too large for the gate's int64 requantization (multiplier shift "
                    + m.shift() + "; TFLM's takes at most 7)");
        }
        return m;
    }

    /** TFLM's CreateInterGateMulParams: double(a) * double(b) / double(out), quantized. */
    private static FixedPoint.Multiplier mul(float a, float b, float out) {
        return FixedPoint.quantizeMultiplier((double) a * (double) b / (double) out);
    }

    /** Scratch bytes: the four gates of one batch row, int16. */
    public long scratchBytes() {
        return 2L * 4 * geometry.cells();
    }

    @Override
    public void run(TensorData[] inputs, TensorData[] outputs) {
        UnidirectionalSequenceLstm.Geometry g = geometry;
        int[] in = inputs[0].ints();
        int[] h = inputs[18].ints();
        int[] c = inputs[19].ints();
        int[] out = outputs[0].ints();
        int[][] activated = new int[4][g.cells()];
        for (int t = 0; t < g.steps(); t++) {
            for (int b = 0; b < g.batches(); b++) {
                step(in, g.row(b, t, g.inputSize()), h, b * g.cells(), c, activated);
                System.arraycopy(h, b * g.cells(), out, g.row(b, t, g.cells()), g.cells());
            }
        }
    }

    /** One step of one batch row: the forget, input and cell gates, the cell state, the output gate, the output state. */
    private void step(int[] in, int x, int[] h, int at, int[] c, int[][] activated) {
        int cells = geometry.cells();
        int[] order = {UnidirectionalSequenceLstm.FORGET, UnidirectionalSequenceLstm.INPUT,
            UnidirectionalSequenceLstm.CELL};
        for (int gate : order) {
            gate(gate, in, x, h, at, activated[gate]);
        }
        int[] f = activated[UnidirectionalSequenceLstm.FORGET];
        int[] i = activated[UnidirectionalSequenceLstm.INPUT];
        int[] z = activated[UnidirectionalSequenceLstm.CELL];
        for (int k = 0; k < cells; k++) {
            int kept = clamp16(FixedPoint.multiplyByQuantizedMultiplier(f[k] * c[at + k], forgetTimesCell));
            int added = clamp16(FixedPoint.multiplyByQuantizedMultiplier(i[k] * z[k], inputTimesCell));
            int v = clamp16(kept + added);
            if (quantizedCellClip != 0) {
                v = Math.max(Math.min(quantizedCellClip, v), -quantizedCellClip);
            }
            c[at + k] = v;
        }
        int[] o = activated[UnidirectionalSequenceLstm.OUTPUT];
        gate(UnidirectionalSequenceLstm.OUTPUT, in, x, h, at, o);
        int min = int16Activations ? Short.MIN_VALUE : -128;
        int max = int16Activations ? Short.MAX_VALUE : 127;
        for (int k = 0; k < cells; k++) {
            int t = Int16Sigmoid.apply(Int16Sigmoid.Function.TANH, cellTanh, c[at + k]);
            int v = FixedPoint.multiplyByQuantizedMultiplier(t * o[k], outputTimesTanh) + stateZeroPoint;
            h[at + k] = Math.min(Math.max(v, min), max);
        }
    }

    /** Gate {@code gate} of one row, activated: sigmoid, or tanh for the cell gate. */
    private void gate(int gate, int[] in, int x, int[] h, int at, int[] out) {
        UnidirectionalSequenceLstm.Geometry g = geometry;
        Gate p = gates[gate];
        Int16Sigmoid.Function f = gate == UnidirectionalSequenceLstm.CELL ? Int16Sigmoid.Function.TANH
                : Int16Sigmoid.Function.LOGISTIC;
        for (int u = 0; u < g.cells(); u++) {
            int fromInput = product(in, x, inputOffset, p.inputWeights(), u, g.inputSize(), p.bias(), p.input());
            int fromState = product(h, at, stateOffset, p.recurrentWeights(), u, g.cells(), null, p.recurrent());
            out[u] = Int16Sigmoid.apply(f, GATE_IN, clamp16(fromInput + fromState));
        }
    }

    /** The gates' activations read their input at 2^-12: TFLM's multiplier 3, no shift. */
    private static final Int16Sigmoid.Rescale GATE_IN = new Int16Sigmoid.Rescale(3, 0);

    /**
     * TFLM's fully connected product of unit {@code u}, requantized to a gate (zero point 0) and
     * clamped to int16: int32 accumulator and multiply for int8 activations, int64 for int16 ones.
     */
    private int product(int[] v, int at, int offset, int[] w, int u, int depth, long[] bias, FixedPoint.Multiplier m) {
        long acc = FullyConnected.dot(new FullyConnected.Geometry(1, depth, geometry.cells()), v, w, offset,
                at / depth, u);
        if (bias != null) {
            acc += bias[u];
        }
        int scaled = int16Activations ? FixedPoint.multiplyByQuantizedMultiplier64(acc, m.multiplier(), m.shift())
                : FixedPoint.multiplyByQuantizedMultiplier((int) acc, m);
        return clamp16(scaled);
    }

    private static int clamp16(int v) {
        return Math.min(Math.max(v, Short.MIN_VALUE), Short.MAX_VALUE);
    }

    @Override
    public long macs() {
        UnidirectionalSequenceLstm.Geometry g = geometry;
        return 4L * g.cells() * (g.inputSize() + g.cells()) * g.batches() * g.steps();
    }
}
