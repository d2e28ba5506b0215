package dev.tflc.testing;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import dev.tflc.ops.FixedPoint;
import dev.tflc.ops.Kernel;
import dev.tflc.ops.Operators;
import java.util.ArrayList;
import java.util.List;

/**
 * Expected outputs of a graph with int8 SVDF layers over several invocations, derived without a
 * state buffer: the graph runs layer by layer over the whole input history, and each SVDF output at
 * invocation t is recomputed from the layer's inputs at invocations t - memory + 1 .. t (the state
 * holds exactly the last {@code memory} feature activations of each filter, older slots holding the
 * reset value). This follows the integer arithmetic of TFLM's EvalIntegerSvdfReference term by term
 * but not its shifting state, so that a mistake in the shift, the slot order, the carrying of state
 * between invocations or the reset shows. Other operators (stateless) run through the reference
 * kernels.
 */
public final class SvdfHistory {
    private SvdfHistory() {
    }

    /**
     * Each invocation's outputs, the state reset before invocation 0 and before {@code resetAt} (-1:
     * never again).
     */
    public static List<List<byte[]>> derive(Graph g, List<List<byte[]>> invocations, int resetAt) {
        int steps = invocations.size();
        List<Kernel> kernels = Operators.prepare(g);
        TensorData[][] values = new TensorData[steps][g.tensors().size()];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < g.inputs().size(); i++) {
                Tensor in = g.tensor(g.inputs().get(i));
                values[t][in.index()] = TensorData.fromBytes(in.type(), in.shape(), invocations.get(t).get(i));
            }
        }
        for (Operator op : g.operators()) {
            if (op.kind().equals("SVDF")) {
                svdf(g, op, values, resetAt);
                continue;
            }
            for (int t = 0; t < steps; t++) {
                TensorData[] ins = new TensorData[op.inputs().size()];
                for (int i = 0; i < ins.length; i++) {
                    int idx = op.input(i);
                    ins[i] = idx < 0 ? null : values[t][idx] != null ? values[t][idx] : TensorData.of(g.tensor(idx));
                }
                TensorData[] outs = new TensorData[op.outputs().size()];
                for (int o = 0; o < outs.length; o++) {
                    Tensor out = g.tensor(op.output(o));
                    outs[o] = TensorData.zeros(out.type(), out.shape());
                    values[t][out.index()] = outs[o];
                }
                kernels.get(op.index()).run(ins, outs);
            }
        }
        List<List<byte[]>> result = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            List<byte[]> outs = new ArrayList<>();
            for (int o : g.outputs()) {
                outs.add(values[t][o].toBytes());
            }
            result.add(outs);
        }
        return result;
    }

    /** One int8 SVDF layer over all invocations. */
    private static void svdf(Graph g, Operator op, TensorData[][] values, int resetAt) {
        Tensor input = g.tensor(op.input(0));
        Tensor featureTensor = g.tensor(op.input(1));
        Tensor timeTensor = g.tensor(op.input(2));
        Tensor biasTensor = g.tensor(op.input(3));
        Tensor state = g.tensor(op.input(4));
        Tensor output = g.tensor(op.output(0));
        if (input.type() != TensorType.INT8) {
            throw new IllegalArgumentException("SvdfHistory derives int8 SVDF only");
        }
        int rank = op.options().getInt("rank", 0);
        int batches = input.shape().dim(0);
        int depth = input.shape().dim(1);
        int filters = featureTensor.shape().dim(0);
        int memory = timeTensor.shape().dim(1);
        int units = filters / rank;
        int[] feature = TensorData.of(featureTensor).ints();
        int[] time = TensorData.of(timeTensor).ints();
        int[] bias = TensorData.of(biasTensor).ints();
        int inZp = (int) input.quantization().zeroPoint();
        int stateZp = (int) state.quantization().zeroPoint();
        int outZp = (int) output.quantization().zeroPoint();
        float inScale = input.quantization().scale();
        float stateScale = state.quantization().scale();
        // TFLM's PrepareSvdf multiplies and divides the float scales in float, then widens.
        float featureReal = inScale * featureTensor.quantization().scale() / stateScale;
        float outputReal = stateScale * timeTensor.quantization().scale() / output.quantization().scale();
        FixedPoint.Multiplier m1 = FixedPoint.quantizeMultiplier(featureReal);
        FixedPoint.Multiplier m2 = FixedPoint.quantizeMultiplier(outputReal);
        int stateBits = 8 * state.type().bytes();
        int stateMin = -(1 << (stateBits - 1));
        int stateMax = (1 << (stateBits - 1)) - 1;
        int resetValue = state.type() == TensorType.INT8 ? stateZp : 0;
        int steps = values.length;
        // activation[t][b][f]: the value invocation t stores as filter f's newest state slot.
        int[][][] activation = new int[steps][batches][filters];
        for (int t = 0; t < steps; t++) {
            int[] x = values[t][input.index()].ints();
            for (int b = 0; b < batches; b++) {
                for (int f = 0; f < filters; f++) {
                    long dot = 0;
                    for (int c = 0; c < depth; c++) {
                        dot += (long) feature[f * depth + c] * (x[b * depth + c] - inZp);
                    }
                    int scaled = FixedPoint.multiplyByQuantizedMultiplier((int) dot, m1);
                    int clamped = Math.max(stateMin, Math.min(stateMax, scaled));
                    // Stored in the state's type: wraps like a two's complement store.
                    int stored = (clamped + stateZp) << (32 - stateBits) >> (32 - stateBits);
                    activation[t][b][f] = stored;
                }
            }
        }
        for (int t = 0; t < steps; t++) {
            int start = resetAt >= 0 && t >= resetAt ? resetAt : 0;
            TensorData out = TensorData.zeros(output.type(), output.shape());
            for (int b = 0; b < batches; b++) {
                for (int u = 0; u < units; u++) {
                    long sum = bias[u];
                    for (int r = 0; r < rank; r++) {
                        int f = u * rank + r;
                        for (int age = 0; age < memory; age++) {
                            int when = t - age;
                            int slot = when >= start ? activation[when][b][f] : resetValue;
                            sum += (long) time[f * memory + memory - 1 - age] * (slot - stateZp);
                        }
                    }
                    int v = FixedPoint.multiplyByQuantizedMultiplier((int) sum, m2) + outZp;
                    out.ints()[b * units + u] = Math.max(-128, Math.min(127, v));
                }
            }
            values[t][output.index()] = out;
        }
    }
}
