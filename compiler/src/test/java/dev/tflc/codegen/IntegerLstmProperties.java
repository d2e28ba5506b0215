package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import dev.tflc.testing.RandomLstm;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random integer UNIDIRECTIONAL_SEQUENCE_LSTM models ({@link RandomLstm#integer}: int8 with an int16
 * cell state, and 16x8) over one to four invocations, the states carried and reset before a random
 * one: the generated C equals the reference bit for bit, and the reference follows the LSTM derived
 * here in real numbers from the dequantized model (each gate's sum held to the int16 range at 2^-12
 * where the kernel holds it, each step's states rounded to their tensors' steps as the kernel stores
 * them) within a bound on the kernel's roundings. TensorFlow Lite 2.6.2 computes integer LSTMs in
 * another arithmetic; TensorFlow Lite Micro's own outputs are {@code TflmCompareTest}'s ({@code -Ptflm}).
 */
class IntegerLstmProperties {
    @Property(tries = 15)
    void int8LstmGeneratedCMatchesReferenceAndFollowsTheRealLstm(@ForAll("int8Lstm") Case c,
            @ForAll @IntRange(min = 1, max = 4) int count, @ForAll @IntRange(min = 1, max = 4) int resetAt,
            @ForAll long seed) throws Exception {
        check(c, count, resetAt, seed);
    }

    @Property(tries = 15)
    void int16LstmGeneratedCMatchesReferenceAndFollowsTheRealLstm(@ForAll("int16Lstm") Case c,
            @ForAll @IntRange(min = 1, max = 4) int count, @ForAll @IntRange(min = 1, max = 4) int resetAt,
            @ForAll long seed) throws Exception {
        check(c, count, resetAt, seed);
    }

    private static void check(Case c, int count, int resetAt, long seed) throws Exception {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        List<List<byte[]>> inputs = SvdfProperties.invocations(c, false, count, seed);
        List<List<byte[]>> expected = SequenceRunner.reference(g, inputs, resetAt);
        List<List<byte[]>> generated = SequenceRunner.run(g, inputs, resetAt);
        RealLstm real = new RealLstm(g);
        for (int k = 0; k < count; k++) {
            assertArrayEquals(expected.get(k).get(0), generated.get(k).get(0),
                    c + ": generated C vs reference, invocation " + k + " (reset before " + resetAt + ")");
            if (k == resetAt) {
                real.reset();
            }
            int[] ours = values(expected.get(k).get(0), real.wide);
            double[] bound = new double[ours.length];
            int[] derived = real.run(inputs.get(k).get(0), ours, bound);
            for (int i = 0; i < ours.length; i++) {
                assertTrue(Math.abs(ours[i] - derived[i]) <= bound[i],
                        c + ": invocation " + k + " element " + i + ": reference " + ours[i] + ", real-valued LSTM "
                                + derived[i] + " (at most " + bound[i] + " steps apart)");
            }
        }
    }

    static int[] values(byte[] bytes, boolean wide) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int[] v = new int[bytes.length / (wide ? 2 : 1)];
        for (int i = 0; i < v.length; i++) {
            v[i] = wide ? b.getShort() : b.get();
        }
        return v;
    }

    /**
     * The LSTM in doubles from the dequantized model: gate = sigmoid (tanh for the cell gate) of the
     * input product plus the bias plus the recurrent product, each product and the sum clamped to the
     * int16 range at 2^-12 as the kernel's are; cell = forget x cell + input x cell gate, clamped to the cell
     * state's int16 range and to cell_clip; output state = output gate x tanh(cell). After each step
     * the cell state is rounded to its tensor's step (the kernel stores no more) and the output state
     * taken from the reference's output for that step, so that the comparison measures one step's
     * roundings, not their drift over a sequence.
     */
    static final class RealLstm {
        final boolean wide;
        final int batches, steps, inputSize, cells;
        final boolean timeMajor;
        final double[][] wx = new double[4][], wh = new double[4][], bias = new double[4][];
        final float inScale, stateScale, cellScale, cellClip;
        final int inZp, stateZp;
        double[] h, c;
        /** Per cell state element, how far the kernel's may be from this one's. */
        double[] cellError;

        RealLstm(Graph g) {
            Operator op = g.operators().get(0);
            Tensor in = g.tensor(op.input(0));
            Tensor state = g.tensor(op.input(18));
            Tensor cell = g.tensor(op.input(19));
            wide = in.type() == TensorType.INT16;
            timeMajor = Boolean.TRUE.equals(op.options().fields().get("timeMajor"));
            steps = in.shape().dim(timeMajor ? 0 : 1);
            batches = in.shape().dim(timeMajor ? 1 : 0);
            inputSize = in.shape().dim(2);
            cells = cell.shape().dim(1);
            inScale = in.quantization().scale();
            inZp = (int) in.quantization().zeroPoint();
            stateScale = state.quantization().scale();
            stateZp = (int) state.quantization().zeroPoint();
            cellScale = cell.quantization().scale();
            Object clip = op.options().fields().get("cellClip");
            cellClip = clip == null ? 0f : ((Number) clip).floatValue();
            for (int gate = 0; gate < 4; gate++) {
                wx[gate] = dequantize(g.tensor(op.input(1 + gate)));
                wh[gate] = dequantize(g.tensor(op.input(5 + gate)));
                Tensor b = g.tensor(op.input(12 + gate));
                long[] raw = b.type() == TensorType.INT64 ? TensorData.of(b).longs()
                        : java.util.Arrays.stream(TensorData.of(b).ints()).asLongStream().toArray();
                bias[gate] = new double[cells];
                for (int i = 0; i < cells; i++) {
                    bias[gate][i] = raw[i] * (double) b.quantization().scale();
                }
            }
            reset();
        }

        private static double[] dequantize(Tensor t) {
            int[] q = TensorData.of(t).ints();
            double[] v = new double[q.length];
            for (int i = 0; i < q.length; i++) {
                v[i] = q[i] * (double) t.quantization().scale();
            }
            return v;
        }

        void reset() {
            cellError = new double[batches * cells];
            // TFLM resets an int8 variable tensor to its zero point, other ones to 0: real 0 either way
            h = new double[batches * cells];
            c = new double[batches * cells];
        }

        /**
         * How far an activated gate of the kernel may be from the real one: its two products and their
         * sum each rounded to 2^-12 (half a step each, seen through a slope of at most 1), the table's
         * interpolation (TFLM's table is within 2^-14 of the functions), and the gate's own rounding to
         * 2^-15.
         */
        static final double GATE_ERROR = 1.5 * 0x1p-12 + 0x1p-14 + 0x1p-15;

        private static double clamp(double v, double min, double max) {
            return Math.max(min, Math.min(max, v));
        }

        /**
         * The outputs for {@code input}; {@code reference}, the reference's outputs, gives each step's
         * output state, and {@code bound} receives, per output, how many steps the reference may be
         * from it: the cell state's error carried from step to step (at most forget x the last one,
         * plus each factor's error times the other factor, plus the roundings of the two products, of
         * their sum and of this side's cell state: two cell steps), through output gate x tanh(cell)
         * (the tanh's own table and rescaling error once more, and the output gate's), plus one
         * rounding of the output each way.
         */
        int[] run(byte[] input, int[] reference, double[] bound) {
            int[] x = values(input, wide);
            int[] out = new int[batches * steps * cells];
            double gateMax = 32767 * 0x1p-12;
            double gateMin = -32768 * 0x1p-12;
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < batches; b++) {
                    int row = timeMajor ? t * batches + b : b * steps + t;
                    double[][] act = new double[4][cells];
                    for (int gate = 0; gate < 4; gate++) {
                        for (int u = 0; u < cells; u++) {
                            double fromInput = bias[gate][u];
                            for (int d = 0; d < inputSize; d++) {
                                fromInput += wx[gate][u * inputSize + d] * (x[row * inputSize + d] - inZp)
                                        * (double) inScale;
                            }
                            double fromState = 0;
                            for (int d = 0; d < cells; d++) {
                                fromState += wh[gate][u * cells + d] * h[b * cells + d];
                            }
                            double s = clamp(clamp(fromInput, gateMin, gateMax) + clamp(fromState, gateMin, gateMax),
                                    gateMin, gateMax);
                            act[gate][u] = gate == 2 ? Math.tanh(s) : 1 / (1 + Math.exp(-s));
                        }
                    }
                    for (int u = 0; u < cells; u++) {
                        double e = cellError[b * cells + u];
                        double g = GATE_ERROR;
                        double f = act[1][u];
                        cellError[b * cells + u] = Math.abs(f) * e + (Math.abs(c[b * cells + u]) + e) * g
                                + (Math.abs(act[0][u]) + Math.abs(act[2][u]) + g) * g + 2 * (double) cellScale;
                        double v = act[1][u] * c[b * cells + u] + act[0][u] * act[2][u];
                        v = Math.max(-32768 * (double) cellScale, Math.min(32767 * (double) cellScale, v));
                        if (cellClip > 0) {
                            v = Math.max(-cellClip, Math.min(cellClip, v));
                        }
                        c[b * cells + u] = Math.rint(v / cellScale) * cellScale;
                        double o = act[3][u] * Math.tanh(c[b * cells + u]);
                        int min = wide ? Short.MIN_VALUE : -128;
                        int max = wide ? Short.MAX_VALUE : 127;
                        int q = (int) Math.max(min, Math.min(max, Math.rint(o / stateScale) + stateZp));
                        out[row * cells + u] = q;
                        double ec = cellError[b * cells + u];
                        bound[row * cells + u] = ((Math.abs(act[3][u]) + GATE_ERROR) * (ec + GATE_ERROR)
                                + GATE_ERROR) / stateScale + 1;
                    }
                    for (int u = 0; u < cells; u++) {
                        h[b * cells + u] = (reference[row * cells + u] - stateZp) * (double) stateScale;
                    }
                }
            }
            return out;
        }
    }

    @Provide
    Arbitrary<Case> int8Lstm() {
        return RandomLstm.integer(false);
    }

    @Provide
    Arbitrary<Case> int16Lstm() {
        return RandomLstm.integer(true);
    }
}
