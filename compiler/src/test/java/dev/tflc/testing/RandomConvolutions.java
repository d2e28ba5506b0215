package dev.tflc.testing;

import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.GraphBuilder;
import dev.tflc.testing.RandomModels.Quant;
import dev.tflc.testing.RandomModels.Value;
import dev.tflc.testing.RandomModels.Window;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.Conv2DOptionsT;
import org.tensorflow.lite.schema.DepthwiseConv2DOptionsT;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.TensorType;
import org.tensorflow.lite.schema.TransposeConvOptionsT;

/**
 * jqwik generators of random 16x8 models (int16 activations with zero point 0, int8 symmetric
 * weights per tensor or per output channel, an int16, int32 or int64 bias or none) for CONV_2D,
 * DEPTHWISE_CONV_2D and FULLY_CONNECTED, and of TRANSPOSE_CONV in float32, int8 and 16x8, as
 * {@link RandomModels} builds its int8 ones.
 *
 * <p>int16 inputs span 2^8 to 2^15 in magnitude; output scales are chosen so that typical outputs
 * spread over thousands of steps; an int64 bias is, one time in eight, beyond int32 (up to 2^40),
 * which saturates the output but exercises the 64-bit sums. TRANSPOSE_CONV takes its output shape
 * as a constant or, at random, as an int32 graph input (fed the right shape).
 */
public final class RandomConvolutions {
    private RandomConvolutions() {
    }

    /** The bias a generated operator gets. */
    public enum Bias {
        NONE, INT16, INT32, INT64
    }

    /** Activations and weights of a TRANSPOSE_CONV. */
    public enum Precision {
        FLOAT32, INT8, INT16
    }

    /**
     * 16x8 CONV_2D: N 1..2, H and W 1..8, 1..{@code maxGroups} groups (TensorFlow Lite 2.6 has no
     * grouped CONV_2D) of 1..6 input and 1..6 output channels, kernel 1..3, stride 1..2, dilation 1..3.
     */
    public static Arbitrary<Case> conv2d16x8(int maxGroups, Bias... biases) {
        Arbitrary<int[]> shape = Combinators.combine(RandomModels.size(1, 2), RandomModels.size(1, 8),
                RandomModels.size(1, 8), RandomModels.size(1, 6)).as((n, h, w, c) -> new int[] {n, h, w, c});
        return Combinators.combine(shape, RandomModels.size(1, maxGroups), RandomModels.size(1, 6),
                        RandomModels.window(3, 2, true), RandomModels.activation(), Arbitraries.of(false, true),
                        Arbitraries.of(biases), RandomModels.seed())
                .as((nhwc, groups, groupOut, win, act, perChannel, bias, seed) -> RandomModels.single(seed,
                        (g, rnd) -> {
                    int[] in = RandomModels.fitValid(nhwc, win);
                    int filterC = in[3];
                    in[3] *= groups;
                    int cout = groups * groupOut;
                    int amplitude = 1 << (8 + rnd.nextInt(8));
                    Value x = int16Input(g, in, amplitude, rnd);
                    int[] filterShape = {cout, win.kh(), win.kw(), filterC};
                    int[] out = {in[0], win.outH(in[1]), win.outW(in[2]), cout};
                    Weights wt = weights(g, rnd, x, amplitude, filterShape, cout, 0, win.kh() * win.kw() * filterC,
                            perChannel, bias, act);
                    Value y = g.activation("conv_out", TensorType.INT16, out, wt.outQuant());
                    Conv2DOptionsT o = new Conv2DOptionsT();
                    o.setPadding(win.padding());
                    o.setStrideH(win.sh());
                    o.setStrideW(win.sw());
                    o.setDilationHFactor(win.dh());
                    o.setDilationWFactor(win.dw());
                    o.setFusedActivationFunction(act);
                    g.operator(BuiltinOperator.CONV_2D, 4, wt.inputs(x.tensor()), y.tensor(),
                            BuiltinOptions.Conv2DOptions, o);
                    g.describe("CONV_2D 16x8 in=" + x + " filter=" + RandomModels.shapeText(filterShape) + wt
                            + (groups > 1 ? " groups=" + groups : "") + " " + win + " "
                            + ActivationFunctionType.names[act] + " -> " + y);
                    return y;
                }));
    }

    /**
     * 16x8 DEPTHWISE_CONV_2D: N 1..2, H and W 1..8, C 1..4, multiplier 1..2, kernel 1..3, stride 1..2,
     * dilation 1..3.
     */
    public static Arbitrary<Case> depthwiseConv2d16x8(Bias... biases) {
        Arbitrary<int[]> shape = Combinators.combine(RandomModels.size(1, 2), RandomModels.size(1, 8),
                RandomModels.size(1, 8), RandomModels.size(1, 4)).as((n, h, w, c) -> new int[] {n, h, w, c});
        return Combinators.combine(shape, RandomModels.size(1, 2), RandomModels.window(3, 2, true),
                        RandomModels.activation(), Arbitraries.of(false, true), Arbitraries.of(biases),
                        RandomModels.seed())
                .as((nhwc, multiplier, win, act, perChannel, bias, seed) -> RandomModels.single(seed, (g, rnd) -> {
                    int[] in = RandomModels.fitValid(nhwc, win);
                    int amplitude = 1 << (8 + rnd.nextInt(8));
                    Value x = int16Input(g, in, amplitude, rnd);
                    int channels = in[3] * multiplier;
                    int[] filterShape = {1, win.kh(), win.kw(), channels};
                    int[] out = {in[0], win.outH(in[1]), win.outW(in[2]), channels};
                    Weights wt = weights(g, rnd, x, amplitude, filterShape, channels, 3, win.kh() * win.kw(),
                            perChannel, bias, act);
                    Value y = g.activation("depthwise_out", TensorType.INT16, out, wt.outQuant());
                    DepthwiseConv2DOptionsT o = win.depthwiseOptions(multiplier, act);
                    g.operator(BuiltinOperator.DEPTHWISE_CONV_2D, 5, wt.inputs(x.tensor()), y.tensor(),
                            BuiltinOptions.DepthwiseConv2DOptions, o);
                    g.describe("DEPTHWISE_CONV_2D 16x8 in=" + x + " filter=" + RandomModels.shapeText(filterShape) + wt
                            + " " + win + " " + ActivationFunctionType.names[act] + " -> " + y);
                    return y;
                }));
    }

    /** 16x8 FULLY_CONNECTED: input [1..3, 1..24], 1..8 units; per-channel weights when {@code perChannel}. */
    public static Arbitrary<Case> fullyConnected16x8(boolean perChannel, Bias... biases) {
        return Combinators.combine(RandomModels.size(1, 3), RandomModels.size(1, 24), RandomModels.size(1, 8),
                        RandomModels.activation(), Arbitraries.of(false, perChannel), Arbitraries.of(biases),
                        RandomModels.seed())
                .as((batches, depth, units, act, channelwise, bias, seed) -> RandomModels.single(seed, (g, rnd) -> {
                    int amplitude = 1 << (8 + rnd.nextInt(8));
                    Value x = int16Input(g, new int[] {batches, depth}, amplitude, rnd);
                    int[] filterShape = {units, depth};
                    Weights wt = weights(g, rnd, x, amplitude, filterShape, units, 0, depth, channelwise, bias, act);
                    Value y = g.activation("fc_out", TensorType.INT16, new int[] {batches, units}, wt.outQuant());
                    FullyConnectedOptionsT o = new FullyConnectedOptionsT();
                    o.setFusedActivationFunction(act);
                    g.operator(BuiltinOperator.FULLY_CONNECTED, 7, wt.inputs(x.tensor()), y.tensor(),
                            BuiltinOptions.FullyConnectedOptions, o);
                    g.describe("FULLY_CONNECTED 16x8 in=" + x + " weights=" + RandomModels.shapeText(filterShape) + wt
                            + " " + ActivationFunctionType.names[act] + " -> " + y);
                    return y;
                }));
    }

    /**
     * TRANSPOSE_CONV: input N 1..2, H and W 1..5, Cin 1..4; Cout 1..4, kernel 1..4, stride 1..3,
     * SAME or VALID, an output size the padding maps back onto the input size; the 16x8 bias int16
     * or int64, the int8 one int32, or none. {@code forTflite26}: no fused activation and no int16
     * bias, which TensorFlow Lite 2.6 does not have for this operator.
     */
    public static Arbitrary<Case> transposeConv(boolean forTflite26, Precision... precisions) {
        Arbitrary<int[]> shape = Combinators.combine(RandomModels.size(1, 2), RandomModels.size(1, 5),
                RandomModels.size(1, 5), RandomModels.size(1, 4)).as((n, h, w, c) -> new int[] {n, h, w, c});
        Arbitrary<int[]> kernel = Combinators.combine(RandomModels.size(1, 4), RandomModels.size(1, 4),
                RandomModels.size(1, 3), RandomModels.size(1, 3)).as((kh, kw, sh, sw) -> new int[] {kh, kw, sh, sw});
        Arbitrary<Byte> act = forTflite26 ? Arbitraries.just(ActivationFunctionType.NONE) : RandomModels.activation();
        return Combinators.combine(shape, RandomModels.size(1, 4), kernel, Arbitraries.of(Padding.SAME, Padding.VALID),
                        act, Arbitraries.of(precisions), Arbitraries.of(false, true), RandomModels.seed())
                .as((in, cout, k, padding, activation, precision, perChannel, seed) -> RandomModels.single(seed,
                        (g, rnd) -> transposeConv(g, rnd, in, cout, k, padding, activation, precision, perChannel,
                                forTflite26)));
    }

    private static Value transposeConv(GraphBuilder g, Random rnd, int[] in, int cout, int[] k, byte padding,
            byte act, Precision precision, boolean perChannel, boolean forTflite26) {
        int[] out = {in[0], outSize(rnd, in[1], k[0], k[2], padding), outSize(rnd, in[2], k[1], k[3], padding), cout};
        boolean shapeInput = rnd.nextBoolean();
        int amplitude = 1 << (8 + rnd.nextInt(8));
        int shape = shapeInput
                ? g.graphInput(TensorType.INT32, new int[] {4}, null, RandomModels.int32Bytes(out)).tensor()
                : g.constant("output_shape", TensorType.INT32, new int[] {4}, null, RandomModels.int32Bytes(out));
        Value x = switch (precision) {
            case FLOAT32 -> g.floatInput(in, rnd, -1f, 1f);
            case INT8 -> g.int8Input(in, new Quant(RandomModels.randomScale(rnd, -8, -2),
                    RandomModels.randomZeroPoint(rnd)), rnd);
            case INT16 -> int16Input(g, in, amplitude, rnd);
        };
        int[] filterShape = {cout, k[0], k[1], in[3]};
        Bias bias = switch (precision) {
            case FLOAT32 -> Bias.INT32; // a float bias (see weights)
            case INT8 -> rnd.nextInt(4) == 0 ? Bias.NONE : Bias.INT32;
            case INT16 -> new Bias[] {Bias.NONE, Bias.INT64, Bias.INT16}[rnd.nextInt(forTflite26 ? 2 : 3)];
        };
        // each output element sums about (kh / sh) * (kw / sw) * Cin products
        int depth = Math.max(1, k[0] / k[2]) * Math.max(1, k[1] / k[3]) * in[3];
        Weights wt = weights(g, rnd, x, amplitude, filterShape, cout, 0, depth, perChannel, bias, act);
        Value y = g.activation("transpose_conv_out", x.type(), out, wt.outQuant());
        TransposeConvOptionsT o = new TransposeConvOptionsT();
        o.setPadding(padding);
        o.setStrideH(k[2]);
        o.setStrideW(k[3]);
        o.setFusedActivationFunction(act);
        int[] inputs = wt.inputs(x.tensor());
        int[] operands = inputs.length == 3 ? new int[] {shape, inputs[1], inputs[0], inputs[2]}
                : new int[] {shape, inputs[1], inputs[0]};
        g.operator(BuiltinOperator.TRANSPOSE_CONV, 3, operands, y.tensor(), BuiltinOptions.TransposeConvOptions, o);
        g.describe("TRANSPOSE_CONV " + precision + (shapeInput ? " shape input " : " shape ")
                + RandomModels.shapeText(out) + " in=" + x + " filter=" + RandomModels.shapeText(filterShape) + wt
                + " s" + k[2] + "x" + k[3] + " " + Padding.names[padding] + " " + ActivationFunctionType.names[act]
                + " -> " + y);
        return y;
    }

    /** An output size whose convolution with this padding has {@code in} positions. */
    private static int outSize(Random rnd, int in, int kernel, int stride, byte padding) {
        int lo = padding == Padding.SAME ? (in - 1) * stride + 1 : (in - 1) * stride + kernel;
        int hi = padding == Padding.SAME ? in * stride : (in - 1) * stride + kernel + stride - 1;
        return lo + rnd.nextInt(hi - lo + 1);
    }

    /** An int16 input with zero point 0 and values of magnitude up to {@code amplitude}. */
    static Value int16Input(GraphBuilder g, int[] shape, int amplitude, Random rnd) {
        ByteBuffer b = ByteBuffer.allocate(2 * RandomModels.elements(shape)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < RandomModels.elements(shape); i++) {
            b.putShort((short) Math.max(-32768, Math.min(32767, rnd.nextInt(2 * amplitude + 1) - amplitude)));
        }
        return g.graphInput(TensorType.INT16, shape, new Quant(RandomModels.randomScale(rnd, -14, -8), 0), b.array());
    }

    /** The filter and bias tensors of an operator, its output quantization, and a description. */
    private record Weights(int filter, int bias, Quant outQuant, String text) {
        /** The operator's inputs: x, filter and the bias when there is one. */
        int[] inputs(int x) {
            return bias < 0 ? new int[] {x, filter} : new int[] {x, filter, bias};
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * Random weights for input {@code x}: float32 and int8 as {@link RandomModels} makes them (an int8
     * bias is int32, or dropped for {@link Bias#NONE}); 16x8 int8 symmetric with per-tensor or
     * per-channel scales and a bias of the given type at scale input_scale * filter_scale, the output
     * scale (zero point 0) spreading sums of {@code depth} products over thousands of steps.
     */
    private static Weights weights(GraphBuilder g, Random rnd, Value x, int inputAmplitude, int[] filterShape,
            int channels, int dimension, int depth, boolean perChannel, Bias bias, byte activation) {
        if (x.type() != TensorType.INT16) { // float32, int8: RandomModels' weights, int8 with an int32 bias
            RandomModels.Ops.Weights w = RandomModels.Ops.weights(g, rnd, x, "transpose_conv", filterShape, channels,
                    dimension, depth, perChannel, activation);
            return new Weights(w.filter(), bias == Bias.NONE ? -1 : w.bias(), w.outQuant(),
                    w.filterQuant() == null ? ""
                            : " " + w.filterQuant() + " bias " + (bias == Bias.NONE ? "none" : "int32"));
        }
        float base = RandomModels.randomScale(rnd, -8, -2);
        Quant filterQuant = RandomModels.Ops.filterQuant(rnd, base, channels, perChannel, dimension);
        float[] scales = filterQuant.scales();
        byte[] filter = RandomModels.Ops.int8Weights(rnd, RandomModels.elements(filterShape));
        int f = g.constant("filter", TensorType.INT8, filterShape, filterQuant, filter);
        // outputs about 2^13 typical: sums of depth products of |input| ~ amplitude / sqrt(3), |weight| ~ 73
        double multiplier = 8192 / (inputAmplitude / Math.sqrt(3) * 73 * Math.sqrt(depth))
                * Math.pow(2, rnd.nextDouble() * 3 - 1.5);
        long bound = (long) (inputAmplitude * 64 * Math.sqrt(depth)) + 100;
        if (bias == Bias.INT64 && rnd.nextInt(8) == 0) {
            bound = 1L << 40;
        }
        long[] values = new long[channels];
        for (int c = 0; c < channels; c++) {
            long v = (long) ((rnd.nextDouble() * 2 - 1) * bound);
            values[c] = switch (bias) {
                case INT16 -> Math.max(-32768, Math.min(32767, v));
                case INT32 -> Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
                default -> v;
            };
        }
        int b = -1;
        if (bias != Bias.NONE) {
            float[] biasScales = new float[scales.length];
            for (int c = 0; c < scales.length; c++) {
                biasScales[c] = x.quant().scale() * scales[c];
            }
            Quant biasQuant = new Quant(biasScales, new long[biasScales.length], 0);
            byte type = switch (bias) {
                case INT16 -> TensorType.INT16;
                case INT32 -> TensorType.INT32;
                default -> TensorType.INT64;
            };
            b = g.constant("bias", type, new int[] {channels}, biasQuant, integers(values, bias));
        }
        Quant out = new Quant((float) (x.quant().scale() * base / multiplier), 0);
        return new Weights(f, b, out, " " + filterQuant + " bias " + bias.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Little-endian bytes of {@code values} as the bias type stores them. */
    private static byte[] integers(long[] values, Bias bias) {
        int width = bias == Bias.INT16 ? 2 : bias == Bias.INT32 ? 4 : 8;
        ByteBuffer b = ByteBuffer.allocate(values.length * width).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (width) {
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return b.array();
    }
}
