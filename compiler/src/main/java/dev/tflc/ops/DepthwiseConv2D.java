package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/** DEPTHWISE_CONV_2D: filter [1, H, W, C*M]; output channel {@code ic*M + m} reads input channel {@code ic}. */
public final class DepthwiseConv2D implements OperatorKind {
    @Override
    public String name() {
        return "DEPTHWISE_CONV_2D";
    }

    public record Geometry(Window window, int inC, int multiplier) {
        public int outC() {
            return inC * multiplier;
        }

        long macs() {
            return (long) window.batches() * window.outH() * window.outW() * outC() * window.filterH()
                    * window.filterW();
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
        if (filter.shape().dim(0) != 1) {
            throw node.error(filter, "depthwise filter " + filter.shape() + " must have 1 as its first dimension");
        }
        int inC = input.shape().dim(3);
        int outC = filter.shape().dim(3);
        if (outC % inC != 0) {
            throw node.error(filter, "filter depth " + outC + " is not a multiple of input depth " + inC);
        }
        int multiplier = outC / inC;
        int declared = node.options().getInt("depthMultiplier", multiplier);
        if (declared != multiplier && declared != 0) {
            throw node.error("depth_multiplier " + declared + " disagrees with the shapes (" + multiplier + ")");
        }
        Window w = Window.of(node, input.shape().dim(0), input.shape().dim(1), input.shape().dim(2),
                filter.shape().dim(1), filter.shape().dim(2));
        node.expectShape(output, Shape.of(w.batches(), w.outH(), w.outW(), outC));
        Geometry g = new Geometry(w, inC, multiplier);
        Activation act = Activation.of(node);
        if (input.type() == TensorType.FLOAT32 && filter.type() == TensorType.INT8) {
            return hybrid(node, g, filter, bias, output, act);
        }
        if (input.type() == TensorType.FLOAT32) {
            Weights.expectFloat(node, filter, bias, output, outC);
            return new Float32(g, Weights.floats(filter), Weights.floatBias(bias, outC), act.floatRange());
        }
        if (input.type() == TensorType.INT16) {
            Weights.Requant16 q = Weights.int16(node, input, filter, bias, output, outC, 3, false, TensorType.INT64);
            return new Int16(g, q, Weights.ints(filter), act.quantizedRange(output));
        }
        Weights.PerChannel q = Weights.int8OrInt4(node, input, filter, bias, output, outC, 3, false, true);
        return new Int8(g, q, Weights.ints(filter), Weights.intBias(bias, outC), act.quantizedRange(output));
    }

    /**
     * A hybrid DEPTHWISE_CONV_2D (float activations, int8 weights, as TensorFlow Lite's dynamic-range
     * quantization writes it; TFLM refuses it), computed as TensorFlow Lite 2.6.2's only hybrid
     * depthwise kernel, the per-channel one: a filter scale per output channel (TensorFlow Lite
     * requires as many as there are channels, on the last dimension) and a bias.
     */
    private static Kernel hybrid(Node node, Geometry g, Tensor filter, Tensor bias, Tensor output, Activation act) {
        float[] scales = Weights.hybrid(node, filter, bias, output, g.outC(), "depthwise convolution");
        if (scales.length != g.outC() || (scales.length > 1 && filter.quantization().axis() != 3)) {
            throw node.error(filter, "hybrid depthwise convolution needs one filter scale per output channel, on "
                    + "the last dimension (TensorFlow Lite's hybrid depthwise kernel is per-channel)");
        }
        if (bias == null) {
            throw node.error("hybrid depthwise convolution needs a bias (TensorFlow Lite 2.6.2 refuses it without "
                    + "one)");
        }
        return new Hybrid(g, Weights.ints(filter), scales.clone(), Weights.floatBias(bias, g.outC()),
                act.floatRange());
    }

    /**
     * Hybrid depthwise convolution, as TensorFlow Lite's EvalHybridPerChannel: each batch's input
     * quantized asymmetrically ({@link HybridQuantization#asymmetric}); the int32 sum of filter *
     * (input - zero point) over the in-bounds taps; that sum times the input scale, times the
     * channel's scale (in that order: TensorFlow Lite's kernel rounds so), plus the bias, in float,
     * clamped.
     */
    public record Hybrid(Geometry geometry, int[] filter, float[] filterScales, float[] bias, float[] range)
            implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Window w = geometry.window();
            HybridQuantization.Batches q = HybridQuantization.batches(inputs[0].floats(), w.batches(), true);
            Weights.fillFloat(outputs[0].floats(), w.batches(), w.outH(), w.outW(), geometry.outC(),
                    (b, oy, ox, oc) -> {
                        int acc = (int) dot(geometry, q.values(), filter, -q.rows()[b].zeroPoint(), b, oy, ox, oc);
                        float v = (float) acc * q.rows()[b].scale() * filterScales[oc] + bias[oc];
                        return Activation.clamp(v, range);
                    });
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }

    /** int8 depthwise convolution with per-channel requantization, as TFLM's DepthwiseConvPerChannel. */
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

    /** 16x8 depthwise convolution, as TFLM's 16-bit DepthwiseConvPerChannel (int64 accumulator, int64 bias). */
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

    /** The exact sum over the in-bounds taps of output element (b, oy, ox, oc) of filter * (input + inputOffset). */
    static long dot(Geometry g, int[] in, int[] filter, int inputOffset, int b, int oy, int ox, int oc) {
        Window w = g.window();
        int ic = oc / g.multiplier();
        int outC = g.outC();
        int iy0 = oy * w.strideH() - w.padH();
        int ix0 = ox * w.strideW() - w.padW();
        long acc = 0;
        for (int fy = 0; fy < w.filterH(); fy++) {
            int iy = iy0 + w.dilationH() * fy;
            for (int fx = 0; fx < w.filterW(); fx++) {
                int ix = ix0 + w.dilationW() * fx;
                if (ix >= 0 && ix < w.inW() && iy >= 0 && iy < w.inH()) {
                    int iv = in[((b * w.inH() + iy) * w.inW() + ix) * g.inC() + ic];
                    acc += filter[(fy * w.filterW() + fx) * outC + oc] * (iv + inputOffset);
                }
            }
        }
        return acc;
    }

    /** float32 depthwise convolution. */
    public record Float32(Geometry geometry, float[] filter, float[] bias, float[] range) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            float[] in = inputs[0].floats();
            float[] out = outputs[0].floats();
            Window w = geometry.window();
            int inC = geometry.inC();
            int outC = geometry.outC();
            int m = geometry.multiplier();
            for (int b = 0; b < w.batches(); b++) {
                for (int oy = 0; oy < w.outH(); oy++) {
                    for (int ox = 0; ox < w.outW(); ox++) {
                        for (int ic = 0; ic < inC; ic++) {
                            for (int k = 0; k < m; k++) {
                                int oc = k + ic * m;
                                int iy0 = oy * w.strideH() - w.padH();
                                int ix0 = ox * w.strideW() - w.padW();
                                float total = 0f;
                                for (int fy = 0; fy < w.filterH(); fy++) {
                                    int iy = iy0 + w.dilationH() * fy;
                                    for (int fx = 0; fx < w.filterW(); fx++) {
                                        int ix = ix0 + w.dilationW() * fx;
                                        if (ix >= 0 && ix < w.inW() && iy >= 0 && iy < w.inH()) {
                                            float iv = in[((b * w.inH() + iy) * w.inW() + ix) * inC + ic];
                                            float fv = filter[(fy * w.filterW() + fx) * outC + oc];
                                            total += iv * fv;
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
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }
}
