package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/** FULLY_CONNECTED: weights [units, depth]; every run of {@code depth} input elements is one row. */
public final class FullyConnected implements OperatorKind {
    @Override
    public String name() {
        return "FULLY_CONNECTED";
    }

    public record Geometry(int batches, int depth, int units) {
        long macs() {
            return (long) batches * depth * units;
        }
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(2, 3);
        node.expectOutputs(1);
        Tensor input = node.input(0);
        Tensor weights = node.input(1);
        Tensor bias = node.optionalInput(2);
        Tensor output = node.output(0);
        if (node.options().getInt("weightsFormat", 0) != 0) {
            throw node.error("shuffled weights format is not supported");
        }
        node.expectRank(weights, 2);
        if (!weights.isConstant()) {
            throw node.error(weights, "weights must be constant");
        }
        int units = weights.shape().dim(0);
        int depth = weights.shape().dim(1);
        if (input.shape().elements() % depth != 0) {
            throw node.error(input, "has " + input.shape().elements() + " elements, not a multiple of the weights' depth "
                    + depth);
        }
        int batches = input.shape().elements() / depth;
        if (output.shape().rank() == 0 || output.shape().fromEnd(1) != units
                || output.shape().elements() != batches * units) {
            throw node.error(output, "has shape " + output.shape() + " but the operator computes " + batches + " rows of "
                    + units);
        }
        Geometry g = new Geometry(batches, depth, units);
        Activation act = Activation.of(node);
        if (input.type() == TensorType.FLOAT32 && weights.type() == TensorType.INT8) {
            return hybrid(node, g, weights, bias, output, act);
        }
        if (input.type() == TensorType.FLOAT32 && weights.type() == TensorType.FLOAT32) {
            Weights.expectFloat(node, weights, bias, output, units);
            return new Float32(g, Weights.floats(weights), Weights.floatBias(bias, units), act.floatRange());
        }
        if (input.type() == TensorType.INT16) {
            Weights.Requant16 q = Weights.int16(node, input, weights, bias, output, units, 0, true, TensorType.INT32,
                    TensorType.INT64);
            return new Int16(g, q, Weights.ints(weights), act.quantizedRange(output));
        }
        Weights.PerChannel q = Weights.int8OrInt4(node, input, weights, bias, output, units, 0, true, false);
        return new Int8(g, q, Weights.ints(weights), Weights.intBias(bias, units), act.quantizedRange(output));
    }

    /**
     * A hybrid FULLY_CONNECTED (float activations, int8 weights, as TensorFlow Lite's dynamic-range
     * quantization writes it; TFLM refuses it), computed as TensorFlow Lite 2.6.2's EvalHybrid: one
     * weight scale (2.6.2 reads only the per-tensor scale, so per-channel weights are refused), the
     * input quantized symmetrically or, with {@code asymmetric_quantize_inputs}, asymmetrically.
     */
    private static Kernel hybrid(Node node, Geometry g, Tensor weights, Tensor bias, Tensor output, Activation act) {
        float[] scales = Weights.hybrid(node, weights, bias, output, g.units(), "fully connected");
        if (scales.length != 1) {
            throw node.error(weights, "hybrid fully connected with per-channel weight scales is not supported "
                    + "(TensorFlow Lite 2.6.2's hybrid kernel reads one scale)");
        }
        boolean asymmetric = node.options().getBoolean("asymmetricQuantizeInputs", false);
        return new Hybrid(g, Weights.ints(weights), scales[0], Weights.floatBias(bias, g.units()), act.floatRange(),
                asymmetric);
    }

    /**
     * Hybrid fully connected, as TensorFlow Lite's EvalHybrid: when every input value is 0 the output
     * is the bias (0 without one), clamped; otherwise each input row is quantized to int8 (symmetric:
     * {@link HybridQuantization#symmetric}; asymmetric: {@link HybridQuantization#asymmetric}, and the
     * weight row's sum times the row's zero point is taken off the int32 sum), and each output is the
     * bias (or 0) plus the int32 sum times (input scale * weight scale), all in float, clamped.
     */
    public record Hybrid(Geometry geometry, int[] weights, float weightScale, float[] bias, float[] range,
            boolean asymmetric) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            float[] in = inputs[0].floats();
            float[] out = outputs[0].floats();
            int depth = geometry.depth();
            int units = geometry.units();
            boolean allZero = true;
            for (float v : in) {
                allZero &= v == 0f;
            }
            HybridQuantization.Batches q = HybridQuantization.batches(in, geometry.batches(), asymmetric);
            for (int b = 0; b < geometry.batches(); b++) {
                float scale = q.rows()[b].scale() * weightScale;
                int zeroPoint = q.rows()[b].zeroPoint();
                for (int u = 0; u < units; u++) {
                    float v = bias == null ? 0f : bias[u];
                    if (!allZero) {
                        int acc = 0;
                        int rowSum = 0;
                        for (int d = 0; d < depth; d++) {
                            acc += weights[u * depth + d] * q.values()[b * depth + d];
                            rowSum += weights[u * depth + d];
                        }
                        acc -= rowSum * zeroPoint;
                        v += (float) acc * scale;
                    }
                    out[b * units + u] = Activation.clamp(v, range);
                }
            }
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }

    /** int8 fully connected, per-tensor or per-channel, as TFLM's reference FullyConnected. */
    public record Int8(Geometry geometry, Weights.PerChannel quant, int[] weights, int[] bias, int[] range)
            implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] in = inputs[0].ints();
            int[] out = outputs[0].ints();
            for (int b = 0; b < geometry.batches(); b++) {
                for (int u = 0; u < geometry.units(); u++) {
                    out[b * geometry.units() + u] =
                            quant.requantize(dot(geometry, in, weights, quant.inputOffset(), b, u), bias, u, range);
                }
            }
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }

    /**
     * 16x8 fully connected, as TFLM's FullyConnected(PerChannel) on int16 input: int64 accumulator and
     * multiply, or int32 for both when the bias is int32.
     */
    public record Int16(Geometry geometry, Weights.Requant16 quant, int[] weights, int[] range) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] in = inputs[0].ints();
            int[] out = outputs[0].ints();
            for (int b = 0; b < geometry.batches(); b++) {
                for (int u = 0; u < geometry.units(); u++) {
                    out[b * geometry.units() + u] = quant.requantize(dot(geometry, in, weights, 0, b, u), u, range);
                }
            }
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }

    /** The exact sum of row {@code b} of the input (plus inputOffset) times the weights of unit {@code u}. */
    static long dot(Geometry g, int[] in, int[] weights, int inputOffset, int b, int u) {
        int depth = g.depth();
        long acc = 0;
        for (int d = 0; d < depth; d++) {
            acc += weights[u * depth + d] * (in[b * depth + d] + inputOffset);
        }
        return acc;
    }

    /** float32 fully connected. */
    public record Float32(Geometry geometry, float[] weights, float[] bias, float[] range) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            float[] in = inputs[0].floats();
            float[] out = outputs[0].floats();
            int depth = geometry.depth();
            int units = geometry.units();
            for (int b = 0; b < geometry.batches(); b++) {
                for (int u = 0; u < units; u++) {
                    float total = 0f;
                    for (int d = 0; d < depth; d++) {
                        total += in[b * depth + d] * weights[u * depth + d];
                    }
                    float biasValue = bias == null ? 0f : bias[u];
                    out[b * units + u] = Activation.clamp(total + biasValue, range);
                }
            }
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }
}
