package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/** CONV_2D: NHWC input, OHWI filter, optional bias; grouped when the filter has fewer input channels. */
public final class Conv2D implements OperatorKind {
    @Override
    public String name() {
        return "CONV_2D";
    }

    /** Shapes and parameters shared by the int8 and float kernels. */
    public record Geometry(Window window, int inC, int outC, int filterC, int groups) {
        long macs() {
            return (long) window.batches() * window.outH() * window.outW() * outC * window.filterH()
                    * window.filterW() * filterC;
        }
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(2, 3);
        node.expectOutputs(1);
        Tensor input = node.input(0);
        Tensor filter = node.input(1);
        Tensor bias = node.optionalInput(2);
        Tensor output = node.output(0);
        node.expectRank(input, 4);
        node.expectRank(filter, 4);
        if (!filter.isConstant()) {
            throw node.error(filter, "filter must be constant");
        }
        int inC = input.shape().dim(3);
        int outC = filter.shape().dim(0);
        int filterC = filter.shape().dim(3);
        if (inC % filterC != 0) {
            throw node.error(filter, "filter depth " + filterC + " does not divide input depth " + inC);
        }
        int groups = inC / filterC;
        if (outC % groups != 0) {
            throw node.error(filter, "output depth " + outC + " is not a multiple of the " + groups + " groups");
        }
        Window w = Window.of(node, input.shape().dim(0), input.shape().dim(1), input.shape().dim(2),
                filter.shape().dim(1), filter.shape().dim(2));
        node.expectShape(output, Shape.of(w.batches(), w.outH(), w.outW(), outC));
        Geometry g = new Geometry(w, inC, outC, filterC, groups);
        Activation act = Activation.of(node);
        if (input.type() == TensorType.FLOAT32 && filter.type() == TensorType.INT8) {
            return hybrid(node, g, filter, bias, output, act);
        }
        if (input.type() == TensorType.FLOAT32) {
            Weights.expectFloat(node, filter, bias, output, outC);
            return new Float32(g, Weights.floats(filter), Weights.floatBias(bias, outC), act.floatRange());
        }
        if (input.type() == TensorType.INT16) {
            Weights.Requant16 q = Weights.int16(node, input, filter, bias, output, outC, 0, false, TensorType.INT32,
                    TensorType.INT64);
            return new Int16(g, q, Weights.ints(filter), act.quantizedRange(output));
        }
        node.expectType(input, TensorType.INT8);
        Weights.PerChannel q = Weights.int8OrInt4(node, input, filter, bias, output, outC, 0, false, true);
        return new Int8(g, q, Weights.ints(filter), Weights.intBias(bias, outC), act.quantizedRange(output));
    }

    /**
     * A hybrid CONV_2D (float activations, int8 weights, as TensorFlow Lite's dynamic-range
     * quantization writes it; TFLM refuses it), computed as TensorFlow Lite's hybrid kernels: the
     * per-tensor one for one filter scale, the per-channel one for different scales per channel (not
     * several equal ones, which TensorFlow Lite 2.6.2 runs as per-tensor without a scale); no groups,
     * no dilation (TensorFlow Lite's hybrid kernels ignore it).
     */
    private static Kernel hybrid(Node node, Geometry g, Tensor filter, Tensor bias, Tensor output, Activation act) {
        float[] scales = Weights.hybrid(node, filter, bias, output, g.outC(), "convolution");
        if (g.groups() != 1) {
            throw node.error(filter, "grouped hybrid convolution is not supported");
        }
        if (g.window().dilationH() != 1 || g.window().dilationW() != 1) {
            throw node.error("hybrid convolution with dilation is not supported (TensorFlow Lite's hybrid "
                    + "kernel ignores dilation)");
        }
        boolean perChannel = false;
        for (float sc : scales) {
            perChannel |= sc != scales[0];
        }
        if (!perChannel && scales.length > 1) {
            throw node.error(filter, "hybrid convolution with " + scales.length + " equal filter scales is not "
                    + "supported (TensorFlow Lite 2.6.2 reads a per-tensor scale only from a filter with exactly one; "
                    + "its results for such a filter are not the convolution's)");
        }
        if (perChannel && scales.length != g.outC()) {
            throw node.error(filter, "has " + scales.length + " scales for " + g.outC() + " output channels");
        }
        if (perChannel && bias == null) {
            throw node.error("hybrid convolution with per-channel filter scales needs a bias (TensorFlow Lite "
                    + "2.6.2 refuses it without one)");
        }
        return new Hybrid(g, Weights.ints(filter), perChannel ? scales.clone() : new float[] {scales[0]},
                Weights.floatBias(bias, g.outC()), act.floatRange());
    }

    /**
     * Hybrid convolution, as TensorFlow Lite's EvalHybrid (one filter scale) or, with a scale per
     * output channel, its EvalHybridPerChannel (optimized kernel). Each batch's input is quantized to
     * int8, symmetrically with one filter scale ({@link HybridQuantization#symmetric}), else
     * asymmetrically ({@link HybridQuantization#asymmetric}); the int32 sum of filter * (input - zero
     * point) over the in-bounds taps (TensorFlow Lite's per-channel im2col pads with the zero point and
     * takes the filter row sum times the zero point off, the same integer); that sum times (filter
     * scale * input scale) in float, plus the bias, clamped.
     */
    public record Hybrid(Geometry geometry, int[] filter, float[] filterScales, float[] bias, float[] range)
            implements Kernel {
        /** Whether each output channel has its own filter scale (and the input is quantized asymmetrically). */
        public boolean perChannel() {
            return filterScales.length > 1;
        }

        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Window w = geometry.window();
            HybridQuantization.Batches q = HybridQuantization.batches(inputs[0].floats(), w.batches(), perChannel());
            Weights.fillFloat(outputs[0].floats(), w.batches(), w.outH(), w.outW(), geometry.outC(),
                    (b, oy, ox, oc) -> {
                        int acc = (int) dot(geometry, q.values(), filter, -q.rows()[b].zeroPoint(), b, oy, ox, oc);
                        float v = (float) acc * (filterScales[perChannel() ? oc : 0] * q.rows()[b].scale());
                        return Activation.clamp(bias == null ? v : v + bias[oc], range);
                    });
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }

    /** int8 convolution with per-channel requantization, as TFLM's ConvPerChannel. */
    public record Int8(Geometry geometry, Weights.PerChannel quant, int[] filter, int[] bias, int[] range)
            implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] in = inputs[0].ints();
            Window w = geometry.window();
            Weights.fill(outputs[0].ints(), w.batches(), w.outH(), w.outW(), geometry.outC(), (b, oy, ox, oc) ->
                    quant.requantize(dot(geometry, in, filter, quant.inputOffset(), b, oy, ox, oc), bias, oc, range));
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }

    /**
     * 16x8 convolution (int16 activations, int8 weights), as TFLM's 16-bit ConvPerChannel: int64
     * accumulator and int64 multiply, or int32 for both when the bias is int32.
     */
    public record Int16(Geometry geometry, Weights.Requant16 quant, int[] filter, int[] range) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] in = inputs[0].ints();
            Window w = geometry.window();
            Weights.fill(outputs[0].ints(), w.batches(), w.outH(), w.outW(), geometry.outC(), (b, oy, ox, oc) ->
                    quant.requantize(dot(geometry, in, filter, 0, b, oy, ox, oc), oc, range));
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }

    /**
     * The sum over the in-bounds taps of output element (b, oy, ox, oc) of filter * (input +
     * inputOffset), exact (int8 and int16 activations).
     */
    static long dot(Geometry g, int[] in, int[] filter, int inputOffset, int b, int oy, int ox, int oc) {
        Window w = g.window();
        int filterC = g.filterC();
        int group = oc / (g.outC() / g.groups());
        int iy0 = oy * w.strideH() - w.padH();
        int ix0 = ox * w.strideW() - w.padW();
        long acc = 0;
        for (int fy = 0; fy < w.filterH(); fy++) {
            int iy = iy0 + w.dilationH() * fy;
            if (iy < 0 || iy >= w.inH()) {
                continue;
            }
            for (int fx = 0; fx < w.filterW(); fx++) {
                int ix = ix0 + w.dilationW() * fx;
                if (ix < 0 || ix >= w.inW()) {
                    continue;
                }
                int inBase = ((b * w.inH() + iy) * w.inW() + ix) * g.inC() + group * filterC;
                int fBase = ((oc * w.filterH() + fy) * w.filterW() + fx) * filterC;
                for (int ic = 0; ic < filterC; ic++) {
                    acc += filter[fBase + ic] * (in[inBase + ic] + inputOffset);
                }
            }
        }
        return acc;
    }

    /** float32 convolution, accumulating in TFLM's order. */
    public record Float32(Geometry geometry, float[] filter, float[] bias, float[] range) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            float[] in = inputs[0].floats();
            float[] out = outputs[0].floats();
            Window w = geometry.window();
            int inC = geometry.inC();
            int outC = geometry.outC();
            int filterC = geometry.filterC();
            int perGroup = outC / geometry.groups();
            for (int b = 0; b < w.batches(); b++) {
                for (int oy = 0; oy < w.outH(); oy++) {
                    int iy0 = oy * w.strideH() - w.padH();
                    for (int ox = 0; ox < w.outW(); ox++) {
                        int ix0 = ox * w.strideW() - w.padW();
                        for (int oc = 0; oc < outC; oc++) {
                            int group = oc / perGroup;
                            float total = 0f;
                            for (int fy = 0; fy < w.filterH(); fy++) {
                                int iy = iy0 + w.dilationH() * fy;
                                for (int fx = 0; fx < w.filterW(); fx++) {
                                    int ix = ix0 + w.dilationW() * fx;
                                    if (ix < 0 || ix >= w.inW() || iy < 0 || iy >= w.inH()) {
                                        continue;
                                    }
                                    int inBase = ((b * w.inH() + iy) * w.inW() + ix) * inC + group * filterC;
                                    int fBase = ((oc * w.filterH() + fy) * w.filterW() + fx) * filterC;
                                    for (int ic = 0; ic < filterC; ic++) {
                                        total += in[inBase + ic] * filter[fBase + ic];
                                    }
                                }
                            }
                            float biasValue = bias == null ? 0f : bias[oc];
                            out[((b * w.outH() + oy) * w.outW() + ox) * outC + oc] =
                                    Activation.clamp(total + biasValue, range);
                        }
                    }
                }
            }
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }

}
