package dev.tflc.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.tensorflow.lite.schema.AbsOptionsT;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.AddOptionsT;
import org.tensorflow.lite.schema.ArgMaxOptionsT;
import org.tensorflow.lite.schema.ArgMinOptionsT;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.ConcatenationOptionsT;
import org.tensorflow.lite.schema.Conv2DOptionsT;
import org.tensorflow.lite.schema.DepthwiseConv2DOptionsT;
import org.tensorflow.lite.schema.DequantizeOptionsT;
import org.tensorflow.lite.schema.DivOptionsT;
import org.tensorflow.lite.schema.ExpOptionsT;
import org.tensorflow.lite.schema.ExpandDimsOptionsT;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.HardSwishOptionsT;
import org.tensorflow.lite.schema.LeakyReluOptionsT;
import org.tensorflow.lite.schema.MaximumMinimumOptionsT;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.MulOptionsT;
import org.tensorflow.lite.schema.NegOptionsT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.PadOptionsT;
import org.tensorflow.lite.schema.PadV2OptionsT;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.Pool2DOptionsT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.QuantizeOptionsT;
import org.tensorflow.lite.schema.ReducerOptionsT;
import org.tensorflow.lite.schema.ReshapeOptionsT;
import org.tensorflow.lite.schema.ResizeBilinearOptionsT;
import org.tensorflow.lite.schema.ResizeNearestNeighborOptionsT;
import org.tensorflow.lite.schema.SliceOptionsT;
import org.tensorflow.lite.schema.SoftmaxOptionsT;
import org.tensorflow.lite.schema.SquaredDifferenceOptionsT;
import org.tensorflow.lite.schema.SqueezeOptionsT;
import org.tensorflow.lite.schema.StridedSliceOptionsT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.SubOptionsT;
import org.tensorflow.lite.schema.SVDFOptionsT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;
import org.tensorflow.lite.schema.TransposeOptionsT;

/**
 * jqwik generators of random {@code .tflite} models, built with the schema's object API, each with
 * random input bytes: one {@link Arbitrary} per operator (float32 and int8 variants, per-channel int8
 * weights where the operator has them) and small int8 graphs of several operators.
 *
 * <p>Quantization follows what the TFLite converter writes and TensorFlow Lite 2.6 accepts: int8
 * activations with a scale and zero point per tensor; int8 weights in [-127, 127] with zero point 0,
 * per tensor or per output channel (quantized_dimension 0 for CONV_2D and FULLY_CONNECTED, 3 for the
 * DEPTHWISE_CONV_2D filter [1, H, W, C*M]); int32 bias with scale input_scale * filter_scale[c] and
 * zero point 0; pooling, RESHAPE outputs quantized as their input; SOFTMAX output 1/256, -128.
 * Output scales of the multiply-accumulate operators and ADD are chosen so that typical outputs
 * spread over tens of quantization steps rather than saturate, and narrowed to a fused activation's
 * range as calibration would (e.g. RELU6: zero point -128, scale at most 6/255).
 *
 * <p>Structural choices (shapes, kernel, stride, padding, dilation, activation, precision) come from
 * jqwik and shrink toward small values; weights, scales and input data come from a seeded
 * {@link Random}, so every case is reproducible from its jqwik seed.
 */
public final class RandomModels {
    private RandomModels() {
    }

    /** One generated model, the raw bytes of each input in input order, and the byte size of each output. */
    public record Case(String description, byte[] model, List<byte[]> inputs, List<Integer> outputBytes) {
        public Case {
            inputs = List.copyOf(inputs);
            outputBytes = List.copyOf(outputBytes);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** Element type and weight quantization of an operator's variant. */
    public enum Precision {
        FLOAT32, INT8, INT8_PER_CHANNEL,
        /** 16-bit activations (16x8 quantization): int16 tensors with zero point 0, as the converter writes them. */
        INT16;

        /** The precisions of the operators with weights (int16 ones are requested by name). */
        static final Precision[] WITH_WEIGHTS = {FLOAT32, INT8, INT8_PER_CHANNEL};

        boolean quantized() {
            return this != FLOAT32;
        }
    }

    // ---------------------------------------------------------------- single operators
    //
    // Each operator's precision is one more combined parameter (not a oneOf of per-precision
    // generators), so that jqwik's edge cases (smallest shapes, seed 0, ...) spread over all variants.

    /** CONV_2D in all three precisions. */
    public static Arbitrary<Case> conv2d() {
        return conv2d(precisions(Precision.WITH_WEIGHTS));
    }

    public static Arbitrary<Case> conv2d(Precision precision) {
        return conv2d(Arbitraries.just(precision));
    }

    /** CONV_2D: N 1..3, H and W 1..10, Cin and Cout 1..8, kernel 1..4, stride 1..3, dilation 1..3, SAME/VALID. */
    private static Arbitrary<Case> conv2d(Arbitrary<Precision> precisions) {
        Arbitrary<int[]> shape = Combinators.combine(size(1, 3), size(1, 10), size(1, 10), size(1, 8))
                .as((n, h, w, c) -> new int[] {n, h, w, c});
        return Combinators.combine(shape, size(1, 8), window(4, 3, true), activation(), seed(), precisions)
                .as((in, cout, win, act, seed, precision) -> single(seed, (g, rnd) -> {
                    Value x = g.input(precision, fitValid(in, win), rnd);
                    return Ops.conv2d(g, rnd, x, new ConvSpec(cout, win, act, precision == Precision.INT8_PER_CHANNEL));
                }));
    }

    /**
     * Hybrid CONV_2D (float activations, int8 weights with one scale and zero point 0, float bias, as
     * TensorFlow Lite's dynamic-range quantization writes it): N 1..3, H and W 1..10, C 1..8, 1..8
     * output channels, kernel 1..4, stride 1..3, no dilation, any fused activation; one input in eight
     * all zeros (the quantizer's scale-1 case).
     */
    public static Arbitrary<Case> hybridConv2d() {
        return hybridConv2d(false);
    }

    /**
     * As {@link #hybridConv2d()} with a scale per output channel (2..8 of them, each its own), which
     * TensorFlow Lite runs with its per-channel hybrid kernel (asymmetric input quantization); the
     * input range is off centre (and one in eight all zeros) so that the zero points vary.
     */
    public static Arbitrary<Case> hybridConv2dPerChannel() {
        return hybridConv2d(true);
    }

    private static Arbitrary<Case> hybridConv2d(boolean perChannel) {
        Arbitrary<int[]> shape = Combinators.combine(size(1, 3), size(1, 10), size(1, 10), size(1, 8))
                .as((n, h, w, c) -> new int[] {n, h, w, c});
        return Combinators.combine(shape, size(perChannel ? 2 : 1, 8), window(4, 3, false), activation(), seed())
                .as((in, cout, win, act, seed) -> single(seed, (g, rnd) -> {
                    int[] nhwc = fitValid(in, win);
                    Value x = hybridInput(g, rnd, nhwc, perChannel);
                    int[] filterShape = {cout, win.kh(), win.kw(), nhwc[3]};
                    Quant q = hybridWeightQuant(rnd, perChannel ? cout : 1);
                    int f = g.constant("hybrid_filter", TensorType.INT8, filterShape, q, hybridWeights(rnd, filterShape));
                    int b = g.constant("hybrid_bias", TensorType.FLOAT32, new int[] {cout}, null,
                            float32Bytes(hybridBias(rnd, cout)));
                    int[] out = {nhwc[0], win.outH(nhwc[1]), win.outW(nhwc[2]), cout};
                    Value y = g.activation("conv_out", TensorType.FLOAT32, out, null);
                    Conv2DOptionsT o = new Conv2DOptionsT();
                    o.setPadding(win.padding());
                    o.setStrideH(win.sh());
                    o.setStrideW(win.sw());
                    o.setDilationHFactor(1);
                    o.setDilationWFactor(1);
                    o.setFusedActivationFunction(act);
                    g.operator(BuiltinOperator.CONV_2D, perChannel ? 5 : 2, new int[] {x.tensor(), f, b}, y.tensor(),
                            BuiltinOptions.Conv2DOptions, o);
                    g.describe("CONV_2D hybrid in=" + x + " filter=" + shapeText(filterShape) + " scales "
                            + Arrays.toString(q.scales()) + " " + win + " " + activationText(act) + " -> " + y);
                    return y;
                }));
    }

    /**
     * Hybrid FULLY_CONNECTED (float activations, int8 weights with one scale and zero point 0, float
     * bias or none): input rank 2..4 (outer dims 1..4), depth 1..32, 1..16 units, keep_num_dims and
     * asymmetric_quantize_inputs each true or false, any fused activation; the input off centre, or
     * (one in eight) all zeros.
     */
    public static Arbitrary<Case> hybridFullyConnected() {
        Arbitrary<int[]> outer = size(1, 4).array(int[].class).ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(outer, size(1, 32), size(1, 16), Arbitraries.of(false, true),
                        Arbitraries.of(false, true), Arbitraries.of(false, true), activation(), seed())
                .as((dims, depth, units, keepNumDims, asymmetric, withBias, act, seed) -> single(seed, (g, rnd) -> {
                    int[] in = Arrays.copyOf(dims, dims.length + 1);
                    in[dims.length] = depth;
                    Value x = hybridInput(g, rnd, in, true);
                    int[] weightShape = {units, depth};
                    Quant q = hybridWeightQuant(rnd, 1);
                    int w = g.constant("hybrid_weights", TensorType.INT8, weightShape, q, hybridWeights(rnd, weightShape));
                    int b = withBias ? g.constant("hybrid_bias", TensorType.FLOAT32, new int[] {units}, null,
                            float32Bytes(hybridBias(rnd, units))) : -1;
                    int[] out;
                    if (keepNumDims) {
                        out = in.clone();
                        out[out.length - 1] = units;
                    } else {
                        out = new int[] {elements(in) / depth, units};
                    }
                    Value y = g.activation("fc_out", TensorType.FLOAT32, out, null);
                    FullyConnectedOptionsT o = new FullyConnectedOptionsT();
                    o.setFusedActivationFunction(act);
                    o.setKeepNumDims(keepNumDims);
                    o.setAsymmetricQuantizeInputs(asymmetric);
                    g.operator(BuiltinOperator.FULLY_CONNECTED, 9, new int[] {x.tensor(), w, b},
                            y.tensor(), BuiltinOptions.FullyConnectedOptions, o);
                    g.describe("FULLY_CONNECTED hybrid in=" + x + " weights=" + shapeText(weightShape) + " scale "
                            + q.scale() + " bias " + withBias + " keep_num_dims=" + keepNumDims + " asymmetric="
                            + asymmetric + " " + activationText(act) + " -> " + y);
                    return y;
                }));
    }

    /**
     * Hybrid DEPTHWISE_CONV_2D (float activations, int8 weights with a scale per output channel on
     * the last dimension, float bias: TensorFlow Lite's only hybrid depthwise form): N 1..3, H and W
     * 1..10, C 1..6, depth multiplier 1..3, kernel 1..4, stride and dilation 1..3, any fused
     * activation; the input off centre, or (one in eight) all zeros.
     */
    public static Arbitrary<Case> hybridDepthwiseConv2d() {
        Arbitrary<int[]> shape = Combinators.combine(size(1, 3), size(1, 10), size(1, 10), size(1, 6))
                .as((n, h, w, c) -> new int[] {n, h, w, c});
        return Combinators.combine(shape, size(1, 3), window(4, 3, true), activation(), seed())
                .as((in, multiplier, win, act, seed) -> single(seed, (g, rnd) -> {
                    int[] nhwc = fitValid(in, win);
                    int cout = nhwc[3] * multiplier;
                    Value x = hybridInput(g, rnd, nhwc, true);
                    int[] filterShape = {1, win.kh(), win.kw(), cout};
                    Quant scales = hybridWeightQuant(rnd, cout);
                    Quant q = new Quant(scales.scales(), new long[cout], 3);
                    int f = g.constant("hybrid_filter", TensorType.INT8, filterShape, q, hybridWeights(rnd, filterShape));
                    int b = g.constant("hybrid_bias", TensorType.FLOAT32, new int[] {cout}, null,
                            float32Bytes(hybridBias(rnd, cout)));
                    int[] out = {nhwc[0], win.outH(nhwc[1]), win.outW(nhwc[2]), cout};
                    Value y = g.activation("depthwise_out", TensorType.FLOAT32, out, null);
                    DepthwiseConv2DOptionsT o = win.depthwiseOptions(multiplier, act);
                    g.operator(BuiltinOperator.DEPTHWISE_CONV_2D, 6, new int[] {x.tensor(), f, b}, y.tensor(),
                            BuiltinOptions.DepthwiseConv2DOptions, o);
                    g.describe("DEPTHWISE_CONV_2D hybrid in=" + x + " multiplier=" + multiplier + " filter="
                            + shapeText(filterShape) + " scales " + Arrays.toString(q.scales()) + " " + win + " "
                            + activationText(act) + " -> " + y);
                    return y;
                }));
    }

    /**
     * A float input for a hybrid operator: amplitude 2^-3..2^2 around 0, or (offCentre) around a
     * centre up to the amplitude away; one in eight all zeros.
     */
    private static Value hybridInput(GraphBuilder g, Random rnd, int[] shape, boolean offCentre) {
        float amplitude = rnd.nextInt(8) == 0 ? 0f : (float) Math.scalb(1.0, rnd.nextInt(6) - 3);
        float centre = offCentre ? amplitude * (2 * rnd.nextFloat() - 1) : 0f;
        return g.floatInput(shape, rnd, centre - amplitude, centre + amplitude);
    }

    /** Symmetric int8 weight scales (zero points 0), {@code count} different ones. */
    private static Quant hybridWeightQuant(Random rnd, int count) {
        float[] scales = new float[count];
        for (int i = 0; i < count; i++) {
            scales[i] = randomScale(rnd, -9, -5);
        }
        return count == 1 ? new Quant(scales[0], 0) : new Quant(scales, new long[count], 0);
    }

    /** int8 weights in [-127, 127]. */
    private static byte[] hybridWeights(Random rnd, int[] shape) {
        byte[] w = new byte[elements(shape)];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (rnd.nextInt(255) - 127);
        }
        return w;
    }

    private static float[] hybridBias(Random rnd, int n) {
        float[] bias = new float[n];
        for (int i = 0; i < n; i++) {
            bias[i] = rnd.nextFloat() - 0.5f;
        }
        return bias;
    }

    /**
     * Grouped CONV_2D in all three precisions, which TensorFlow Lite 2.6 has no kernel for: N 1..3,
     * H and W 1..8, 2..4 groups of 1..3 input and 1..3 output channels each, kernel 1..3, stride
     * 1..2, dilation 1..3, SAME/VALID.
     */
    public static Arbitrary<Case> groupedConv2d() {
        Arbitrary<int[]> shape = Combinators.combine(size(1, 3), size(1, 8), size(1, 8))
                .as((n, h, w) -> new int[] {n, h, w, 1});
        return Combinators.combine(shape, size(2, 4), size(1, 3), size(1, 3), window(3, 2, true), activation(), seed(),
                        precisions(Precision.WITH_WEIGHTS))
                .as((in, groups, groupIn, groupOut, win, act, seed, precision) -> single(seed, (g, rnd) -> {
                    int[] nhwc = fitValid(in, win);
                    nhwc[3] = groups * groupIn;
                    Value x = g.input(precision, nhwc, rnd);
                    return Ops.conv2d(g, rnd, x, new ConvSpec(groups * groupOut, win, act,
                            precision == Precision.INT8_PER_CHANNEL, groups));
                }));
    }

    /** DEPTHWISE_CONV_2D in all three precisions. */
    public static Arbitrary<Case> depthwiseConv2d() {
        return depthwiseConv2d(precisions(Precision.WITH_WEIGHTS));
    }

    public static Arbitrary<Case> depthwiseConv2d(Precision precision) {
        return depthwiseConv2d(Arbitraries.just(precision));
    }

    /** DEPTHWISE_CONV_2D: N 1..3, H and W 1..10, C 1..6, depth multiplier 1..3, kernel 1..4, stride and dilation 1..3. */
    private static Arbitrary<Case> depthwiseConv2d(Arbitrary<Precision> precisions) {
        Arbitrary<int[]> shape = Combinators.combine(size(1, 3), size(1, 10), size(1, 10), size(1, 6))
                .as((n, h, w, c) -> new int[] {n, h, w, c});
        return Combinators.combine(shape, size(1, 3), window(4, 3, true), activation(), seed(), precisions)
                .as((in, multiplier, win, act, seed, precision) -> single(seed, (g, rnd) -> {
                    Value x = g.input(precision, fitValid(in, win), rnd);
                    return Ops.depthwiseConv2d(g, rnd, x,
                            new DepthwiseSpec(multiplier, win, act, precision == Precision.INT8_PER_CHANNEL));
                }));
    }

    /**
     * Int8 DEPTHWISE_CONV_2D (multiplier 1) over rows wide enough for pixels side by side whose windows
     * lie inside the input, as the MVE path pairs them: N 1..2, H 1..8, W 2..12, C a multiple of 4
     * (4..24), any window (kernel 1..4, stride and dilation 1..3, SAME or VALID), per tensor or per
     * channel, any fused activation.
     */
    public static Arbitrary<Case> depthwiseRows() {
        Arbitrary<int[]> shape = Combinators.combine(size(1, 2), size(1, 8), size(2, 12), size(1, 6))
                .as((n, h, w, c) -> new int[] {n, h, w, 4 * c});
        return Combinators.combine(shape, window(4, 3, true), activation(), seed(),
                precisions(Precision.INT8, Precision.INT8_PER_CHANNEL))
                .as(RandomModels::int8Depthwise);
    }

    /** One int8 DEPTHWISE_CONV_2D of multiplier 1 over an input of shape {@code in} (made to fit a VALID window). */
    private static Case int8Depthwise(int[] in, Window win, byte act, long seed, Precision precision) {
        return single(seed, (g, rnd) -> Ops.depthwiseConv2d(g, rnd, g.input(precision, fitValid(in, win), rnd),
                new DepthwiseSpec(1, win, act, precision == Precision.INT8_PER_CHANNEL)));
    }

    /**
     * The layers kernel sets specialise, at sizes that reach blocked loops and their leftovers: int8
     * (per tensor or per channel) 1x1 CONV_2D (N 1..2, H and W 1..8, Cin and Cout 1..24, stride
     * 1..2) and 3x3 DEPTHWISE_CONV_2D with multiplier 1 (C 1..24, stride and dilation 1..2,
     * SAME/VALID).
     */
    public static Arbitrary<Case> int8FastPathLayers() {
        Arbitrary<int[]> shape = Combinators.combine(size(1, 2), size(1, 8), size(1, 8), size(1, 24))
                .as((n, h, w, c) -> new int[] {n, h, w, c});
        Arbitrary<Precision> int8 = precisions(Precision.INT8, Precision.INT8_PER_CHANNEL);
        Arbitrary<Window> threeByThree = Combinators.combine(size(1, 2), size(1, 2), size(1, 2), size(1, 2),
                Arbitraries.of(Padding.SAME, Padding.VALID))
                .as((sh, sw, dh, dw, padding) -> new Window(3, 3, sh, sw, dh, dw, padding));
        Arbitrary<Case> conv = pointwiseConv2d(shape, int8);
        Arbitrary<Case> depthwise = Combinators.combine(shape, threeByThree, activation(), seed(), int8)
                .as(RandomModels::int8Depthwise);
        return Arbitraries.oneOf(List.of(conv, depthwise));
    }

    /**
     * 1x1 CONV_2D (stride 1..2) in float32 at sizes that reach the optimized kernel set's blocks of 4
     * output channels and pairs of pixels, and their leftovers.
     */
    public static Arbitrary<Case> float32PointwiseConv2d() {
        Arbitrary<int[]> shape = Combinators.combine(size(1, 2), size(1, 6), size(1, 6), size(1, 24))
                .as((n, h, w, c) -> new int[] {n, h, w, c});
        return pointwiseConv2d(shape, Arbitraries.just(Precision.FLOAT32));
    }

    /** 1x1 CONV_2D of 1..24 output channels, stride 1..2, SAME or VALID (both without padding). */
    private static Arbitrary<Case> pointwiseConv2d(Arbitrary<int[]> shape, Arbitrary<Precision> precisions) {
        Arbitrary<Window> pointwise = Combinators.combine(size(1, 2), size(1, 2), Arbitraries.of(Padding.SAME,
                Padding.VALID)).as((sh, sw, padding) -> new Window(1, 1, sh, sw, 1, 1, padding));
        return Combinators.combine(shape, size(1, 24), pointwise, activation(), seed(), precisions)
                .as((in, cout, win, act, seed, precision) -> single(seed, (g, rnd) -> Ops.conv2d(g, rnd,
                        g.input(precision, in, rnd),
                        new ConvSpec(cout, win, act, precision == Precision.INT8_PER_CHANNEL))));
    }

    /**
     * FULLY_CONNECTED in float32 and per-tensor int8. TensorFlow Lite 2.6 has no per-channel
     * FULLY_CONNECTED (it runs such a model but ignores the per-channel scales, so {@link TfliteOracle}
     * refuses it); {@code fullyConnected(INT8_PER_CHANNEL)} builds them for engines that have it.
     */
    public static Arbitrary<Case> fullyConnected() {
        return fullyConnected(plain());
    }

    public static Arbitrary<Case> fullyConnected(Precision precision) {
        return fullyConnected(Arbitraries.just(precision));
    }

    /**
     * FULLY_CONNECTED: input rank 2..4 (outer dims 1..4), depth 1..32, 1..16 units, keep_num_dims
     * true or false; without keep_num_dims the depth may also span all input dims after the first
     * (the operator flattens).
     */
    private static Arbitrary<Case> fullyConnected(Arbitrary<Precision> precisions) {
        Arbitrary<int[]> outer = size(1, 4).array(int[].class).ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(outer, size(1, 32), size(1, 16), Arbitraries.of(false, true),
                        Arbitraries.of(false, true), activation(), seed(), precisions)
                .as((dims, depth, units, keepNumDims, flatten, act, seed, precision) -> single(seed, (g, rnd) -> {
                    int[] in = Arrays.copyOf(dims, dims.length + 1);
                    in[dims.length] = depth;
                    Value x = g.input(precision, in, rnd);
                    boolean spans = flatten && !keepNumDims && in.length > 2;
                    return Ops.fullyConnected(g, rnd, x, new FcSpec(units, keepNumDims, spans, act,
                            precision == Precision.INT8_PER_CHANNEL));
                }));
    }

    /** One int8 FULLY_CONNECTED of a given input shape (its last dimension the depth), units and seed. */
    public static Case fullyConnected(int[] in, int units, boolean keepNumDims, long seed) {
        return single(seed, (g, rnd) -> Ops.fullyConnected(g, rnd, g.input(Precision.INT8, in, rnd),
                new FcSpec(units, keepNumDims, false, ActivationFunctionType.NONE, false)));
    }

    /** A 1x1 CONV_2D of {@code precision} from {@code in} to {@code outChannels}, stride 1, no activation. */
    public static Case pointwiseConv2d(Precision precision, int[] in, int outChannels, long seed) {
        return single(seed, (g, rnd) -> Ops.conv2d(g, rnd, g.input(precision, in, rnd), new ConvSpec(outChannels,
                new Window(1, 1, 1, 1, 1, 1, Padding.SAME), ActivationFunctionType.NONE, false)));
    }

    /** AVERAGE_POOL_2D, float32 and int8. */
    public static Arbitrary<Case> averagePool2d() {
        return pool2d(BuiltinOperator.AVERAGE_POOL_2D, plain());
    }

    public static Arbitrary<Case> averagePool2d(Precision precision) {
        return pool2d(BuiltinOperator.AVERAGE_POOL_2D, only(precision));
    }

    /** MAX_POOL_2D, float32 and int8. */
    public static Arbitrary<Case> maxPool2d() {
        return pool2d(BuiltinOperator.MAX_POOL_2D, plain());
    }

    public static Arbitrary<Case> maxPool2d(Precision precision) {
        return pool2d(BuiltinOperator.MAX_POOL_2D, only(precision));
    }

    /** Pooling: N 1..3, H and W 1..10, C 1..8, filter 1..4, stride 1..3, SAME/VALID. */
    private static Arbitrary<Case> pool2d(int kind, Arbitrary<Precision> precisions) {
        Arbitrary<int[]> shape = Combinators.combine(size(1, 3), size(1, 10), size(1, 10), size(1, 8))
                .as((n, h, w, c) -> new int[] {n, h, w, c});
        return Combinators.combine(shape, window(4, 3, false), activation(), seed(), precisions)
                .as((in, win, act, seed, precision) -> single(seed, (g, rnd) -> {
                    Value x = g.input(precision, fitValid(in, win), rnd);
                    return Ops.pool2d(g, x, kind, win, act);
                }));
    }

    /** ADD, float32 and int8. */
    public static Arbitrary<Case> add() {
        return add(plain());
    }

    public static Arbitrary<Case> add(Precision precision) {
        return add(only(precision));
    }

    /**
     * ADD of two graph inputs whose shapes broadcast to an output of rank 1..4 (dims 1..5): either
     * input may have lower rank or size-1 dims.
     */
    private static Arbitrary<Case> add(Arbitrary<Precision> precisions) {
        Arbitrary<int[]> out = size(1, 5).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(out, size(0, 3), size(0, 3), size(0, 15), size(0, 15), activation(), seed(), precisions)
                .as((shape, dropA, dropB, maskA, maskB, act, seed, precision) -> single(seed, (g, rnd) -> {
                    int[][] ab = broadcastPair(shape, dropA, dropB, maskA, maskB);
                    Value a = g.input(precision, ab[0], rnd);
                    Value b = g.input(precision, ab[1], rnd);
                    return Ops.add(g, rnd, a, b, act);
                }));
    }

    /** RESHAPE, float32 and int8. */
    public static Arbitrary<Case> reshape() {
        return reshape(plain());
    }

    public static Arbitrary<Case> reshape(Precision precision) {
        return reshape(only(precision));
    }

    /**
     * RESHAPE from rank 1..4 (dims 1..6) to another factorization of rank 1..4, given by the
     * new_shape option or by a constant int32 shape input (with or without the option too), at times
     * with one -1 dimension.
     */
    private static Arbitrary<Case> reshape(Arbitrary<Precision> precisions) {
        Arbitrary<int[]> in = size(1, 6).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(in, size(1, 4), Arbitraries.of(ReshapeForm.values()), Arbitraries.of(false, true),
                        seed(), precisions)
                .as((shape, rank, form, minusOne, seed, precision) -> single(seed, (g, rnd) -> {
                    Value x = g.input(precision, shape, rnd);
                    int[] target = factorize(elements(shape), rank, rnd);
                    return Ops.reshape(g, rnd, x, target, form, minusOne);
                }));
    }

    /** SOFTMAX, int8 input and int16 output (scale 1/65536, zero point -32768); shapes, beta as {@link #softmax()}. */
    public static Arbitrary<Case> softmaxToInt16() {
        Arbitrary<int[]> outer = size(1, 4).array(int[].class).ofMinSize(0).ofMaxSize(3);
        Arbitrary<Float> beta = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(1.0f)),
                Tuple.of(3, Arbitraries.floats().between(0.1f, 3.0f).ofScale(3)));
        return Combinators.combine(outer, size(1, 16), beta, seed())
                .as((dims, depth, b, seed) -> single(seed, (g, rnd) -> {
                    int[] in = Arrays.copyOf(dims, dims.length + 1);
                    in[dims.length] = depth;
                    Value x = g.int8Input(in, new Quant(randomScale(rnd, -6, -1), randomZeroPoint(rnd)), rnd);
                    return Ops.softmax(g, x, b, TensorType.INT16);
                }));
    }

    /**
     * SOFTMAX, int16 in (zero point 0) and out (scale 1/32768, zero point 0): rank 1..4, the last dim
     * 1..16 or now and then up to 300; beta 1.0, in [0.1, 3] or in [0.01, 10]; input scale 2^-16..2^-4
     * (at most 0.25, so that scale times beta stays where TFLM's rescaling holds in int32), the values
     * uniform over a random span of 2^4..2^15 around zero, so that rows range from nearly uniform to
     * one-hot.
     */
    public static Arbitrary<Case> softmaxInt16() {
        Arbitrary<int[]> outer = size(1, 4).array(int[].class).ofMinSize(0).ofMaxSize(3);
        Arbitrary<Integer> depth = Arbitraries.frequencyOf(Tuple.of(5, size(1, 16)), Tuple.of(1, size(17, 300)));
        Arbitrary<Float> beta = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(1.0f)),
                Tuple.of(2, Arbitraries.floats().between(0.1f, 3.0f).ofScale(3)),
                Tuple.of(1, Arbitraries.floats().between(0.01f, 10.0f).ofScale(3)));
        return Combinators.combine(outer, depth, beta, seed())
                .as((dims, d, b, seed) -> single(seed, (g, rnd) -> {
                    int[] in = Arrays.copyOf(dims, dims.length + 1);
                    in[dims.length] = d;
                    int span = 1 << (4 + rnd.nextInt(12));
                    ByteBuffer data = ByteBuffer.allocate(2 * elements(in)).order(ByteOrder.LITTLE_ENDIAN);
                    while (data.hasRemaining()) {
                        data.putShort((short) (rnd.nextInt(2 * span) - span));
                    }
                    Value x = g.graphInput(TensorType.INT16, in, new Quant(randomScale(rnd, -16, -3), 0),
                            data.array());
                    return Ops.softmax(g, x, b, TensorType.INT16);
                }));
    }

    /** SOFTMAX, float32 and int8. */
    public static Arbitrary<Case> softmax() {
        return softmax(plain());
    }

    public static Arbitrary<Case> softmax(Precision precision) {
        return softmax(only(precision));
    }

    /**
     * SOFTMAX over the last dim (1..16) of a rank 1..4 input; beta 1.0 or random in [0.1, 3]; int8
     * input scale 2^-6..2^-1 (logit-like ranges), float input in [-4, 4].
     */
    private static Arbitrary<Case> softmax(Arbitrary<Precision> precisions) {
        Arbitrary<int[]> outer = size(1, 4).array(int[].class).ofMinSize(0).ofMaxSize(3);
        Arbitrary<Float> beta = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(1.0f)),
                Tuple.of(3, Arbitraries.floats().between(0.1f, 3.0f).ofScale(3)));
        return Combinators.combine(outer, size(1, 16), beta, seed(), precisions)
                .as((dims, depth, b, seed, precision) -> single(seed, (g, rnd) -> {
                    int[] in = Arrays.copyOf(dims, dims.length + 1);
                    in[dims.length] = depth;
                    Value x = precision == Precision.FLOAT32
                            ? g.floatInput(in, rnd, -4f, 4f)
                            : g.int8Input(in, new Quant(randomScale(rnd, -6, -1), randomZeroPoint(rnd)), rnd);
                    return Ops.softmax(g, x, b);
                }));
    }

    /** QUANTIZE float32 -> int8 and int8 -> int8 (requantize). */
    public static Arbitrary<Case> quantize() {
        return Arbitraries.oneOf(List.of(quantizeFromFloat(), requantize()));
    }

    /** QUANTIZE float32 -> int8. */
    public static Arbitrary<Case> quantizeFromFloat() {
        return quantize(TensorType.FLOAT32, TensorType.INT8);
    }

    /** QUANTIZE int8 -> int8: requantize to another scale (input scale 1/4..4 times the output's) and zero point. */
    public static Arbitrary<Case> requantize() {
        return quantize(TensorType.INT8, TensorType.INT8);
    }

    /** DEQUANTIZE int8 -> float32 over a rank 1..4 shape (dims 1..6). */
    public static Arbitrary<Case> dequantize() {
        return dequantize(TensorType.INT8);
    }

    /**
     * QUANTIZE from {@code inType} (FLOAT32, INT8 or INT16) to {@code outType} (INT8, INT16 or INT32)
     * over a rank 1..4 shape (dims 1..6). int8 zero points anywhere, int16 and int32 ones mostly 0 (as
     * converters write them) else small; float inputs reach 16 steps beyond the output range, integer
     * inputs any value, at an input scale 1/4..4 times the output's.
     */
    public static Arbitrary<Case> quantize(byte inType, byte outType) {
        Arbitrary<int[]> shape = size(1, 6).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, seed()).as((in, seed) -> single(seed, (g, rnd) -> {
            Quant out = new Quant(randomScale(rnd, -8, -2), zeroPoint(outType, rnd));
            Value x;
            if (inType == TensorType.FLOAT32) {
                double min = outType == TensorType.INT8 ? -128 : outType == TensorType.INT16 ? -32768 : -2147483648.0;
                double max = -min - 1;
                x = g.floatInput(in, rnd, (float) ((min - out.zeroPoint() - 16) * out.scale()),
                        (float) ((max - out.zeroPoint() + 16) * out.scale()));
            } else {
                float scale = (float) (out.scale() * Math.pow(2, rnd.nextDouble() * 4 - 2));
                x = integerInput(g, inType, in, new Quant(scale, zeroPoint(inType, rnd)), rnd);
            }
            return Ops.quantize(g, x, out, outType);
        }));
    }

    /** DEQUANTIZE from {@code inType} (INT8 or INT16) to float32 over a rank 1..4 shape (dims 1..6). */
    public static Arbitrary<Case> dequantize(byte inType) {
        Arbitrary<int[]> shape = size(1, 6).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, seed()).as((in, seed) -> single(seed, (g, rnd) -> {
            Value x = integerInput(g, inType, in, new Quant(randomScale(rnd, -8, -2), zeroPoint(inType, rnd)), rnd);
            return Ops.dequantize(g, x);
        }));
    }

    /** A zero point for {@code type}: any int8 one; for wider types 0 mostly, else within +-100. */
    private static int zeroPoint(byte type, Random rnd) {
        return type == TensorType.INT8 ? randomZeroPoint(rnd) : rnd.nextInt(4) == 0 ? rnd.nextInt(201) - 100 : 0;
    }

    /** A graph input of int8 or int16 values over the whole type's range. */
    private static Value integerInput(GraphBuilder g, byte type, int[] shape, Quant q, Random rnd) {
        return type == TensorType.INT8 ? g.int8Input(shape, q, rnd) : g.int16Input(shape, q, rnd);
    }

    /**
     * QUANTIZE with int16 on one side at least (16-bit activations, int16 zero point 0): float32 ->
     * int16 (inputs reaching 16 steps beyond the int16 range), int16 -> int8, int16 -> int16 and, if
     * {@code int8ToInt16} (which TensorFlow Lite 2.6 cannot run), int8 -> int16; requantizing with
     * an input scale 1/4..4 times the output's (in int16 steps), over a rank 1..4 shape (dims 1..6).
     */
    public static Arbitrary<Case> int16Quantize(boolean int8ToInt16) {
        Arbitrary<int[]> shape = size(1, 6).array(int[].class).ofMinSize(1).ofMaxSize(4);
        List<byte[]> pairs = new ArrayList<>(List.of(new byte[] {TensorType.FLOAT32, TensorType.INT16},
                new byte[] {TensorType.INT16, TensorType.INT8}, new byte[] {TensorType.INT16, TensorType.INT16}));
        if (int8ToInt16) {
            pairs.add(new byte[] {TensorType.INT8, TensorType.INT16});
        }
        Arbitrary<byte[]> types = Arbitraries.of(pairs);
        return Combinators.combine(shape, seed(), types)
                .as((in, seed, inOut) -> single(seed, (g, rnd) -> {
                    boolean int16Out = inOut[1] == TensorType.INT16;
                    Quant out = int16Out ? new Quant(randomScale(rnd, -16, -8), 0)
                            : new Quant(randomScale(rnd, -8, -2), randomZeroPoint(rnd));
                    float scale = (float) (out.scale() * Math.pow(2, rnd.nextDouble() * 4 - 2));
                    Value x = switch (inOut[0]) {
                        case TensorType.FLOAT32 -> g.floatInput(in, rnd, (-32768 - 16) * out.scale(),
                                (32767 + 16) * out.scale());
                        case TensorType.INT8 -> g.int8Input(in, new Quant(scale * 256, randomZeroPoint(rnd)), rnd);
                        default -> g.int16Input(in, new Quant(int16Out ? scale : scale / 256, 0), rnd);
                    };
                    return Ops.quantize(g, x, out, inOut[1]);
                }));
    }

    /** DEQUANTIZE int16 -> float32 (zero point 0) over a rank 1..4 shape (dims 1..6). */
    public static Arbitrary<Case> int16Dequantize() {
        Arbitrary<int[]> shape = size(1, 6).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, seed())
                .as((in, seed) -> single(seed, (g, rnd) -> Ops.dequantize(g,
                        g.int16Input(in, new Quant(randomScale(rnd, -16, -8), 0), rnd))));
    }

    /** Any one of the single-operator generators above, in any variant TensorFlow Lite 2.6 runs correctly. */
    public static Arbitrary<Case> singleOperator() {
        return Arbitraries.oneOf(List.of(conv2d(), depthwiseConv2d(), fullyConnected(), averagePool2d(), maxPool2d(),
                add(), reshape(), softmax(), quantize(), dequantize()));
    }

    /** Single operators with int8 inputs and outputs only (requantize for QUANTIZE; no DEQUANTIZE). */
    public static Arbitrary<Case> int8SingleOperator() {
        Arbitrary<Precision> int8 = precisions(Precision.INT8, Precision.INT8_PER_CHANNEL);
        return Arbitraries.oneOf(List.of(
                conv2d(int8),
                depthwiseConv2d(int8),
                fullyConnected(Precision.INT8),
                averagePool2d(Precision.INT8),
                maxPool2d(Precision.INT8),
                add(Precision.INT8),
                reshape(Precision.INT8),
                softmax(Precision.INT8),
                requantize()));
    }

    // ---------------------------------------------------------------- stateful operators

    /** SVDF's element types: float32, or int8 input and output with an int16 or an int8 state and time weights. */
    public enum SvdfKind {
        FLOAT32, INT8_STATE16, INT8_STATE8
    }

    /**
     * SVDF: batches 1..2, input size 1..16, units 1..8, rank 1..2, memory 1..8, any fused activation
     * (the integer kernel ignores it, as TFLM's), the float bias present or omitted; the state is a
     * variable tensor. Not in {@link #singleOperator}: TensorFlow Lite 2.6.2 cannot run integer SVDF
     * (see TfliteOracle), and its point is the state carried over several invocations.
     */
    public static Arbitrary<Case> svdf() {
        return svdf(Arbitraries.of(SvdfKind.values()));
    }

    public static Arbitrary<Case> svdf(SvdfKind kind) {
        return svdf(Arbitraries.just(kind));
    }

    private static Arbitrary<Case> svdf(Arbitrary<SvdfKind> kinds) {
        return Combinators.combine(size(1, 2), size(1, 16), size(1, 8), size(1, 2), size(1, 8), kinds, activation(),
                        seed())
                .as((batches, inputSize, units, rank, memory, kind, act, seed) ->
                        svdf(seed, new SvdfSpec(batches, inputSize, units, rank, memory, kind, act)));
    }

    /** One SVDF model of the given sizes, weights and scales from {@code seed}. */
    public static Case svdf(long seed, SvdfSpec spec) {
        return single(seed, (g, rnd) -> Ops.svdf(g, rnd, spec));
    }

    public record SvdfSpec(int batches, int inputSize, int units, int rank, int memory, SvdfKind kind,
            byte activation) {
    }

    // ---------------------------------------------------------------- data movement and reductions

    /** PAD and PADV2, float32 and int8. */
    public static Arbitrary<Case> pad() {
        return pad(plain());
    }

    public static Arbitrary<Case> pad(Precision precision) {
        return pad(only(precision));
    }

    /**
     * PAD or PADV2 on a rank 1..4 input (dims 1..5), each dimension padded (0..3 before and after) or
     * not at random; PADV2's value is any int8 value quantized as the output, or a float in [-2, 2].
     */
    private static Arbitrary<Case> pad(Arbitrary<Precision> precisions) {
        Arbitrary<int[]> shape = size(1, 5).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, Arbitraries.of(false, true), seed(), precisions)
                .as((in, v2, seed, precision) -> single(seed, (g, rnd) -> {
                    Value x = g.input(precision, in, rnd);
                    int[][] pads = new int[in.length][2];
                    for (int[] p : pads) {
                        if (rnd.nextInt(3) > 0) {
                            p[0] = rnd.nextInt(4);
                            p[1] = rnd.nextInt(4);
                        }
                    }
                    Integer value = !v2 ? null : x.isInt8() ? rnd.nextInt(256) - 128
                            : Float.floatToIntBits(rnd.nextFloat() * 4 - 2);
                    return MovementOps.pad(g, x, pads, value);
                }));
    }

    /** MEAN, float32 and int8. */
    public static Arbitrary<Case> mean() {
        return reduce(BuiltinOperator.MEAN, plain());
    }

    public static Arbitrary<Case> mean(Precision precision) {
        return reduce(BuiltinOperator.MEAN, only(precision));
    }

    /** SUM, float32 and int8. */
    public static Arbitrary<Case> sum() {
        return reduce(BuiltinOperator.SUM, plain());
    }

    public static Arbitrary<Case> sum(Precision precision) {
        return reduce(BuiltinOperator.SUM, only(precision));
    }

    /**
     * MEAN or SUM of a rank 1..4 input (dims 1..6) over 1..rank of its axes, at times written negative
     * or twice, keep_dims or not; a quarter of them the global average pool (rank 4, axes 1 and 2,
     * keep_dims) that TFLite runs through its own kernel.
     */
    private static Arbitrary<Case> reduce(int kind, Arbitrary<Precision> precisions) {
        Arbitrary<int[]> shape = size(1, 6).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, Arbitraries.of(false, true), seed(), precisions)
                .as((in, keepDims, seed, precision) -> single(seed, (g, rnd) -> {
                    int[] dims = in;
                    boolean pool = rnd.nextInt(4) == 0;
                    if (pool) {
                        dims = new int[] {1 + rnd.nextInt(2), 1 + rnd.nextInt(6), 1 + rnd.nextInt(6),
                            1 + rnd.nextInt(6)};
                    }
                    Value x = g.input(precision, dims, rnd);
                    List<Integer> axes = new ArrayList<>();
                    if (pool) {
                        axes.addAll(rnd.nextBoolean() ? List.of(1, 2) : List.of(2, 1));
                    } else {
                        for (int d = 0; d < dims.length; d++) {
                            if (rnd.nextBoolean()) {
                                axes.add(rnd.nextInt(4) == 0 ? d - dims.length : d);
                            }
                        }
                        if (axes.isEmpty() || rnd.nextInt(5) == 0) {
                            axes.add(rnd.nextInt(dims.length));
                        }
                    }
                    return MovementOps.reduce(g, rnd, x, kind, axes.stream().mapToInt(Integer::intValue).toArray(),
                            pool || keepDims);
                }));
    }

    /** CONCATENATION, float32 and int8. */
    public static Arbitrary<Case> concatenation() {
        return concatenation(plain());
    }

    public static Arbitrary<Case> concatenation(Precision precision) {
        return concatenation(only(precision));
    }

    /**
     * CONCATENATION (float32 or int8) of 1..4 parts computed in the graph, all from one graph input or
     * each from its own: float32 by ADD, int8 by a requantizing QUANTIZE to the output's quantization; at times
     * through a RESHAPE from a flat tensor (a re-view). Rank 1..4 (dims 1..5); in about three cases of
     * four the dimensions before the axis are all 1, so that the parts are the output's bytes one
     * after another and the plan may write them in place. At times the first part is read again after
     * the concatenation (ADD to itself, a second graph output), and at times the concatenation's
     * output goes on into an ADD.
     */
    public static Arbitrary<Case> concatenationOfComputedParts() {
        Arbitrary<int[]> shape = size(1, 5).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, size(1, 4), seed(), plain()).as((dims, count, seed, precision) -> {
            GraphBuilder g = new GraphBuilder();
            Random rnd = new Random(seed);
            int axis = rnd.nextInt(dims.length);
            if (rnd.nextInt(4) != 0) {
                java.util.Arrays.fill(dims, 0, axis, 1);
            }
            Quant q = precision == Precision.FLOAT32 ? null
                    : new Quant(randomScale(rnd, -8, -2), randomZeroPoint(rnd));
            // Half the time every part is computed from one shared input (which outlives all but the last
            // producer, as a real layer's input does), else each from inputs of its own (which a
            // producer may overwrite instead).
            boolean shared = rnd.nextBoolean();
            int width = 1 + rnd.nextInt(4);
            boolean flat = rnd.nextInt(3) == 0;
            Value common = null;
            List<Value> parts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int[] part = dims.clone();
                part[axis] = shared ? width : 1 + rnd.nextInt(4);
                boolean viaReshape = shared ? flat : rnd.nextInt(3) == 0;
                int[] computed = viaReshape ? new int[] {elements(part)} : part;
                Value x = common;
                if (x == null) {
                    x = q == null ? g.floatInput(computed, rnd, -2, 2)
                            : g.int8Input(computed, new Quant(randomScale(rnd, -8, -2), randomZeroPoint(rnd)), rnd);
                    common = shared ? x : null;
                }
                Value v = q == null ? Ops.add(g, rnd, x, shared ? x : g.floatInput(computed, rnd, -2, 2),
                        ActivationFunctionType.NONE) : Ops.quantize(g, x, q);
                parts.add(viaReshape ? Ops.reshape(g, rnd, v, part, ReshapeForm.OPTION, false) : v);
            }
            Value y = MovementOps.concatenation(g, parts, axis);
            List<Value> outputs = new ArrayList<>();
            outputs.add(rnd.nextInt(3) == 0 ? Ops.add(g, rnd, y, y, ActivationFunctionType.NONE) : y);
            if (rnd.nextInt(3) == 0) {
                outputs.add(Ops.add(g, rnd, parts.get(0), parts.get(0), ActivationFunctionType.NONE));
            }
            return g.build(outputs);
        });
    }

    /**
     * CONCATENATION of 1..4 tensors of rank 1..4 (dims 1..5) that differ along the axis (written
     * negative at times); int8 inputs share the output's quantization, as TFLite and TFLM require;
     * at times one of several inputs is a constant.
     */
    private static Arbitrary<Case> concatenation(Arbitrary<Precision> precisions) {
        Arbitrary<int[]> shape = size(1, 5).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, size(1, 4), seed(), precisions)
                .as((dims, count, seed, precision) -> single(seed, (g, rnd) -> {
                    int axis = rnd.nextInt(dims.length);
                    Quant q = precision == Precision.FLOAT32 ? null
                            : new Quant(randomScale(rnd, -8, -2), randomZeroPoint(rnd));
                    int constant = count > 1 && rnd.nextInt(4) == 0 ? rnd.nextInt(count) : -1;
                    List<Value> parts = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        int[] part = dims.clone();
                        part[axis] = 1 + rnd.nextInt(4);
                        parts.add(i == constant ? MovementOps.constant(g, rnd, precision, part, q)
                                : q == null ? g.input(precision, part, rnd) : g.int8Input(part, q, rnd));
                    }
                    return MovementOps.concatenation(g, parts, rnd.nextInt(4) == 0 ? axis - dims.length : axis);
                }));
    }

    /** TRANSPOSE, float32 and int8. */
    public static Arbitrary<Case> transpose() {
        return transpose(plain());
    }

    public static Arbitrary<Case> transpose(Precision precision) {
        return transpose(only(precision));
    }

    /** TRANSPOSE of a rank 1..5 input (dims 1..5) by a random permutation. */
    private static Arbitrary<Case> transpose(Arbitrary<Precision> precisions) {
        Arbitrary<int[]> shape = size(1, 5).array(int[].class).ofMinSize(1).ofMaxSize(5);
        return Combinators.combine(shape, seed(), precisions)
                .as((in, seed, precision) -> single(seed, (g, rnd) -> {
                    Value x = g.input(precision, in, rnd);
                    List<Integer> perm = new ArrayList<>(IntStream.range(0, in.length).boxed().toList());
                    java.util.Collections.shuffle(perm, rnd);
                    return MovementOps.transpose(g, x, perm.stream().mapToInt(Integer::intValue).toArray());
                }));
    }

    /** STRIDED_SLICE, float32 and int8. */
    public static Arbitrary<Case> stridedSlice() {
        return stridedSlice(plain());
    }

    public static Arbitrary<Case> stridedSlice(Precision precision) {
        return stridedSlice(only(precision));
    }

    /**
     * STRIDED_SLICE of a rank 1..4 input (dims 1..6): per axis a begin and end anywhere from one past
     * either end (negative counts from the end), a stride in -3..3 but 0, begin_mask and end_mask bits
     * at random, and at times a shrunk axis (stride 1, begin inside); each axis keeps at least one element.
     */
    private static Arbitrary<Case> stridedSlice(Arbitrary<Precision> precisions) {
        Arbitrary<int[]> shape = size(1, 6).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, seed(), precisions)
                .as((in, seed, precision) -> single(seed, (g, rnd) -> {
                    Value x = g.input(precision, in, rnd);
                    return MovementOps.stridedSlice(g, rnd, x);
                }));
    }

    /** SLICE, float32 and int8. */
    public static Arbitrary<Case> slice() {
        return slice(plain());
    }

    public static Arbitrary<Case> slice(Precision precision) {
        return slice(only(precision));
    }

    /** SLICE of a rank 1..4 input (dims 1..6): any begin inside, any size that fits (or -1). */
    private static Arbitrary<Case> slice(Arbitrary<Precision> precisions) {
        Arbitrary<int[]> shape = size(1, 6).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, seed(), precisions)
                .as((in, seed, precision) -> single(seed, (g, rnd) -> {
                    Value x = g.input(precision, in, rnd);
                    int[] begin = new int[in.length];
                    int[] size = new int[in.length];
                    for (int d = 0; d < in.length; d++) {
                        begin[d] = rnd.nextInt(in[d]);
                        size[d] = rnd.nextInt(4) == 0 ? -1 : 1 + rnd.nextInt(in[d] - begin[d]);
                    }
                    return MovementOps.slice(g, x, begin, size);
                }));
    }

    /** SQUEEZE, float32 and int8. */
    public static Arbitrary<Case> squeeze() {
        return squeeze(plain());
    }

    public static Arbitrary<Case> squeeze(Precision precision) {
        return squeeze(only(precision));
    }

    /**
     * SQUEEZE of a rank 1..5 input (dims 1..4, each 1 at times): all dims of 1, or a random nonempty
     * subset of them named in squeeze_dims (negative at times).
     */
    private static Arbitrary<Case> squeeze(Arbitrary<Precision> precisions) {
        Arbitrary<int[]> shape = size(1, 4).array(int[].class).ofMinSize(1).ofMaxSize(5);
        return Combinators.combine(shape, Arbitraries.of(false, true), seed(), precisions)
                .as((dims, all, seed, precision) -> single(seed, (g, rnd) -> {
                    int[] in = dims.clone();
                    List<Integer> ones = new ArrayList<>();
                    for (int d = 0; d < in.length; d++) {
                        if (rnd.nextBoolean()) {
                            in[d] = 1;
                        }
                        if (in[d] == 1) {
                            ones.add(d);
                        }
                    }
                    List<Integer> named = new ArrayList<>();
                    for (int d : ones) {
                        if (!all && (named.isEmpty() || rnd.nextBoolean())) {
                            named.add(rnd.nextBoolean() ? d - in.length : d);
                        }
                    }
                    Value x = g.input(precision, in, rnd);
                    return MovementOps.squeeze(g, x, named.stream().mapToInt(Integer::intValue).toArray());
                }));
    }

    /** EXPAND_DIMS, float32 and int8. */
    public static Arbitrary<Case> expandDims() {
        return expandDims(plain());
    }

    public static Arbitrary<Case> expandDims(Precision precision) {
        return expandDims(only(precision));
    }

    /** EXPAND_DIMS of a rank 1..4 input (dims 1..5) at any axis from -(rank + 1) to rank. */
    private static Arbitrary<Case> expandDims(Arbitrary<Precision> precisions) {
        Arbitrary<int[]> shape = size(1, 5).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, seed(), precisions)
                .as((in, seed, precision) -> single(seed, (g, rnd) -> {
                    Value x = g.input(precision, in, rnd);
                    return MovementOps.expandDims(g, x, rnd.nextInt(2 * in.length + 2) - in.length - 1);
                }));
    }

    /**
     * What FuseActivationIntoProducer rewrites: CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED or ADD
     * (int8 mostly, float32 a sixth of the time; any fused activation), then a standalone RELU, RELU6
     * or RELU_N1_TO_1 quantized as its input, or a fifth of the time (RELU only) requantizing.
     */
    public static Arbitrary<Case> producerThenActivation() {
        Arbitrary<int[]> shape = Combinators.combine(size(1, 6), size(1, 6), size(1, 4))
                .as((h, w, c) -> new int[] {1, h, w, c});
        return Combinators.combine(shape, size(0, 3), size(0, 2), seed())
                .as((in, producer, relu, seed) -> single(seed, (g, rnd) -> {
                    Precision precision = rnd.nextInt(6) == 0 ? Precision.FLOAT32 : Precision.INT8;
                    Value x = g.input(precision, in, rnd);
                    byte act = Graphs.randomActivation(rnd);
                    Window w = Graphs.randomWindow(rnd, x, true);
                    Value y = switch (producer) {
                        case 0 -> Ops.conv2d(g, rnd, x, new ConvSpec(1 + rnd.nextInt(4), w, act, false));
                        case 1 -> Ops.depthwiseConv2d(g, rnd, x, new DepthwiseSpec(1, w, act, false));
                        case 2 -> Ops.fullyConnected(g, rnd, x, new FcSpec(1 + rnd.nextInt(8), true, false, act,
                                false));
                        default -> Ops.add(g, rnd, x, g.input(precision, in, rnd), act);
                    };
                    int kind = List.of(BuiltinOperator.RELU, BuiltinOperator.RELU6, BuiltinOperator.RELU_N1_TO_1)
                            .get(relu);
                    Quant q = y.quant();
                    if (y.isInt8() && kind == BuiltinOperator.RELU && rnd.nextInt(5) == 0) {
                        q = new Quant(q.scale() * (float) Math.pow(2, rnd.nextDouble() - 0.5), q.zeroPoint());
                    }
                    Value z = g.activation(BuiltinOperator.name(kind).toLowerCase(Locale.ROOT) + "_out", y.type(),
                            y.shape(), q);
                    int version = y.isInt8() && kind != BuiltinOperator.RELU_N1_TO_1 ? 2 : 1;
                    g.operator(kind, version, new int[] {y.tensor()}, z.tensor(), BuiltinOptions.NONE, null);
                    g.describe(BuiltinOperator.name(kind) + " in=" + y + " -> " + z);
                    return z;
                }));
    }

    /** A PAD before a window operator, in all three precisions. */
    public static Arbitrary<Case> padThenWindow() {
        return padThenWindow(precisions(Precision.WITH_WEIGHTS));
    }

    public static Arbitrary<Case> padThenWindow(Precision precision) {
        return padThenWindow(Arbitraries.just(precision));
    }

    /**
     * PAD or PADV2 then CONV_2D, DEPTHWISE_CONV_2D, MAX_POOL_2D or AVERAGE_POOL_2D (what
     * FoldPadIntoConvolution rewrites): an NHWC input (H and W 1..8, C 1..4; int8 zero point -128, as
     * after a RELU, a third of the time); a window of kernel 1..3, stride 1..2, dilation 1..2
     * (convolutions), VALID mostly (as after Keras' ZeroPadding2D) or SAME; H and W padded before and
     * after by up to the window's reach less one mostly, else up to 3, and at times N or C by 1; the
     * value the zero point (0 for float) mostly, else -128 (-FLT_MAX before MAX_POOL_2D, -1 before
     * the others) or any other.
     */
    private static Arbitrary<Case> padThenWindow(Arbitrary<Precision> precisions) {
        Arbitrary<int[]> shape = Combinators.combine(size(1, 8), size(1, 8), size(1, 4))
                .as((h, w, c) -> new int[] {1, h, w, c});
        return Combinators.combine(shape, size(0, 3), seed(), precisions)
                .as((in, consumer, seed, precision) -> single(seed, (g, rnd) -> {
                    Value x = precision != Precision.FLOAT32 && rnd.nextInt(3) == 0
                            ? g.int8Input(in, new Quant(randomScale(rnd, -8, -2), -128), rnd)
                            : g.input(precision, in, rnd);
                    boolean dilated = consumer < 2;
                    Window w = new Window(1 + rnd.nextInt(3), 1 + rnd.nextInt(3), 1 + rnd.nextInt(2),
                            1 + rnd.nextInt(2), dilated ? 1 + rnd.nextInt(2) : 1, dilated ? 1 + rnd.nextInt(2) : 1,
                            rnd.nextInt(4) == 0 ? Padding.SAME : Padding.VALID);
                    int[][] pads = {{0, 0}, new int[2], new int[2], {0, 0}};
                    for (int side = 0; side < 4; side++) {
                        int reach = side < 2 ? w.effectiveH() : w.effectiveW();
                        pads[1 + side / 2][side % 2] = rnd.nextInt(rnd.nextInt(4) > 0 ? reach : 4);
                    }
                    if (rnd.nextInt(8) == 0) {
                        pads[rnd.nextBoolean() ? 0 : 3][1] = 1;
                    }
                    if (in[1] + pads[1][0] + pads[1][1] < w.effectiveH()
                            || in[2] + pads[2][0] + pads[2][1] < w.effectiveW()) {
                        w = new Window(w.kh(), w.kw(), w.sh(), w.sw(), w.dh(), w.dw(), Padding.SAME);
                    }
                    Integer value = null;
                    int choice = rnd.nextInt(6);
                    if (choice == 1) {
                        value = x.isInt8() ? x.quant().zeroPoint() : 0;
                    } else if (choice == 2) {
                        // -FLT_MAX only before MAX_POOL: under a sum it overflows to an infinity (or NaN)
                        // that depends on the order of the sum, which float kernels may choose.
                        value = x.isInt8() ? -128 : Float.floatToIntBits(consumer == 3 ? -Float.MAX_VALUE : -1.0f);
                    } else if (choice == 3) {
                        value = x.isInt8() ? rnd.nextInt(256) - 128 : Float.floatToIntBits(rnd.nextFloat() - 0.5f);
                    }
                    Value p = MovementOps.pad(g, x, pads, value);
                    boolean perChannel = precision == Precision.INT8_PER_CHANNEL;
                    byte act = Graphs.randomActivation(rnd);
                    return switch (consumer) {
                        case 0 -> Ops.conv2d(g, rnd, p, new ConvSpec(1 + rnd.nextInt(4), w, act, perChannel));
                        case 1 -> Ops.depthwiseConv2d(g, rnd, p, new DepthwiseSpec(1 + rnd.nextInt(2), w, act,
                                perChannel));
                        case 2 -> Ops.pool2d(g, p, BuiltinOperator.AVERAGE_POOL_2D, w, act);
                        default -> Ops.pool2d(g, p, BuiltinOperator.MAX_POOL_2D, w, act);
                    };
                }));
    }

    // ---------------------------------------------------------------- element-wise operators
    //
    // The operators themselves, with their input ranges and output quantization, come from
    // ElementwiseOps.

    /** MUL with broadcasting and a fused activation, float32 and int8. */
    public static Arbitrary<Case> mul() {
        return binary(BuiltinOperator.MUL, plain());
    }

    /** SUB with broadcasting and a fused activation, float32 and int8. */
    public static Arbitrary<Case> sub() {
        return binary(BuiltinOperator.SUB, plain());
    }

    /** MUL in one precision (FLOAT32, INT8 or INT16). */
    public static Arbitrary<Case> mul(Precision precision) {
        return binary(BuiltinOperator.MUL, only(precision));
    }

    /** SUB in one precision (FLOAT32, INT8 or INT16). */
    public static Arbitrary<Case> sub(Precision precision) {
        return binary(BuiltinOperator.SUB, only(precision));
    }

    /** MAXIMUM with broadcasting, float32 and int8. */
    public static Arbitrary<Case> maximum() {
        return binary(BuiltinOperator.MAXIMUM, plain());
    }

    /** MINIMUM with broadcasting, float32 and int8. */
    public static Arbitrary<Case> minimum() {
        return binary(BuiltinOperator.MINIMUM, plain());
    }

    /**
     * The element-wise operator {@code kind} (MUL, SUB, MAXIMUM, MINIMUM, or one of the unary ones) in
     * one precision, as the builders above make it.
     */
    public static Arbitrary<Case> elementwise(int kind, Precision precision) {
        boolean binary = kind == BuiltinOperator.MUL || kind == BuiltinOperator.SUB || kind == BuiltinOperator.MAXIMUM
                || kind == BuiltinOperator.MINIMUM || kind == BuiltinOperator.DIV
                || kind == BuiltinOperator.SQUARED_DIFFERENCE || kind == BuiltinOperator.PRELU;
        return binary ? binary(kind, only(precision)) : unary(kind, only(precision));
    }

    /**
     * A binary element-wise operator of two graph inputs whose shapes broadcast to an output of rank
     * 1..4 (dims 1..5), as {@link #add()}; int8 MAXIMUM and MINIMUM inputs share one quantization
     * (they compare raw values); the fused activation only where the operator has one.
     */
    private static Arbitrary<Case> binary(int kind, Arbitrary<Precision> precisions) {
        Arbitrary<int[]> out = size(1, 5).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(out, size(0, 3), size(0, 3), size(0, 15), size(0, 15), activation(), seed(), precisions)
                .as((shape, dropA, dropB, maskA, maskB, act, seed, precision) -> single(seed, (g, rnd) -> {
                    // PRELU's alpha broadcasts into its input, whose shape is the output's.
                    boolean prelu = kind == BuiltinOperator.PRELU;
                    int[][] ab = broadcastPair(shape, prelu ? 0 : dropA, dropB, prelu ? 0 : maskA, maskB);
                    Value a = g.input(precision, ab[0], rnd);
                    boolean compares = kind == BuiltinOperator.MAXIMUM || kind == BuiltinOperator.MINIMUM;
                    Value b = a.isInt8() && compares ? g.int8Input(ab[1], a.quant(), rnd)
                            : g.input(precision, ab[1], rnd);
                    return ElementwiseOps.binary(g, rnd, kind, a, b,
                            ElementwiseOps.fusesActivation(kind) ? act : ActivationFunctionType.NONE);
                }));
    }

    /** RELU, float32 and int8. */
    public static Arbitrary<Case> relu() {
        return unary(BuiltinOperator.RELU, plain());
    }

    /** RELU6, float32 and int8. */
    public static Arbitrary<Case> relu6() {
        return unary(BuiltinOperator.RELU6, plain());
    }

    /** RELU_N1_TO_1, float32 and int8. */
    public static Arbitrary<Case> reluN1To1() {
        return unary(BuiltinOperator.RELU_N1_TO_1, plain());
    }

    /** LEAKY_RELU, float32 and int8. */
    public static Arbitrary<Case> leakyRelu() {
        return unary(BuiltinOperator.LEAKY_RELU, plain());
    }

    /** LEAKY_RELU in one precision (FLOAT32, INT8 or INT16). */
    public static Arbitrary<Case> leakyRelu(Precision precision) {
        return unary(BuiltinOperator.LEAKY_RELU, only(precision));
    }

    /** LOGISTIC, float32 and int8. */
    public static Arbitrary<Case> logistic() {
        return unary(BuiltinOperator.LOGISTIC, plain());
    }

    /** TANH, float32 and int8. */
    public static Arbitrary<Case> tanh() {
        return unary(BuiltinOperator.TANH, plain());
    }

    /**
     * LOGISTIC or TANH with 16-bit activations: input scales from 2^-15 to 2^-11, none a power of two
     * (where TensorFlow Lite 2.6 computes otherwise than TFLM), output scale 2^-15.
     */
    public static Arbitrary<Case> sigmoidInt16(int kind) {
        return unary(kind, only(Precision.INT16));
    }

    /** HARD_SWISH, float32 and int8. */
    public static Arbitrary<Case> hardSwish() {
        return unary(BuiltinOperator.HARD_SWISH, plain());
    }

    /** ABS, float32 and int8. */
    public static Arbitrary<Case> abs() {
        return unary(BuiltinOperator.ABS, plain());
    }

    /** DIV with broadcasting and a fused activation, float32 and int8. */
    public static Arbitrary<Case> div() {
        return binary(BuiltinOperator.DIV, plain());
    }

    /** SQUARED_DIFFERENCE with broadcasting, float32 and int8. */
    public static Arbitrary<Case> squaredDifference() {
        return binary(BuiltinOperator.SQUARED_DIFFERENCE, plain());
    }

    /** PRELU of an input and an alpha input that broadcast, float32 and int8. */
    public static Arbitrary<Case> prelu() {
        return binary(BuiltinOperator.PRELU, plain());
    }

    /**
     * ARG_MAX or ARG_MIN ({@code kind}) of a rank 1..4 input (dims 1..6; int8 values repeat, so ties
     * are common) over one constant axis (negative at times), int32 output.
     */
    public static Arbitrary<Case> argMinMax(int kind, Precision precision) {
        return argMinMax(kind, precision, TensorType.INT32);
    }

    /** The same with the indices of {@code outputType}, int32 or int64. */
    public static Arbitrary<Case> argMinMax(int kind, Precision precision, byte outputType) {
        Arbitrary<int[]> shape = size(1, 6).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, size(0, 3), Arbitraries.of(false, true), seed(), only(precision))
                .as((in, a, negative, seed, p) -> single(seed, (g, rnd) -> {
                    int axis = a % in.length;
                    Value x = g.input(p, in, rnd);
                    int[] outDims = new int[in.length - 1];
                    for (int d = 0, o = 0; d < in.length; d++) {
                        if (d != axis) {
                            outDims[o++] = in[d];
                        }
                    }
                    int written = negative ? axis - in.length : axis;
                    int axisTensor = g.constant("axis", TensorType.INT32, new int[] {1}, null,
                            int32Bytes(new int[] {written}));
                    Value y = g.activation(BuiltinOperator.name(kind).toLowerCase(Locale.ROOT) + "_out",
                            outputType, outDims, null);
                    Object options;
                    byte optionsType;
                    if (kind == BuiltinOperator.ARG_MAX) {
                        ArgMaxOptionsT o = new ArgMaxOptionsT();
                        o.setOutputType(outputType);
                        options = o;
                        optionsType = BuiltinOptions.ArgMaxOptions;
                    } else {
                        ArgMinOptionsT o = new ArgMinOptionsT();
                        o.setOutputType(outputType);
                        options = o;
                        optionsType = BuiltinOptions.ArgMinOptions;
                    }
                    g.operator(kind, x.isInt8() ? 2 : 1, new int[] {x.tensor(), axisTensor}, y.tensor(), optionsType,
                            options);
                    g.describe(BuiltinOperator.name(kind) + " " + precisionText(x, false) + " in=" + x + " axis="
                            + written + " -> " + y);
                    return y;
                }));
    }

    /**
     * RESIZE_NEAREST_NEIGHBOR of a [1..2, 1..5, 1..5, 1..4] input to a constant size of 1..8 by 1..8,
     * with align_corners, half_pixel_centers or neither (TFLite refuses both); integer outputs
     * quantized as the input.
     */
    public static Arbitrary<Case> resizeNearestNeighbor(Precision precision) {
        return resize(BuiltinOperator.RESIZE_NEAREST_NEIGHBOR, precision);
    }

    /** RESIZE_BILINEAR as {@link #resizeNearestNeighbor}, float32 or int8. */
    public static Arbitrary<Case> resizeBilinear(Precision precision) {
        return resize(BuiltinOperator.RESIZE_BILINEAR, precision);
    }

    private static Arbitrary<Case> resize(int kind, Precision precision) {
        Arbitrary<int[]> shape = Combinators.combine(size(1, 2), size(1, 5), size(1, 5), size(1, 4))
                .as((b, h, w, c) -> new int[] {b, h, w, c});
        return Combinators.combine(shape, size(1, 8), size(1, 8), size(0, 2), seed(), only(precision))
                .as((in, oh, ow, mode, seed, p) -> single(seed, (g, rnd) -> {
                    Value x = g.input(p, in, rnd);
                    int sizeTensor = g.constant("size", TensorType.INT32, new int[] {2}, null,
                            int32Bytes(new int[] {oh, ow}));
                    Value y = g.activation("resize_out", x.type(), new int[] {in[0], oh, ow, in[3]}, x.quant());
                    Object options;
                    byte optionsType;
                    if (kind == BuiltinOperator.RESIZE_BILINEAR) {
                        ResizeBilinearOptionsT o = new ResizeBilinearOptionsT();
                        o.setAlignCorners(mode == 1);
                        o.setHalfPixelCenters(mode == 2);
                        options = o;
                        optionsType = BuiltinOptions.ResizeBilinearOptions;
                    } else {
                        ResizeNearestNeighborOptionsT o = new ResizeNearestNeighborOptionsT();
                        o.setAlignCorners(mode == 1);
                        o.setHalfPixelCenters(mode == 2);
                        options = o;
                        optionsType = BuiltinOptions.ResizeNearestNeighborOptions;
                    }
                    // TFLite 2.6: version 2 int8, 3 half-pixel centers, 4 int16
                    int version = x.isInt16() ? 4 : mode == 2 ? 3 : x.isInt8() ? 2 : 1;
                    g.operator(kind, version, new int[] {x.tensor(), sizeTensor}, y.tensor(), optionsType, options);
                    g.describe(BuiltinOperator.name(kind) + " " + precisionText(x, false) + " in=" + x + " size=" + oh + "x"
                            + ow + (mode == 1 ? " align_corners" : mode == 2 ? " half_pixel_centers" : "") + " -> " + y);
                    return y;
                }));
    }

    /** EXP, LOG, SQRT or RSQRT ({@code kind}), float32 only (TFLM has them only in float). */
    public static Arbitrary<Case> mathFunction(int kind) {
        return unary(kind, only(Precision.FLOAT32));
    }

    /** int8 RSQRT, its input at or above its zero point. */
    public static Arbitrary<Case> int8Rsqrt() {
        return unary(BuiltinOperator.RSQRT, only(Precision.INT8));
    }

    /** NEG, float32 only (tflc refuses int8 NEG: TFLM has no int8 kernel). */
    public static Arbitrary<Case> neg() {
        return unary(BuiltinOperator.NEG, only(Precision.FLOAT32));
    }

    /**
     * Chains of 2..6 element-wise operators (any of the above; the binary ones each with a new input
     * that broadcasts into the chain), float32 or int8, on a rank 1..4 input (dims 1..5).
     */
    public static Arbitrary<Case> elementwiseChains() {
        Arbitrary<int[]> shape = size(1, 5).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, size(2, 6), seed(), plain())
                .as((in, length, seed, precision) -> single(seed,
                        (g, rnd) -> ElementwiseOps.chain(g, rnd, precision, in, length)));
    }

    /**
     * A unary element-wise operator on a rank 1..4 input (dims 1..6); ElementwiseOps.unary picks its
     * input range and output quantization.
     */
    private static Arbitrary<Case> unary(int kind, Arbitrary<Precision> precisions) {
        Arbitrary<int[]> shape = size(1, 6).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, seed(), precisions)
                .as((in, seed, precision) -> single(seed, (g, rnd) -> ElementwiseOps.unary(g, rnd, kind, in,
                        precision)));
    }

    // ---------------------------------------------------------------- small graphs

    /**
     * Small int8 graphs: a chain of 2..5 steps on a [1, H, W, C] or [1, K] input, each step one
     * operator that fits the current shape (CONV_2D, DEPTHWISE_CONV_2D, pooling, FULLY_CONNECTED,
     * RESHAPE, SOFTMAX, requantizing QUANTIZE); in about half of them one step is instead a branch,
     * one or two shape-preserving operators off the same tensor joined again with ADD (so 2..7
     * operators in all). Per-tensor or per-channel weights at random (per-tensor for
     * FULLY_CONNECTED, which TensorFlow Lite 2.6 has only per tensor).
     */
    public static Arbitrary<Case> int8Graphs() {
        return Combinators.combine(size(2, 5), Arbitraries.of(false, true), Arbitraries.of(4, 2), seed())
                .as((length, branch, rank, seed) -> single(seed, (g, rnd) -> Graphs.build(g, rnd, length, branch, rank)));
    }

    /**
     * Chains of 2..6 int8 or float32 convolutions, each a CONV_2D (any window 1..3, stride 1..2, dilation 1..2,
     * SAME or VALID), a 1x1 CONV_2D that widens, keeps or narrows the channels, or a DEPTHWISE_CONV_2D
     * with multiplier 1, or an AVERAGE_POOL_2D or MAX_POOL_2D, on a [1..2, 2..9, 2..9, 1..12] input,
     * per-tensor or per-channel weights, every fused activation: the layers whose output the memory plan
     * may write over their input.
     */
    public static Arbitrary<Case> convolutionChains(boolean float32) {
        return Combinators.combine(size(2, 6), seed()).as((length, seed) -> single(seed, (g, rnd) -> {
            int[] shape = {1 + rnd.nextInt(2), 2 + rnd.nextInt(8), 2 + rnd.nextInt(8), 1 + rnd.nextInt(12)};
            Value x = imageInput(g, rnd, shape, float32);
            for (int step = 0; step < length; step++) {
                int kind = rnd.nextInt(4);
                boolean perChannel = rnd.nextBoolean();
                byte activation = Graphs.activation(rnd);
                if (kind == 3) {
                    x = Ops.pool2d(g, x, rnd.nextBoolean() ? BuiltinOperator.AVERAGE_POOL_2D : BuiltinOperator.MAX_POOL_2D,
                            Graphs.window(rnd, x, false), activation);
                } else if (kind == 0) {
                    x = Ops.conv2d(g, rnd, x, new ConvSpec(1 + rnd.nextInt(12), Graphs.window(rnd, x, true), activation,
                            perChannel));
                } else if (kind == 1) {
                    x = pointwise(g, rnd, x, activation, perChannel);
                } else {
                    x = Ops.depthwiseConv2d(g, rnd, x, new DepthwiseSpec(1, Graphs.window(rnd, x, true), activation,
                            perChannel));
                }
            }
            return x;
        }));
    }

    /**
     * Int8 residual blocks, 1..3 in a row over one image ([1, 1..9, 1..9, 1..12]), as ResNets have them:
     * a main branch of one or two convolutions (1x1 or 3x3, SAME; the first may stride by 2; a
     * depthwise one where the branch has one channel) and a shortcut, the block's input itself or a
     * 1x1 convolution of it with the same stride, joined by an ADD (either input first, any fused
     * activation). Either branch may be written first, so the ADD's later input is the main branch's
     * output or the shortcut's. Per tensor or per channel.
     */
    public static Arbitrary<Case> residualBlocks() {
        return Combinators.combine(size(1, 3), seed()).as((blocks, seed) -> single(seed, (g, rnd) -> {
            int[] shape = {1, 1 + rnd.nextInt(9), 1 + rnd.nextInt(9), 1 + rnd.nextInt(12)};
            Value x = imageInput(g, rnd, shape, false);
            for (int b = 0; b < blocks; b++) {
                int stride = rnd.nextInt(3) == 0 ? 2 : 1;
                int channels = stride == 1 && rnd.nextBoolean() ? x.last() : 1 + rnd.nextInt(12);
                boolean identity = stride == 1 && channels == x.last() && rnd.nextBoolean();
                boolean shortcutFirst = rnd.nextBoolean();
                Value shortcut = identity ? x : null;
                if (!identity && shortcutFirst) {
                    shortcut = residualShortcut(g, rnd, x, channels, stride);
                }
                Value y = x;
                int layers = 1 + rnd.nextInt(2);
                for (int l = 0; l < layers; l++) {
                    int k = rnd.nextBoolean() ? 1 : 3;
                    int s = l == 0 ? stride : 1;
                    Window w = new Window(k, k, s, s, 1, 1, Padding.SAME);
                    int out = l == layers - 1 ? channels : 1 + rnd.nextInt(12);
                    byte activation = Graphs.activation(rnd);
                    if (y.last() == 1 && out > 1 && rnd.nextBoolean()) {
                        y = Ops.depthwiseConv2d(g, rnd, y, new DepthwiseSpec(out, w, activation, rnd.nextBoolean()));
                    } else {
                        y = Ops.conv2d(g, rnd, y, new ConvSpec(out, w, activation, rnd.nextBoolean()));
                    }
                }
                if (shortcut == null) {
                    shortcut = residualShortcut(g, rnd, x, channels, stride);
                }
                byte activation = Graphs.activation(rnd);
                if (Math.max(y.quant().scale(), shortcut.quant().scale()) > 1) {
                    // the random layers' scales grow block by block; a RELU6 or RELU_N1_TO_1 output (scale at
                    // most 6 / 255) of inputs that wide is an ADD no converter writes, which the reference refuses
                    activation = ActivationFunctionType.NONE;
                }
                x = rnd.nextBoolean() ? Ops.add(g, rnd, y, shortcut, activation) : Ops.add(g, rnd, shortcut, y, activation);
            }
            return x;
        }));
    }

    /**
     * Blocks whose branches join along the channels (Inception, SqueezeNet's fire modules): an int8
     * image ([1, 1..8, 1..8, 1..10]) or a batch of int8 rows ([1..4, 1..12], fully connected branches),
     * at times squeezed by a 1x1 CONV_2D first; then 2..4 branches, each a CONV_2D (1x1 or 3x3, any
     * stride the others share, SAME padding), a DEPTHWISE_CONV_2D (multiplier 1), a pooling, or the
     * block's input itself (not written by a layer), all quantized as the concatenation's output;
     * then a CONCATENATION along the last axis (written -1 at times). At times a branch is read again
     * (a second graph output), and at times a 1x1 CONV_2D reads the concatenation. 1..2 blocks.
     */
    public static Arbitrary<Case> channelConcatenations() {
        return Combinators.combine(size(1, 2), seed()).as((blocks, seed) -> {
            GraphBuilder g = new GraphBuilder();
            Random rnd = new Random(seed);
            boolean rows = rnd.nextInt(4) == 0;
            int[] shape = rows ? new int[] {1 + rnd.nextInt(4), 1 + rnd.nextInt(12)}
                    : new int[] {1, 1 + rnd.nextInt(8), 1 + rnd.nextInt(8), 1 + rnd.nextInt(10)};
            Value x = imageInput(g, rnd, shape, false);
            List<Value> extra = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                if (!rows && rnd.nextInt(3) == 0) {
                    x = Ops.conv2d(g, rnd, x, new ConvSpec(1 + rnd.nextInt(8), new Window(1, 1, 1, 1, 1, 1,
                            Padding.SAME), Graphs.activation(rnd), rnd.nextBoolean()));
                }
                int stride = !rows && rnd.nextInt(4) == 0 ? 2 : 1;
                int count = 2 + rnd.nextInt(3);
                List<Value> parts = new ArrayList<>();
                Quant q = null;
                for (int i = 0; i < count; i++) {
                    int kind = rnd.nextInt(16);
                    Value part;
                    if (rows) {
                        part = kind == 0 ? x : Ops.fullyConnected(g, rnd, x, new FcSpec(1 + rnd.nextInt(12), false,
                                false, Graphs.activation(rnd), rnd.nextBoolean()));
                    } else if (kind == 0 && stride == 1) {
                        part = x;
                    } else if (kind == 1) {
                        part = Ops.pool2d(g, x, BuiltinOperator.MAX_POOL_2D, new Window(3, 3, stride, stride, 1, 1,
                                Padding.SAME), ActivationFunctionType.NONE);
                    } else if (kind <= 5) {
                        part = Ops.depthwiseConv2d(g, rnd, x, new DepthwiseSpec(1, new Window(3, 3, stride, stride, 1,
                                1, Padding.SAME), Graphs.activation(rnd), rnd.nextBoolean()));
                    } else {
                        int k = rnd.nextBoolean() ? 1 : 3;
                        part = Ops.conv2d(g, rnd, x, new ConvSpec(1 + rnd.nextInt(12), new Window(k, k, stride, stride,
                                1, 1, Padding.SAME), Graphs.activation(rnd), rnd.nextBoolean()));
                    }
                    if (q == null) {
                        q = part.quant();
                    } else if (part.tensor() == x.tensor() || kind == 1 && !rows) {
                        // the input, and a pooling of it, keep their quantization: the others take theirs
                        part = Ops.quantize(g, part, q);
                    } else {
                        part = g.quantizedAs(part, q);
                    }
                    parts.add(part);
                }
                if (rnd.nextInt(6) == 0) {
                    extra.add(parts.get(rnd.nextInt(count)));
                }
                x = MovementOps.concatenation(g, parts, rnd.nextBoolean() ? -1 : x.rank() - 1);
                if (!rows && rnd.nextInt(3) == 0) {
                    x = Ops.conv2d(g, rnd, x, new ConvSpec(1 + rnd.nextInt(8), new Window(1, 1, 1, 1, 1, 1,
                            Padding.SAME), Graphs.activation(rnd), rnd.nextBoolean()));
                }
            }
            List<Value> outputs = new ArrayList<>(List.of(x));
            extra.stream().filter(v -> !outputs.contains(v)).forEach(outputs::add);
            return g.build(outputs);
        });
    }

    /** How {@link #residualVariant} joins a convolution's output y to the block's input x. */
    public enum Residual {
        /** ADD(y, x): the ADD may run in the convolution's stores. */
        PLAIN,
        /** ADD(y, x) with y a graph output too: y must be stored. */
        ALSO_AN_OUTPUT,
        /** ADD(y, x) and ADD(y, y): y is read twice. */
        READ_TWICE,
        /** ADD(y, b) with b of shape [1, 1, 1, C], broadcast. */
        BROADCAST
    }

    /**
     * An int8 3x3 CONV_2D of x ([1, 5, 4, 6]) to y, joined to x as {@code variant} says; the graph's
     * outputs are the ADD's (and y, for {@link Residual#ALSO_AN_OUTPUT}).
     */
    public static Case residualVariant(Residual variant, long seed) {
        GraphBuilder g = new GraphBuilder();
        Random rnd = new Random(seed);
        Value x = imageInput(g, rnd, new int[] {1, 5, 4, 6}, false);
        Value y = plainConv(g, rnd, x, 3, 6);
        Value other = variant == Residual.BROADCAST
                ? g.int8Input(new int[] {1, 1, 1, 6}, new Quant(randomScale(rnd, -8, -2), randomZeroPoint(rnd)), rnd)
                : x;
        Value sum = Ops.add(g, rnd, y, other, ActivationFunctionType.NONE);
        if (variant == Residual.READ_TWICE) {
            sum = Ops.add(g, rnd, sum, Ops.add(g, rnd, y, y, ActivationFunctionType.NONE), ActivationFunctionType.NONE);
        }
        return g.build(variant == Residual.ALSO_AN_OUTPUT ? List.of(sum, y) : List.of(sum));
    }

    /**
     * Two int8 branches of x ([1, 5, 4, 6]), a a 3x3 CONV_2D to 5 channels and b a 1x1 CONV_2D to 7
     * (as {@code variant} says otherwise), quantized alike and joined as {@code variant} says.
     */
    public static Case concatenationVariant(Joined variant, long seed) {
        GraphBuilder g = new GraphBuilder();
        Random rnd = new Random(seed);
        Value x = imageInput(g, rnd, new int[] {1, 5, 4, 6}, false);
        Value a = plainConv(g, rnd, x, 3, variant == Joined.WIDTH ? 7 : 5);
        Value b = variant == Joined.POOLED ? Ops.pool2d(g, x, BuiltinOperator.MAX_POOL_2D, new Window(3, 3, 1, 1, 1, 1,
                Padding.SAME), ActivationFunctionType.NONE)
                : variant == Joined.AN_INPUT ? x
                : plainConv(g, rnd, variant == Joined.WIDE_LATE_BRANCH ? plainConv(g, rnd, x, 1, 48) : x, 1, 7);
        a = g.quantizedAs(a, b.quant());
        Value y = MovementOps.concatenation(g, List.of(a, b), variant == Joined.WIDTH ? 2 : 3);
        if (variant == Joined.READ_TWICE) {
            return g.build(List.of(y, Ops.add(g, rnd, a, a, ActivationFunctionType.NONE)));
        }
        return g.build(variant == Joined.ALSO_AN_OUTPUT ? List.of(y, a) : List.of(y));
    }

    /** How {@link #concatenationVariant} joins two branches a and b of one image. */
    public enum Joined {
        /** CONCATENATION(a, b) along the channels: its producers may write it in place. */
        CHANNELS,
        /** ... with a a graph output too: a must be stored whole. */
        ALSO_AN_OUTPUT,
        /** ... with a read by an ADD too. */
        READ_TWICE,
        /** ... with b a MAX_POOL_2D, which only the portable kernels run. */
        POOLED,
        /** ... with b the graph input itself, which no layer writes. */
        AN_INPUT,
        /** CONCATENATION(a, b) along the width: rows of several pixels. */
        WIDTH,
        /** ... with b computed after a through a wide tensor (48 channels): the joined whole costs more. */
        WIDE_LATE_BRANCH
    }

    /** A k x k CONV_2D of x to {@code channels}, stride 1, SAME padding, no activation, per tensor. */
    private static Value plainConv(GraphBuilder g, Random rnd, Value x, int k, int channels) {
        return Ops.conv2d(g, rnd, x, new ConvSpec(channels, new Window(k, k, 1, 1, 1, 1, Padding.SAME),
                ActivationFunctionType.NONE, false));
    }

    /** A residual block's shortcut: a 1x1 CONV_2D of x to {@code channels} with the block's stride. */
    private static Value residualShortcut(GraphBuilder g, Random rnd, Value x, int channels, int stride) {
        return Ops.conv2d(g, rnd, x, new ConvSpec(channels, new Window(1, 1, stride, stride, 1, 1, Padding.SAME),
                Graphs.activation(rnd), rnd.nextBoolean()));
    }

    /**
     * Blocks of layers repeated as DS-CNN's and MobileNet's are: an image ([1..2, 2..8, 2..8, 1..12])
     * or a batch of rows ([1..4, 1..16]), int8 or float32, and a block of 1..3 layers that keeps the
     * shape, repeated 2..4 times: CONV_2D (a window of 1..3, SAME, stride 1; a layer inside the block
     * may change the channels, the last restores them), DEPTHWISE_CONV_2D (multiplier 1) on images,
     * FULLY_CONNECTED on rows; per tensor or per channel, any fused activation. Each copy has weights,
     * biases and scales of its own, but the first copy's output quantization (int8; at times the
     * block's output takes the input's, so that the first copy's first layer is like the others), its
     * activations and per-channel choices: layers of the same shapes and parameters, which
     * {@code --optimize balanced} runs with one function.
     */
    public static Arbitrary<Case> repeatedBlocks(boolean float32) {
        return Combinators.combine(size(2, 4), seed()).as((copies, seed) -> single(seed, (g, rnd) -> {
            boolean rows = rnd.nextInt(4) == 0;
            int[] shape = rows ? new int[] {1 + rnd.nextInt(4), 1 + rnd.nextInt(16)}
                    : new int[] {1 + rnd.nextInt(2), 2 + rnd.nextInt(7), 2 + rnd.nextInt(7), 1 + rnd.nextInt(12)};
            Value x = imageInput(g, rnd, shape, float32);
            int channels = x.last();
            int length = 1 + rnd.nextInt(3);
            int[] kinds = new int[length];
            int[] widths = new int[length];
            int[] kernels = new int[length];
            byte[] activations = new byte[length];
            boolean[] perChannel = new boolean[length];
            int c = channels;
            for (int i = 0; i < length; i++) {
                boolean last = i == length - 1;
                // 0: CONV_2D, 1: DEPTHWISE_CONV_2D (keeps the channels), 2: FULLY_CONNECTED
                kinds[i] = rows ? 2 : rnd.nextInt(2) == 1 && (!last || c == channels) ? 1 : 0;
                widths[i] = kinds[i] == 1 ? c : last ? channels : 1 + rnd.nextInt(16);
                kernels[i] = 1 + rnd.nextInt(3);
                activations[i] = Graphs.activation(rnd);
                perChannel[i] = rnd.nextBoolean();
                c = widths[i];
            }
            boolean inputQuant = !float32 && rnd.nextBoolean();
            Quant[] quants = new Quant[length];
            Value input = x;
            for (int copy = 0; copy < copies; copy++) {
                for (int i = 0; i < length; i++) {
                    Window w = new Window(kernels[i], kernels[i], 1, 1, 1, 1, Padding.SAME);
                    Value y = kinds[i] == 2
                            ? Ops.fullyConnected(g, rnd, x, new FcSpec(widths[i], false, false, activations[i],
                                    perChannel[i]))
                            : kinds[i] == 1 ? Ops.depthwiseConv2d(g, rnd, x, new DepthwiseSpec(1, w, activations[i],
                                    perChannel[i]))
                            : Ops.conv2d(g, rnd, x, new ConvSpec(widths[i], w, activations[i], perChannel[i]));
                    if (!float32 && copy == 0 && i == length - 1 && inputQuant) {
                        y = g.quantizedAs(y, input.quant());
                    }
                    if (!float32 && copy > 0) {
                        y = g.quantizedAs(y, quants[i]);
                    }
                    quants[i] = y.quant();
                    x = y;
                }
            }
            return x;
        }));
    }

    /** A float32 input in [-2, 2], or an int8 one of a random scale and zero point. */
    private static Value imageInput(GraphBuilder g, Random rnd, int[] shape, boolean float32) {
        return float32 ? g.floatInput(shape, rnd, -2f, 2f)
                : g.int8Input(shape, new Quant(randomScale(rnd, -8, -2), randomZeroPoint(rnd)), rnd);
    }

    /** A 1x1 CONV_2D that keeps x's channels (one time in three), or widens or narrows them (at most 24). */
    private static Value pointwise(GraphBuilder g, Random rnd, Value x, byte activation, boolean perChannel) {
        int c = x.last();
        int out = rnd.nextInt(3) == 0 ? c : Math.max(1, Math.min(24, c / 2 + rnd.nextInt(2 * c + 1)));
        return Ops.conv2d(g, rnd, x, new ConvSpec(out, new Window(1, 1, 1, 1, 1, 1, Padding.SAME), activation,
                perChannel));
    }

    /**
     * Chains of 2..4 window layers over one image ([1, 6..29, 1..9, 1..8]), int8 or float32, as
     * patch-based execution takes them: CONV_2D of any window (1..3 high, stride and dilation 1..2,
     * SAME or VALID), 1x1 CONV_2D that widens, keeps or narrows, DEPTHWISE_CONV_2D (multiplier 1),
     * and average and max pooling, per tensor or per channel, any fused activation. Below 10 rows a
     * window keeps the height (stride 1, SAME), so that every layer has rows for two bands.
     */
    public static Arbitrary<Case> windowChains(boolean float32) {
        return Combinators.combine(size(2, 4), seed()).as((length, seed) -> single(seed, (g, rnd) -> {
            int[] shape = {1, 6 + rnd.nextInt(24), 1 + rnd.nextInt(9), 1 + rnd.nextInt(8)};
            Value x = imageInput(g, rnd, shape, float32);
            for (int step = 0; step < length; step++) {
                int kind = rnd.nextInt(4);
                boolean perChannel = rnd.nextBoolean();
                byte activation = Graphs.activation(rnd);
                Window w = Graphs.window(rnd, x, kind != 3);
                if (x.shape()[1] < 10) {
                    w = new Window(w.kh(), w.kw(), 1, w.sw(), w.dh(), w.dw(), Padding.SAME);
                }
                if (kind == 0) {
                    x = Ops.conv2d(g, rnd, x, new ConvSpec(1 + rnd.nextInt(12), w, activation, perChannel));
                } else if (kind == 1) {
                    x = pointwise(g, rnd, x, activation, perChannel);
                } else if (kind == 2) {
                    x = Ops.depthwiseConv2d(g, rnd, x, new DepthwiseSpec(1, w, activation, perChannel));
                } else {
                    x = Ops.pool2d(g, x, rnd.nextBoolean() ? BuiltinOperator.AVERAGE_POOL_2D : BuiltinOperator.MAX_POOL_2D,
                            w, activation);
                }
            }
            return x;
        }));
    }

    /**
     * Branching int8 graphs for operator ordering: 2 or 3 branches off one [1, H, W, C] input, each a
     * chain of 1..3 of Graphs' steps (convolutions, pooling, FULLY_CONNECTED, ...), every branch's end
     * a graph output. The file runs the branches interleaved, step 1 of each, then step 2 of each, ...,
     * which keeps every branch's latest tensor alive at once.
     */
    public static Arbitrary<Case> branchingGraphs() {
        return Combinators.combine(size(2, 3), size(1, 3), seed()).as((branches, length, seed) -> {
            GraphBuilder g = new GraphBuilder();
            Random rnd = new Random(seed);
            int[] shape = {1, 2 + rnd.nextInt(7), 2 + rnd.nextInt(7), 1 + rnd.nextInt(4)};
            Value x = g.int8Input(shape, new Quant(randomScale(rnd, -8, -2), randomZeroPoint(rnd)), rnd);
            List<Value> ends = new ArrayList<>(java.util.Collections.nCopies(branches, x));
            for (int step = 0; step < length; step++) {
                for (int b = 0; b < branches; b++) {
                    ends.set(b, Graphs.next(g, rnd, ends.get(b)));
                }
            }
            return g.build(ends);
        });
    }

    // ---------------------------------------------------------------- values and specs

    /** A tensor produced in the graph being built: its index, type, shape and (int8) quantization. */
    record Value(int tensor, byte type, int[] shape, Quant quant) {
        boolean isInt8() {
            return type == TensorType.INT8;
        }

        boolean isInt16() {
            return type == TensorType.INT16;
        }

        int rank() {
            return shape.length;
        }

        int last() {
            return shape[shape.length - 1];
        }

        @Override
        public String toString() {
            return shapeText(shape) + (quant == null ? (type == TensorType.INT32 ? "i32" : "f32")
                    : (type == TensorType.INT16 ? "i16" : "") + quant);
        }
    }

    /** Scale(s) and zero point(s); per-channel along {@code dimension} when there is more than one scale. */
    record Quant(float[] scales, long[] zeroPoints, int dimension) {
        Quant(float scale, int zeroPoint) {
            this(new float[] {scale}, new long[] {zeroPoint}, 0);
        }

        float scale() {
            return scales[0];
        }

        int zeroPoint() {
            return (int) zeroPoints[0];
        }

        boolean perChannel() {
            return scales.length > 1;
        }

        QuantizationParametersT toSchema() {
            QuantizationParametersT q = new QuantizationParametersT();
            q.setScale(scales.clone());
            q.setZeroPoint(zeroPoints.clone());
            q.setQuantizedDimension(dimension);
            return q;
        }

        @Override
        public String toString() {
            if (!perChannel()) {
                return "q(" + num(scale()) + "," + zeroPoint() + ")";
            }
            double lo = Double.MAX_VALUE;
            double hi = 0;
            for (float s : scales) {
                lo = Math.min(lo, s);
                hi = Math.max(hi, s);
            }
            return "q[" + scales.length + "ch dim" + dimension + " " + num(lo) + ".." + num(hi) + "]";
        }
    }

    /** Kernel (or pool filter) size, stride, dilation and padding of a 2-D window. */
    record Window(int kh, int kw, int sh, int sw, int dh, int dw, byte padding) {
        /** DEPTHWISE_CONV_2D's options for this window. */
        DepthwiseConv2DOptionsT depthwiseOptions(int multiplier, byte activation) {
            DepthwiseConv2DOptionsT o = new DepthwiseConv2DOptionsT();
            o.setPadding(padding);
            o.setStrideH(sh);
            o.setStrideW(sw);
            o.setDilationHFactor(dh);
            o.setDilationWFactor(dw);
            o.setDepthMultiplier(multiplier);
            o.setFusedActivationFunction(activation);
            return o;
        }

        int effectiveH() {
            return (kh - 1) * dh + 1;
        }

        int effectiveW() {
            return (kw - 1) * dw + 1;
        }

        int outH(int h) {
            return outSize(h, effectiveH(), sh, padding);
        }

        int outW(int w) {
            return outSize(w, effectiveW(), sw, padding);
        }

        @Override
        public String toString() {
            return "k" + kh + "x" + kw + " s" + sh + "x" + sw + (dh * dw > 1 ? " d" + dh + "x" + dw : "")
                    + " " + Padding.names[padding];
        }
    }

    /** {@code groups} > 1: a grouped convolution, whose filter holds in_c / groups input channels. */
    record ConvSpec(int outChannels, Window window, byte activation, boolean perChannel, int groups) {
        ConvSpec(int outChannels, Window window, byte activation, boolean perChannel) {
            this(outChannels, window, activation, perChannel, 1);
        }
    }

    record DepthwiseSpec(int multiplier, Window window, byte activation, boolean perChannel) {
    }

    /** {@code spanTrailing}: without keep_num_dims, the depth is the product of all dims after the first. */
    record FcSpec(int units, boolean keepNumDims, boolean spanTrailing, byte activation, boolean perChannel) {
    }

    /** How RESHAPE gets its target shape. */
    public enum ReshapeForm {
        OPTION, SHAPE_TENSOR, SHAPE_TENSOR_AND_OPTION
    }

    static int outSize(int in, int effectiveKernel, int stride, byte padding) {
        return padding == Padding.SAME ? (in + stride - 1) / stride : (in - effectiveKernel + stride) / stride;
    }

    // ---------------------------------------------------------------- operators

    /** Appends one operator to a graph, choosing its weights and output quantization at random. */
    static final class Ops {
        private Ops() {
        }

        static Value conv2d(GraphBuilder g, Random rnd, Value x, ConvSpec s) {
            int[] in = x.shape();
            Window w = s.window();
            int cin = in[3] / s.groups(); // per group
            int cout = s.outChannels();
            int[] filterShape = {cout, w.kh(), w.kw(), cin};
            int[] out = {in[0], w.outH(in[1]), w.outW(in[2]), cout};
            Weights wt = weights(g, rnd, x, "conv", filterShape, cout, 0, w.kh() * w.kw() * cin, s.perChannel(),
                    s.activation());
            Value y = g.activation("conv_out", x.type(), out, wt.outQuant());
            Conv2DOptionsT o = new Conv2DOptionsT();
            o.setPadding(w.padding());
            o.setStrideH(w.sh());
            o.setStrideW(w.sw());
            o.setDilationHFactor(w.dh());
            o.setDilationWFactor(w.dw());
            o.setFusedActivationFunction(s.activation());
            g.operator(BuiltinOperator.CONV_2D, x.isInt8() ? 3 : 1, new int[] {x.tensor(), wt.filter(), wt.bias()},
                    y.tensor(), BuiltinOptions.Conv2DOptions, o);
            g.describe("CONV_2D " + precisionText(x, s.perChannel()) + " in=" + x + " filter=" + shapeText(filterShape)
                    + (s.groups() > 1 ? " groups=" + s.groups() : "") + (x.isInt8() ? wt.filterQuant() : "") + " " + w + " " + activationText(s.activation()) + " -> " + y);
            return y;
        }

        static Value depthwiseConv2d(GraphBuilder g, Random rnd, Value x, DepthwiseSpec s) {
            int[] in = x.shape();
            Window w = s.window();
            int channels = in[3] * s.multiplier();
            int[] filterShape = {1, w.kh(), w.kw(), channels};
            int[] out = {in[0], w.outH(in[1]), w.outW(in[2]), channels};
            Weights wt = weights(g, rnd, x, "depthwise", filterShape, channels, 3, w.kh() * w.kw(), s.perChannel(),
                    s.activation());
            Value y = g.activation("depthwise_out", x.type(), out, wt.outQuant());
            DepthwiseConv2DOptionsT o = w.depthwiseOptions(s.multiplier(), s.activation());
            int version = x.isInt8() ? 3 : (w.dh() * w.dw() > 1 ? 2 : 1);
            g.operator(BuiltinOperator.DEPTHWISE_CONV_2D, version, new int[] {x.tensor(), wt.filter(), wt.bias()},
                    y.tensor(), BuiltinOptions.DepthwiseConv2DOptions, o);
            g.describe("DEPTHWISE_CONV_2D " + precisionText(x, s.perChannel()) + " in=" + x + " multiplier="
                    + s.multiplier() + " filter=" + shapeText(filterShape) + (x.isInt8() ? wt.filterQuant() : "") + " "
                    + w + " " + activationText(s.activation()) + " -> " + y);
            return y;
        }

        static Value fullyConnected(GraphBuilder g, Random rnd, Value x, FcSpec s) {
            int[] in = x.shape();
            int depth = s.spanTrailing() ? elements(in) / in[0] : x.last();
            int[] out;
            if (s.keepNumDims()) {
                out = in.clone();
                out[out.length - 1] = s.units();
            } else {
                out = new int[] {elements(in) / depth, s.units()};
            }
            int[] filterShape = {s.units(), depth};
            Weights wt = weights(g, rnd, x, "fc", filterShape, s.units(), 0, depth, s.perChannel(), s.activation());
            Value y = g.activation("fc_out", x.type(), out, wt.outQuant());
            FullyConnectedOptionsT o = new FullyConnectedOptionsT();
            o.setFusedActivationFunction(s.activation());
            o.setKeepNumDims(s.keepNumDims());
            int version = s.keepNumDims() ? 5 : (x.isInt8() ? 4 : 1);
            g.operator(BuiltinOperator.FULLY_CONNECTED, version, new int[] {x.tensor(), wt.filter(), wt.bias()},
                    y.tensor(), BuiltinOptions.FullyConnectedOptions, o);
            g.describe("FULLY_CONNECTED " + precisionText(x, s.perChannel()) + " in=" + x + " weights="
                    + shapeText(filterShape) + (x.isInt8() ? wt.filterQuant() : "") + " keep_num_dims=" + s.keepNumDims()
                    + " " + activationText(s.activation()) + " -> " + y);
            return y;
        }

        static Value pool2d(GraphBuilder g, Value x, int kind, Window w, byte activation) {
            int[] in = x.shape();
            int[] out = {in[0], w.outH(in[1]), w.outW(in[2]), in[3]};
            Value y = g.activation("pool_out", x.type(), out, x.quant());
            Pool2DOptionsT o = new Pool2DOptionsT();
            o.setPadding(w.padding());
            o.setStrideH(w.sh());
            o.setStrideW(w.sw());
            o.setFilterHeight(w.kh());
            o.setFilterWidth(w.kw());
            o.setFusedActivationFunction(activation);
            g.operator(kind, x.isInt16() ? 3 : x.isInt8() ? 2 : 1, new int[] {x.tensor()}, y.tensor(),
                    BuiltinOptions.Pool2DOptions, o);
            String name = kind == BuiltinOperator.MAX_POOL_2D ? "MAX_POOL_2D" : "AVERAGE_POOL_2D";
            g.describe(name + " " + precisionText(x, false) + " in=" + x + " " + w + " " + activationText(activation)
                    + " -> " + y);
            return y;
        }

        static Value add(GraphBuilder g, Random rnd, Value a, Value b, byte activation) {
            int[] out = broadcastShape(a.shape(), b.shape());
            Quant q = null;
            if (a.isInt8()) {
                q = addQuant(rnd, a.quant(), b.quant(), activation);
            } else if (a.isInt16()) {
                double[] ra = int16Range(a.quant());
                double[] rb = int16Range(b.quant());
                q = narrowedInt16Quant(rnd, ra[0] + rb[0], ra[1] + rb[1], activation);
            }
            Value y = g.activation("add_out", a.type(), out, q);
            AddOptionsT o = new AddOptionsT();
            o.setFusedActivationFunction(activation);
            o.setPotScaleInt16(false); // TFLite's general int16 path, TFLM's only one, as the converter writes
            g.operator(BuiltinOperator.ADD, a.isInt16() ? 3 : a.isInt8() ? 2 : 1, new int[] {a.tensor(), b.tensor()},
                    y.tensor(), BuiltinOptions.AddOptions, o);
            g.describe("ADD " + precisionText(a, false) + " a=" + a + " b=" + b + " " + activationText(activation)
                    + " -> " + y);
            return y;
        }

        static Value reshape(GraphBuilder g, Random rnd, Value x, int[] target, ReshapeForm form, boolean minusOne) {
            int[] written = target.clone();
            if (minusOne) {
                written[rnd.nextInt(written.length)] = -1;
            }
            Value y = g.activation("reshape_out", x.type(), target, x.quant());
            int[] inputs;
            if (form == ReshapeForm.OPTION) {
                inputs = new int[] {x.tensor()};
            } else {
                int shape = g.constant("reshape_shape", TensorType.INT32, new int[] {written.length}, null,
                        int32Bytes(written));
                inputs = new int[] {x.tensor(), shape};
            }
            ReshapeOptionsT o = null;
            if (form != ReshapeForm.SHAPE_TENSOR) {
                o = new ReshapeOptionsT();
                o.setNewShape(written.clone());
            }
            g.operator(BuiltinOperator.RESHAPE, 1, inputs, y.tensor(), BuiltinOptions.ReshapeOptions, o);
            g.describe("RESHAPE " + precisionText(x, false) + " in=" + x + " new_shape=" + shapeText(written) + " via "
                    + form.name().toLowerCase(Locale.ROOT) + " -> " + y);
            return y;
        }

        static Value softmax(GraphBuilder g, Value x, float beta) {
            return softmax(g, x, beta, x.type());
        }

        /**
         * SOFTMAX to {@code outType}: float32; from int8, int8 (1/256, -128) or int16 (1/65536, -32768);
         * from int16, int16 (1/32768, 0).
         */
        static Value softmax(GraphBuilder g, Value x, float beta, byte outType) {
            Quant q = x.isInt16() ? new Quant(1f / 32768, 0) : !x.isInt8() ? null
                    : outType == TensorType.INT16 ? new Quant(1f / 65536, -32768) : new Quant(1f / 256, -128);
            Value y = g.activation("softmax_out", outType, x.shape(), q);
            SoftmaxOptionsT o = new SoftmaxOptionsT();
            o.setBeta(beta);
            g.operator(BuiltinOperator.SOFTMAX, x.isInt16() ? 3 : x.isInt8() ? 2 : 1, new int[] {x.tensor()},
                    y.tensor(), BuiltinOptions.SoftmaxOptions, o);
            g.describe("SOFTMAX " + precisionText(x, false) + " in=" + x + " beta=" + num(beta) + " -> " + y);
            return y;
        }

        static Value quantize(GraphBuilder g, Value x, Quant out) {
            return quantize(g, x, out, TensorType.INT8);
        }

        /** QUANTIZE to int8 or int16 ({@code type}); int16 in or out is version 2 in TensorFlow Lite 2.6. */
        static Value quantize(GraphBuilder g, Value x, Quant out, byte type) {
            Value y = g.activation("quantize_out", type, x.shape(), out);
            g.operator(BuiltinOperator.QUANTIZE, x.isInt16() || y.isInt16() ? 2 : 1, new int[] {x.tensor()}, y.tensor(),
                    BuiltinOptions.QuantizeOptions, new QuantizeOptionsT());
            g.describe("QUANTIZE " + precisionText(x, false) + "->" + precisionText(y, false) + " in=" + x + " -> " + y);
            return y;
        }

        static Value dequantize(GraphBuilder g, Value x) {
            Value y = g.activation("dequantize_out", TensorType.FLOAT32, x.shape(), null);
            g.operator(BuiltinOperator.DEQUANTIZE, x.isInt16() ? 4 : 2, new int[] {x.tensor()}, y.tensor(),
                    BuiltinOptions.DequantizeOptions, new DequantizeOptionsT());
            g.describe("DEQUANTIZE " + precisionText(x, false) + "->float32 in=" + x + " -> " + y);
            return y;
        }

        /** Filter and bias tensors, with the output quantization that suits them. */
        /**
         * Symmetric int8 weight scales: {@code base}, or per channel along {@code dimension} a scale
         * within a factor 2 of it.
         */
        static Quant filterQuant(Random rnd, float base, int channels, boolean perChannel, int dimension) {
            float[] scales = new float[perChannel ? channels : 1];
            for (int c = 0; c < scales.length; c++) {
                scales[c] = perChannel ? (float) (base * Math.pow(2, rnd.nextDouble() * 2 - 1)) : base;
            }
            return new Quant(scales, new long[scales.length], perChannel ? dimension : 0);
        }

        /** {@code n} int8 weights in [-127, 127]. */
        static byte[] int8Weights(Random rnd, int n) {
            byte[] filter = new byte[n];
            for (int i = 0; i < n; i++) {
                filter[i] = (byte) (rnd.nextInt(255) - 127);
            }
            return filter;
        }

        record Weights(int filter, int bias, Quant filterQuant, Quant outQuant) {
        }

        /**
         * Random filter [..] with {@code channels} output channels along {@code dimension}, its bias,
         * and (int8) an output scale that keeps a sum of {@code depth} products within tens of steps.
         */
        /**
         * SVDF on a new input [batches, input size]. int8: feature weights in [-127, 127]; an int16
         * state (zero point 0) with time weights in [-2000, 2000], or an int8 state (random zero point)
         * with time weights in [-127, 127], so that int32 sums stay in range; the state scale puts a
         * typical feature product thousands (int16) or tens (int8) of steps from zero; bias scale
         * state scale x time scale (in float, as TFLM checks it); the output scale spreads a typical
         * sum over tens of steps.
         */
        static Value svdf(GraphBuilder g, Random rnd, SvdfSpec s) {
            int filters = s.units() * s.rank();
            int[] in = {s.batches(), s.inputSize()};
            int[] featureShape = {filters, s.inputSize()};
            int[] timeShape = {filters, s.memory()};
            int[] stateShape = {s.batches(), filters * s.memory()};
            int[] out = {s.batches(), s.units()};
            int feature;
            int time;
            int bias;
            int state;
            Value x;
            Value y;
            if (s.kind() == SvdfKind.FLOAT32) {
                x = g.floatInput(in, rnd, -1f, 1f);
                feature = g.constant("svdf_feature", TensorType.FLOAT32, featureShape, null,
                        float32Bytes(randomFloats(rnd, elements(featureShape))));
                time = g.constant("svdf_time", TensorType.FLOAT32, timeShape, null,
                        float32Bytes(randomFloats(rnd, elements(timeShape))));
                bias = rnd.nextBoolean() ? g.constant("svdf_bias", TensorType.FLOAT32, new int[] {s.units()}, null,
                        float32Bytes(randomFloats(rnd, s.units()))) : -1;
                state = g.variable("svdf_state", TensorType.FLOAT32, stateShape, null);
                y = g.activation("svdf_out", TensorType.FLOAT32, out, null);
            } else {
                boolean wide = s.kind() == SvdfKind.INT8_STATE16;
                x = g.int8Input(in, new Quant(randomScale(rnd, -8, -2), randomZeroPoint(rnd)), rnd);
                float featureScale = randomScale(rnd, -8, -2);
                byte[] featureWeights = new byte[elements(featureShape)];
                for (int i = 0; i < featureWeights.length; i++) {
                    featureWeights[i] = (byte) (rnd.nextInt(255) - 127);
                }
                feature = g.constant("svdf_feature", TensorType.INT8, featureShape, new Quant(featureScale, 0),
                        featureWeights);
                double typicalFeature = x.quant().scale() * featureScale * 127 * 64 * Math.sqrt(s.inputSize());
                int typicalState = wide ? 4000 : 40;
                float stateScale = (float) (typicalFeature / typicalState * Math.pow(2, rnd.nextDouble() * 2 - 1));
                int timeBound = wide ? 2000 : 127;
                float timeScale = randomScale(rnd, -8, -2);
                int[] timeWeights = new int[elements(timeShape)];
                for (int i = 0; i < timeWeights.length; i++) {
                    timeWeights[i] = rnd.nextInt(2 * timeBound + 1) - timeBound;
                }
                byte stateType = wide ? TensorType.INT16 : TensorType.INT8;
                time = g.constant("svdf_time", stateType, timeShape, new Quant(timeScale, 0),
                        wide ? int16Bytes(timeWeights) : int8Bytes(timeWeights));
                float biasScale = stateScale * timeScale;
                double typicalSum = timeBound / 2.0 * typicalState * Math.sqrt(s.memory() * s.rank());
                int[] biasValues = new int[s.units()];
                for (int i = 0; i < biasValues.length; i++) {
                    biasValues[i] = (int) ((rnd.nextDouble() * 2 - 1) * typicalSum);
                }
                bias = g.constant("svdf_bias", TensorType.INT32, new int[] {s.units()}, new Quant(biasScale, 0),
                        int32Bytes(biasValues));
                state = g.variable("svdf_state", stateType, stateShape,
                        new Quant(stateScale, wide ? 0 : randomZeroPoint(rnd)));
                float outScale = (float) (biasScale * typicalSum / 30 * Math.pow(2, rnd.nextDouble() * 2 - 1));
                y = g.activation("svdf_out", TensorType.INT8, out, new Quant(outScale, randomZeroPoint(rnd)));
            }
            SVDFOptionsT o = new SVDFOptionsT();
            o.setRank(s.rank());
            o.setFusedActivationFunction(s.activation());
            g.operator(BuiltinOperator.SVDF, s.kind() == SvdfKind.FLOAT32 ? 1 : 3,
                    new int[] {x.tensor(), feature, time, bias, state}, y.tensor(), BuiltinOptions.SVDFOptions, o);
            g.describe("SVDF " + s.kind() + " in=" + x + " units=" + s.units() + " rank=" + s.rank() + " memory="
                    + s.memory() + (bias < 0 ? " no bias" : "") + " " + activationText(s.activation()) + " -> " + y);
            return y;
        }

        private static float[] randomFloats(Random rnd, int n) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextFloat() * 2 - 1;
            }
            return v;
        }

        static Weights weights(GraphBuilder g, Random rnd, Value x, String name, int[] filterShape,
                int channels, int dimension, int depth, boolean perChannel, byte activation) {
            int n = elements(filterShape);
            if (!x.isInt8()) {
                float[] filter = new float[n];
                for (int i = 0; i < n; i++) {
                    filter[i] = rnd.nextFloat() * 2 - 1;
                }
                float[] bias = new float[channels];
                for (int i = 0; i < channels; i++) {
                    bias[i] = rnd.nextFloat() * 2 - 1;
                }
                int f = g.constant(name + "_filter", TensorType.FLOAT32, filterShape, null, float32Bytes(filter));
                int b = g.constant(name + "_bias", TensorType.FLOAT32, new int[] {channels}, null, float32Bytes(bias));
                return new Weights(f, b, null, null);
            }
            float base = randomScale(rnd, -8, -2);
            Quant filterQuant = filterQuant(rnd, base, channels, perChannel, dimension);
            float[] scales = filterQuant.scales();
            byte[] filter = int8Weights(rnd, n);
            float inScale = x.quant().scale();
            float[] biasScales = new float[scales.length];
            int[] bias = new int[channels];
            int bound = (int) (4000 * Math.sqrt(depth)) + 100;
            for (int c = 0; c < channels; c++) {
                bias[c] = rnd.nextInt(2 * bound + 1) - bound;
            }
            for (int c = 0; c < scales.length; c++) {
                biasScales[c] = inScale * scales[c];
            }
            Quant biasQuant = new Quant(biasScales, new long[biasScales.length], 0);
            int f = g.constant(name + "_filter", TensorType.INT8, filterShape, filterQuant, filter);
            int b = g.constant(name + "_bias", TensorType.INT32, new int[] {channels}, biasQuant, int32Bytes(bias));
            double multiplier = 0.01 / Math.sqrt(depth) * Math.pow(2, rnd.nextDouble() * 3 - 1.5);
            Quant out = outputQuant(rnd, inScale * base / multiplier, activation);
            return new Weights(f, b, filterQuant, out);
        }
    }

    // ---------------------------------------------------------------- data movement and reduction operators

    /** Appends one data-movement or reduction operator to a graph. */
    static final class MovementOps {
        private MovementOps() {
        }

        /** PAD ({@code value} null) or PADV2 with the value's bits (an int8 value, or a float's bits). */
        static Value pad(GraphBuilder g, Value x, int[][] pads, Integer value) {
            int rank = x.rank();
            int[] out = x.shape().clone();
            int[] flat = new int[2 * rank];
            for (int d = 0; d < rank; d++) {
                flat[2 * d] = pads[d][0];
                flat[2 * d + 1] = pads[d][1];
                out[d] += pads[d][0] + pads[d][1];
            }
            int paddings = g.constant("paddings", TensorType.INT32, new int[] {rank, 2}, null, int32Bytes(flat));
            Value y = g.activation("pad_out", x.type(), out, x.quant());
            String text;
            if (value == null) {
                g.operator(BuiltinOperator.PAD, x.isInt8() ? 2 : 1, new int[] {x.tensor(), paddings}, y.tensor(),
                        BuiltinOptions.PadOptions, new PadOptionsT());
                text = "PAD";
            } else {
                byte[] data = x.isInt8() ? new byte[] {(byte) (int) value} : int32Bytes(new int[] {value});
                int c = g.constant("pad_value", x.type(), new int[0], x.quant(), data);
                g.operator(BuiltinOperator.PADV2, x.isInt8() ? 2 : 1, new int[] {x.tensor(), paddings, c}, y.tensor(),
                        BuiltinOptions.PadV2Options, new PadV2OptionsT());
                text = "PADV2 value=" + (x.isInt8() ? value : num(Float.intBitsToFloat(value)));
            }
            g.describe(text + " " + precisionText(x, false) + " in=" + x + " paddings="
                    + Arrays.deepToString(pads) + " -> " + y);
            return y;
        }

        /** MEAN or SUM over {@code axes}; int8 output quantized to spread the typical results over the range. */
        static Value reduce(GraphBuilder g, Random rnd, Value x, int kind, int[] axes, boolean keepDims) {
            int rank = x.rank();
            boolean[] reduced = new boolean[rank];
            for (int a : axes) {
                reduced[a < 0 ? a + rank : a] = true;
            }
            List<Integer> out = new ArrayList<>();
            int count = 1;
            for (int d = 0; d < rank; d++) {
                count *= reduced[d] ? x.shape()[d] : 1;
                if (!reduced[d] || keepDims) {
                    out.add(reduced[d] ? 1 : x.shape()[d]);
                }
            }
            Quant q = null;
            if (x.isInt8() && kind == BuiltinOperator.SUM) {
                // Every sum in range: TFLite 2.6's int8 SUM wraps where TFLM saturates.
                double scale = x.quant().scale();
                q = rangeQuant(count * (-128 - x.quant().zeroPoint()) * scale, count * (127 - x.quant().zeroPoint())
                        * scale, ActivationFunctionType.NONE);
            } else if (x.isInt8()) {
                // uniform int8 inputs: mean -0.5, deviation 74 steps, less in a mean of many
                double scale = x.quant().scale();
                double centre = scale * (-0.5 - x.quant().zeroPoint());
                double spread = scale * 74 / Math.sqrt(count) * Math.pow(2, rnd.nextDouble() * 3);
                q = rangeQuant(centre - spread, centre + spread, ActivationFunctionType.NONE);
            }
            Value y = g.activation(kind == BuiltinOperator.SUM ? "sum_out" : "mean_out", x.type(),
                    out.stream().mapToInt(Integer::intValue).toArray(), q);
            int axis = g.constant("axis", TensorType.INT32, new int[] {axes.length}, null, int32Bytes(axes));
            ReducerOptionsT o = new ReducerOptionsT();
            o.setKeepDims(keepDims);
            g.operator(kind, x.isInt8() ? 2 : 1, new int[] {x.tensor(), axis}, y.tensor(),
                    BuiltinOptions.ReducerOptions, o);
            g.describe(BuiltinOperator.name(kind) + " " + precisionText(x, false) + " in=" + x + " axes="
                    + shapeText(axes) + " keep_dims=" + keepDims + " -> " + y);
            return y;
        }

        /** A constant of random values: int8 quantized as {@code q}, or float in [-1, 1]. */
        static Value constant(GraphBuilder g, Random rnd, Precision precision, int[] shape, Quant q) {
            byte[] data;
            if (q != null) {
                data = new byte[elements(shape)];
                rnd.nextBytes(data);
            } else {
                float[] f = new float[elements(shape)];
                for (int i = 0; i < f.length; i++) {
                    f[i] = rnd.nextFloat() * 2 - 1;
                }
                data = float32Bytes(f);
            }
            byte type = q != null ? TensorType.INT8 : TensorType.FLOAT32;
            return new Value(g.constant("constant", type, shape, q, data), type, shape.clone(), q);
        }

        static Value concatenation(GraphBuilder g, List<Value> parts, int axis) {
            Value first = parts.get(0);
            int positive = axis < 0 ? axis + first.rank() : axis;
            int[] out = first.shape().clone();
            out[positive] = parts.stream().mapToInt(p -> p.shape()[positive]).sum();
            Value y = g.activation("concatenation_out", first.type(), out, first.quant());
            ConcatenationOptionsT o = new ConcatenationOptionsT();
            o.setAxis(axis);
            g.operator(BuiltinOperator.CONCATENATION, first.isInt8() ? 2 : 1,
                    parts.stream().mapToInt(Value::tensor).toArray(), y.tensor(), BuiltinOptions.ConcatenationOptions,
                    o);
            g.describe("CONCATENATION " + precisionText(first, false) + " in=" + parts + " axis=" + axis + " -> " + y);
            return y;
        }

        static Value transpose(GraphBuilder g, Value x, int[] perm) {
            int[] out = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                out[i] = x.shape()[perm[i]];
            }
            int p = g.constant("perm", TensorType.INT32, new int[] {perm.length}, null, int32Bytes(perm));
            Value y = g.activation("transpose_out", x.type(), out, x.quant());
            g.operator(BuiltinOperator.TRANSPOSE, x.isInt8() ? 2 : 1, new int[] {x.tensor(), p}, y.tensor(),
                    BuiltinOptions.TransposeOptions, new TransposeOptionsT());
            g.describe("TRANSPOSE " + precisionText(x, false) + " in=" + x + " perm=" + shapeText(perm) + " -> " + y);
            return y;
        }

        /**
         * A random STRIDED_SLICE of x (see {@link RandomModels#stridedSlice()}); the output shape as
         * TFLite's Prepare derives it (StartForAxis, StopForAxis, ceil((stop - start) / stride)).
         */
        static Value stridedSlice(GraphBuilder g, Random rnd, Value x) {
            int rank = x.rank();
            int[] begin = new int[rank];
            int[] end = new int[rank];
            int[] strides = new int[rank];
            int beginMask = 0;
            int endMask = 0;
            int shrinkMask = 0;
            List<Integer> out = new ArrayList<>();
            for (int d = 0; d < rank; d++) {
                int size = x.shape()[d];
                while (true) {
                    boolean shrink = rnd.nextInt(5) == 0;
                    int bit = 1 << d;
                    strides[d] = shrink ? 1 : (1 + rnd.nextInt(3)) * (rnd.nextBoolean() ? 1 : -1);
                    begin[d] = shrink ? rnd.nextInt(size) - (rnd.nextBoolean() ? size : 0)
                            : rnd.nextInt(2 * size + 3) - size - 1;
                    end[d] = rnd.nextInt(2 * size + 3) - size - 1;
                    beginMask = !shrink && rnd.nextInt(4) == 0 ? beginMask | bit : beginMask & ~bit;
                    endMask = !shrink && rnd.nextInt(4) == 0 ? endMask | bit : endMask & ~bit;
                    shrinkMask = shrink ? shrinkMask | bit : shrinkMask & ~bit;
                    int start = startForAxis(size, begin[d], strides[d], (beginMask & bit) != 0);
                    int stop = shrink ? start + 1 : stopForAxis(size, end[d], strides[d], (endMask & bit) != 0);
                    int n = (int) Math.ceil((stop - start) / (float) strides[d]);
                    if (n > 0) {
                        if (!shrink) {
                            out.add(n);
                        }
                        break;
                    }
                }
            }
            int b = g.constant("begin", TensorType.INT32, new int[] {rank}, null, int32Bytes(begin));
            int e = g.constant("end", TensorType.INT32, new int[] {rank}, null, int32Bytes(end));
            int s = g.constant("strides", TensorType.INT32, new int[] {rank}, null, int32Bytes(strides));
            Value y = g.activation("strided_slice_out", x.type(), out.stream().mapToInt(Integer::intValue).toArray(),
                    x.quant());
            StridedSliceOptionsT o = new StridedSliceOptionsT();
            o.setBeginMask(beginMask);
            o.setEndMask(endMask);
            o.setShrinkAxisMask(shrinkMask);
            g.operator(BuiltinOperator.STRIDED_SLICE, x.isInt8() ? 2 : 1, new int[] {x.tensor(), b, e, s}, y.tensor(),
                    BuiltinOptions.StridedSliceOptions, o);
            g.describe("STRIDED_SLICE " + precisionText(x, false) + " in=" + x + " begin=" + shapeText(begin) + " end="
                    + shapeText(end) + " strides=" + shapeText(strides) + " masks(begin,end,shrink)=" + beginMask + ","
                    + endMask + "," + shrinkMask + " -> " + y);
            return y;
        }

        /** TFLite's strided_slice::StartForAxis. */
        private static int startForAxis(int size, int begin, int stride, boolean masked) {
            int start = masked ? (stride > 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE) : begin;
            if (start < 0) {
                start += size;
            }
            return stride > 0 ? Math.max(0, Math.min(size, start)) : Math.max(-1, Math.min(size - 1, start));
        }

        /** TFLite's strided_slice::StopForAxis for an axis that is not shrunk. */
        private static int stopForAxis(int size, int end, int stride, boolean masked) {
            int stop = masked ? (stride > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE) : end;
            if (stop < 0) {
                stop += size;
            }
            return stride > 0 ? Math.max(0, Math.min(size, stop)) : Math.max(-1, Math.min(size - 1, stop));
        }

        static Value slice(GraphBuilder g, Value x, int[] begin, int[] size) {
            int[] out = new int[begin.length];
            for (int d = 0; d < out.length; d++) {
                out[d] = size[d] == -1 ? x.shape()[d] - begin[d] : size[d];
            }
            int b = g.constant("begin", TensorType.INT32, new int[] {begin.length}, null, int32Bytes(begin));
            int s = g.constant("size", TensorType.INT32, new int[] {size.length}, null, int32Bytes(size));
            Value y = g.activation("slice_out", x.type(), out, x.quant());
            g.operator(BuiltinOperator.SLICE, x.isInt8() ? 2 : 1, new int[] {x.tensor(), b, s}, y.tensor(),
                    BuiltinOptions.SliceOptions, new SliceOptionsT());
            g.describe("SLICE " + precisionText(x, false) + " in=" + x + " begin=" + shapeText(begin) + " size="
                    + shapeText(size) + " -> " + y);
            return y;
        }

        /** SQUEEZE of the dims {@code named}, or of every dim of 1 when it names none. */
        static Value squeeze(GraphBuilder g, Value x, int[] named) {
            List<Integer> out = new ArrayList<>();
            for (int d = 0; d < x.rank(); d++) {
                int dim = d;
                boolean squeezed = named.length == 0 ? x.shape()[d] == 1
                        : IntStream.of(named).anyMatch(n -> n == dim || n + x.rank() == dim);
                if (!squeezed) {
                    out.add(x.shape()[d]);
                }
            }
            Value y = g.activation("squeeze_out", x.type(), out.stream().mapToInt(Integer::intValue).toArray(),
                    x.quant());
            SqueezeOptionsT o = new SqueezeOptionsT();
            o.setSqueezeDims(named.clone());
            g.operator(BuiltinOperator.SQUEEZE, 1, new int[] {x.tensor()}, y.tensor(), BuiltinOptions.SqueezeOptions,
                    o);
            g.describe("SQUEEZE " + precisionText(x, false) + " in=" + x + " squeeze_dims=" + shapeText(named) + " -> "
                    + y);
            return y;
        }

        static Value expandDims(GraphBuilder g, Value x, int axis) {
            int at = axis < 0 ? axis + x.rank() + 1 : axis;
            int[] out = new int[x.rank() + 1];
            for (int d = 0; d < out.length; d++) {
                out[d] = d < at ? x.shape()[d] : d == at ? 1 : x.shape()[d - 1];
            }
            int a = g.constant("axis", TensorType.INT32, new int[] {1}, null, int32Bytes(new int[] {axis}));
            Value y = g.activation("expand_dims_out", x.type(), out, x.quant());
            g.operator(BuiltinOperator.EXPAND_DIMS, 1, new int[] {x.tensor(), a}, y.tensor(),
                    BuiltinOptions.ExpandDimsOptions, new ExpandDimsOptionsT());
            g.describe("EXPAND_DIMS " + precisionText(x, false) + " in=" + x + " axis=" + axis + " -> " + y);
            return y;
        }
    }

    // ---------------------------------------------------------------- element-wise operators

    /** Appends one element-wise operator to a graph, with the input range and output quantization that suit it. */
    static final class ElementwiseOps {
        private ElementwiseOps() {
        }

        static boolean fusesActivation(int kind) {
            return kind == BuiltinOperator.MUL || kind == BuiltinOperator.SUB || kind == BuiltinOperator.DIV;
        }

        /** MUL, SUB, MAXIMUM or MINIMUM of a and b; int8 MUL and SUB outputs quantized for their result's range. */
        static Value binary(GraphBuilder g, Random rnd, int kind, Value a, Value b, byte activation) {
            int[] out = broadcastShape(a.shape(), b.shape());
            Quant q = null;
            if (a.isInt8()) {
                double[] ra = realRange(a.quant());
                double[] rb = realRange(b.quant());
                if (kind == BuiltinOperator.MUL) {
                    double[] corners = {ra[0] * rb[0], ra[0] * rb[1], ra[1] * rb[0], ra[1] * rb[1]};
                    q = narrowedQuant(rnd, Arrays.stream(corners).min().getAsDouble(),
                            Arrays.stream(corners).max().getAsDouble(), activation);
                } else if (kind == BuiltinOperator.SUB) {
                    q = narrowedQuant(rnd, ra[0] - rb[1], ra[1] - rb[0], activation);
                } else if (kind == BuiltinOperator.DIV) {
                    // Quotients by divisors down to a quarter of the divisor's largest magnitude.
                    double k = 4 * Math.max(-ra[0], ra[1]) / Math.max(-rb[0], rb[1]);
                    q = narrowedQuant(rnd, -k, k, activation);
                } else if (kind == BuiltinOperator.SQUARED_DIFFERENCE) {
                    double d = Math.max(ra[1] - rb[0], rb[1] - ra[0]);
                    q = narrowedQuant(rnd, 0, d * d / 4, ActivationFunctionType.NONE);
                } else if (kind == BuiltinOperator.PRELU) {
                    double lo = Math.min(0, Math.min(ra[0] * rb[0], ra[0] * rb[1]));
                    double hi = Math.max(Math.max(0, ra[1]), Math.max(ra[0] * rb[0], ra[0] * rb[1]));
                    q = narrowedQuant(rnd, lo, hi, ActivationFunctionType.NONE);
                } else {
                    q = a.quant();
                }
            } else if (a.isInt16()) {
                double[] ra = int16Range(a.quant());
                double[] rb = int16Range(b.quant());
                q = kind == BuiltinOperator.MUL
                        ? narrowedInt16Quant(rnd, ra[0] * rb[1], ra[0] * rb[0], activation)
                        : narrowedInt16Quant(rnd, ra[0] - rb[1], ra[1] - rb[0], activation);
            }
            Value y = g.activation(name(kind) + "_out", a.type(), out, q);
            Object options;
            byte optionsType;
            if (kind == BuiltinOperator.MUL) {
                MulOptionsT o = new MulOptionsT();
                o.setFusedActivationFunction(activation);
                options = o;
                optionsType = BuiltinOptions.MulOptions;
            } else if (kind == BuiltinOperator.SUB) {
                SubOptionsT o = new SubOptionsT();
                o.setFusedActivationFunction(activation);
                o.setPotScaleInt16(false);
                options = o;
                optionsType = BuiltinOptions.SubOptions;
            } else if (kind == BuiltinOperator.DIV) {
                DivOptionsT o = new DivOptionsT();
                o.setFusedActivationFunction(activation);
                options = o;
                optionsType = BuiltinOptions.DivOptions;
            } else if (kind == BuiltinOperator.SQUARED_DIFFERENCE) {
                options = new SquaredDifferenceOptionsT();
                optionsType = BuiltinOptions.SquaredDifferenceOptions;
            } else if (kind == BuiltinOperator.PRELU) {
                options = null;
                optionsType = BuiltinOptions.NONE;
            } else {
                options = new MaximumMinimumOptionsT();
                optionsType = BuiltinOptions.MaximumMinimumOptions;
            }
            // TFLite 2.6 registers PRELU as version 1 only, whatever its type.
            int version = kind == BuiltinOperator.PRELU ? 1 : a.isInt16() ? 3 : a.isInt8() ? 2 : 1;
            g.operator(kind, version, new int[] {a.tensor(), b.tensor()}, y.tensor(),
                    optionsType, options);
            g.describe(name(kind) + " " + precisionText(a, false) + " a=" + a + " b=" + b
                    + (fusesActivation(kind) ? " " + activationText(activation) : "") + " -> " + y);
            return y;
        }

        /**
         * The unary operator {@code kind} on a new graph input of shape {@code in}: inputs over the
         * range where the function is interesting (LOGISTIC, TANH and EXP about [-8, 8], HARD_SWISH
         * about [-6, 6], LOG, SQRT and RSQRT in [0.01, 4], the others about [-2, 2]); int8 outputs as the converter quantizes them (LOGISTIC
         * 1/256 and -128, TANH 1/128 and 0, RELU6 as its input, the others for their output range;
         * ABS a third of the time at the input's scale, which TFLM does not rescale).
         */
        static Value unary(GraphBuilder g, Random rnd, int kind, int[] in, Precision precision) {
            boolean wide = kind == BuiltinOperator.LOGISTIC || kind == BuiltinOperator.TANH;
            boolean swish = kind == BuiltinOperator.HARD_SWISH;
            Value x;
            boolean positive = kind == BuiltinOperator.LOG || kind == BuiltinOperator.SQRT
                    || kind == BuiltinOperator.RSQRT;
            if (precision == Precision.FLOAT32 && positive) {
                x = g.floatInput(in, rnd, 0.01f, 4f);
            } else if (precision == Precision.FLOAT32) {
                float r = wide || kind == BuiltinOperator.EXP ? 8f : swish ? 6f : 2f;
                x = g.floatInput(in, rnd, -r, r);
            } else if (precision == Precision.INT16) {
                // LOGISTIC and TANH saturate beyond about 10.7 (TFLM's table): scales reaching from 1 to 16,
                // kept off the powers of two, which TensorFlow Lite 2.6 computes otherwise than TFLM.
                float scale = wide ? randomScale(rnd, -15, -11) : randomScale(rnd, -16, -14);
                double log2 = Math.log(scale) / Math.log(2);
                if (wide && Math.abs(log2 - Math.rint(log2)) < 0.01) {
                    scale *= 1.05f;
                }
                x = g.int16Input(in, new Quant(scale, 0), rnd);
            } else if (kind == BuiltinOperator.RSQRT) {
                // Values at or above the zero point (TFLite refuses RSQRT of negative values), which is
                // near the bottom of the range.
                int zp = -128 + rnd.nextInt(16);
                byte[] data = new byte[elements(in)];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (byte) (zp + rnd.nextInt(128 - zp));
                }
                x = g.graphInput(TensorType.INT8, in, new Quant(randomScale(rnd, -8, -4), zp), data);
            } else {
                x = g.int8Input(in, new Quant(randomScale(rnd, wide ? -5 : swish ? -6 : -8, wide ? -3 : -4),
                        randomZeroPoint(rnd)), rnd);
            }
            return unary(g, rnd, kind, x);
        }

        /** The unary operator {@code kind} on x (LEAKY_RELU's alpha mostly in [0.01, 0.51], at times in [1, 2]). */
        static Value unary(GraphBuilder g, Random rnd, int kind, Value x) {
            float alpha = rnd.nextInt(4) == 0 ? 1 + rnd.nextFloat() : 0.01f + rnd.nextFloat() * 0.5f;
            Quant q = x.isInt8() ? unaryQuant(rnd, kind, x.quant(), alpha)
                    : x.isInt16() ? int16UnaryQuant(kind, x.quant(), alpha) : null;
            Value y = g.activation(name(kind) + "_out", x.type(), x.shape(), q);
            Object options = null;
            byte optionsType = BuiltinOptions.NONE;
            switch (kind) {
                case BuiltinOperator.LEAKY_RELU -> {
                    LeakyReluOptionsT o = new LeakyReluOptionsT();
                    o.setAlpha(alpha);
                    options = o;
                    optionsType = BuiltinOptions.LeakyReluOptions;
                }
                case BuiltinOperator.HARD_SWISH -> {
                    options = new HardSwishOptionsT();
                    optionsType = BuiltinOptions.HardSwishOptions;
                }
                case BuiltinOperator.ABS -> {
                    options = new AbsOptionsT();
                    optionsType = BuiltinOptions.AbsOptions;
                }
                case BuiltinOperator.NEG -> {
                    options = new NegOptionsT();
                    optionsType = BuiltinOptions.NegOptions;
                }
                case BuiltinOperator.EXP -> {
                    options = new ExpOptionsT();
                    optionsType = BuiltinOptions.ExpOptions;
                }
                default -> {
                }
            }
            // TFLite 2.6 registers int8 kernels as version 2, but RELU_N1_TO_1 and HARD_SWISH only as version 1.
            boolean v1 = kind == BuiltinOperator.HARD_SWISH || kind == BuiltinOperator.RELU_N1_TO_1;
            int version = (x.isInt8() || x.isInt16()) && !v1 ? 2 : 1;
            g.operator(kind, version, new int[] {x.tensor()}, y.tensor(), optionsType, options);
            g.describe(name(kind) + " " + precisionText(x, false) + " in=" + x
                    + (kind == BuiltinOperator.LEAKY_RELU ? " alpha=" + num(alpha) : "") + " -> " + y);
            return y;
        }

        private static Quant unaryQuant(Random rnd, int kind, Quant in, float alpha) {
            double[] r = realRange(in);
            switch (kind) {
                case BuiltinOperator.LOGISTIC:
                    return new Quant(1f / 256, -128);
                case BuiltinOperator.TANH:
                    return new Quant(1f / 128, 0);
                case BuiltinOperator.RELU6:
                    return in;
                case BuiltinOperator.RELU:
                    return rangeQuant(r[0], r[1], ActivationFunctionType.RELU);
                case BuiltinOperator.RELU_N1_TO_1:
                    return rangeQuant(r[0], r[1], ActivationFunctionType.RELU_N1_TO_1);
                case BuiltinOperator.LEAKY_RELU:
                    return rangeQuant(Math.min(r[0], alpha * r[0]), Math.max(r[1], alpha * r[1]),
                            ActivationFunctionType.NONE);
                case BuiltinOperator.RSQRT: // from 0 to 1 / sqrt of four input steps
                    return rangeQuant(0, 1 / Math.sqrt(4 * in.scale()), ActivationFunctionType.NONE);
                case BuiltinOperator.HARD_SWISH: {
                    double lo = Math.min(hardSwish(r[0]), r[0] < -1.5 && r[1] > -1.5 ? hardSwish(-1.5) : 0);
                    return rangeQuant(lo, Math.max(hardSwish(r[1]), 0), ActivationFunctionType.NONE);
                }
                default: // ABS
                    return rnd.nextInt(3) == 0 ? new Quant(in.scale(), randomZeroPoint(rnd))
                            : rangeQuant(0, Math.max(-r[0], r[1]), ActivationFunctionType.NONE);
            }
        }

        /**
         * A chain of {@code length} element-wise operators on one input of shape {@code shape}, each
         * binary one taking a new graph input that broadcasts into the chain's shape (some of its dims
         * 1, at times fewer of them). NEG only in float32.
         */
        static Value chain(GraphBuilder g, Random rnd, Precision precision, int[] shape, int length) {
            Value x = g.input(precision, shape, rnd);
            List<Integer> kinds = new ArrayList<>(List.of(BuiltinOperator.MUL, BuiltinOperator.SUB,
                    BuiltinOperator.MAXIMUM, BuiltinOperator.MINIMUM, BuiltinOperator.RELU, BuiltinOperator.RELU6,
                    BuiltinOperator.RELU_N1_TO_1, BuiltinOperator.LEAKY_RELU, BuiltinOperator.LOGISTIC,
                    BuiltinOperator.TANH, BuiltinOperator.HARD_SWISH, BuiltinOperator.ABS));
            if (!precision.quantized()) {
                kinds.add(BuiltinOperator.NEG);
            }
            for (int step = 0; step < length; step++) {
                int kind = kinds.get(rnd.nextInt(kinds.size()));
                if (kind == BuiltinOperator.MUL || kind == BuiltinOperator.SUB || kind == BuiltinOperator.MAXIMUM
                        || kind == BuiltinOperator.MINIMUM) {
                    int[] other = Arrays.copyOfRange(shape, rnd.nextInt(shape.length), shape.length);
                    for (int d = 0; d < other.length; d++) {
                        other[d] = rnd.nextBoolean() ? 1 : other[d];
                    }
                    Value b = fusesActivation(kind) || !x.isInt8() ? g.input(precision, other, rnd)
                            : g.int8Input(other, x.quant(), rnd);
                    x = binary(g, rnd, kind, x, b, fusesActivation(kind) ? ACTIVATIONS[rnd.nextInt(ACTIVATIONS.length)]
                            : ActivationFunctionType.NONE);
                } else {
                    x = unary(g, rnd, kind, x);
                }
            }
            return x;
        }

        private static double hardSwish(double x) {
            return x * Math.min(6, Math.max(0, x + 3)) / 6;
        }

        /** The real values int8 q can hold: [(-128 - zp) * scale, (127 - zp) * scale]. */
        private static double[] realRange(Quant q) {
            return new double[] {(-128 - q.zeroPoint()) * (double) q.scale(), (127 - q.zeroPoint()) * (double) q.scale()};
        }

        /** The range [lo, hi] narrowed around its centre by up to half (results concentrate), after the activation. */
        private static Quant narrowedQuant(Random rnd, double lo, double hi, byte activation) {
            double centre = (lo + hi) / 2;
            double half = (hi - lo) / 2 * Math.pow(2, -rnd.nextDouble());
            return rangeQuant(centre - half, centre + half, activation);
        }

        private static String name(int kind) {
            return BuiltinOperator.name(kind);
        }

        /** int16 LEAKY_RELU's output: symmetric over the range of its results. */
        private static Quant int16UnaryQuant(int kind, Quant in, float alpha) {
            if (kind == BuiltinOperator.LOGISTIC || kind == BuiltinOperator.TANH) {
                return new Quant(1f / 32768, 0); // as the converter and TFLM's kernels have it
            }
            if (kind != BuiltinOperator.LEAKY_RELU) {
                throw new IllegalArgumentException(name(kind) + " has no int16 variant here");
            }
            double[] r = int16Range(in);
            return int16Quant(Math.min(r[0], alpha * r[0]), Math.max(r[1], alpha * r[1]), ActivationFunctionType.NONE);
        }
    }

    // ---------------------------------------------------------------- graphs of several operators

    /** Builds the int8 chains and branches of {@link #int8Graphs()}. */
    static final class Graphs {
        private Graphs() {
        }

        private static final int CONV = 0;
        private static final int DEPTHWISE = 1;
        private static final int AVERAGE_POOL = 2;
        private static final int MAX_POOL = 3;
        private static final int FC = 4;
        private static final int RESHAPE = 5;
        private static final int SOFTMAX = 6;
        private static final int REQUANTIZE = 7;
        /** Most weight elements one operator may have. */
        private static final int BUDGET = 4096;

        static Value build(GraphBuilder g, Random rnd, int length, boolean branch, int rank) {
            int[] shape = rank == 4
                    ? new int[] {1, 2 + rnd.nextInt(7), 2 + rnd.nextInt(7), 1 + rnd.nextInt(4)}
                    : new int[] {1, 1 + rnd.nextInt(32)};
            Value x = g.int8Input(shape, new Quant(randomScale(rnd, -8, -2), randomZeroPoint(rnd)), rnd);
            int branchAt = branch ? rnd.nextInt(length) : -1;
            for (int step = 0; step < length; step++) {
                x = step == branchAt ? branchAndJoin(g, rnd, x) : next(g, rnd, x);
            }
            return x;
        }

        /** One operator that accepts {@code x}, chosen at random among those that fit its shape and size budget. */
        private static Value next(GraphBuilder g, Random rnd, Value x) {
            List<Integer> eligible = new ArrayList<>(List.of(FC, RESHAPE, SOFTMAX, REQUANTIZE));
            if (x.rank() == 4) {
                eligible.addAll(List.of(AVERAGE_POOL, MAX_POOL));
                if (x.last() <= 32) {
                    eligible.addAll(List.of(CONV, DEPTHWISE));
                }
            }
            boolean perChannel = rnd.nextBoolean();
            switch (eligible.get(rnd.nextInt(eligible.size()))) {
                case CONV: {
                    Window w = randomWindow(rnd, x, true);
                    int cout = 1 + rnd.nextInt(Math.max(1, Math.min(8, BUDGET / (w.kh() * w.kw() * x.last()))));
                    return Ops.conv2d(g, rnd, x, new ConvSpec(cout, w, randomActivation(rnd), perChannel));
                }
                case DEPTHWISE: {
                    int multiplier = x.last() * 3 <= 16 ? 1 + rnd.nextInt(3) : 1;
                    return Ops.depthwiseConv2d(g, rnd, x, new DepthwiseSpec(multiplier, randomWindow(rnd, x, true),
                            randomActivation(rnd), perChannel));
                }
                case AVERAGE_POOL:
                    return Ops.pool2d(g, x, BuiltinOperator.AVERAGE_POOL_2D, randomWindow(rnd, x, false), randomActivation(rnd));
                case MAX_POOL:
                    return Ops.pool2d(g, x, BuiltinOperator.MAX_POOL_2D, randomWindow(rnd, x, false), randomActivation(rnd));
                case FC: {
                    boolean keep = x.rank() > 2 && rnd.nextBoolean();
                    boolean span = !keep && x.rank() > 2;
                    int depth = span ? elements(x.shape()) / x.shape()[0] : x.last();
                    int units = 1 + rnd.nextInt(Math.max(1, Math.min(16, BUDGET / depth)));
                    return Ops.fullyConnected(g, rnd, x, new FcSpec(units, keep, span, randomActivation(rnd), false));
                }
                case RESHAPE: {
                    int total = elements(x.shape());
                    int[] target = rnd.nextBoolean() ? spatialFactorization(total, rnd)
                            : factorize(total, 1 + rnd.nextInt(4), rnd);
                    return Ops.reshape(g, rnd, x, target, ReshapeForm.values()[rnd.nextInt(3)], rnd.nextInt(4) == 0);
                }
                case SOFTMAX:
                    return Ops.softmax(g, x, rnd.nextBoolean() ? 1f : 0.25f + rnd.nextFloat() * 2);
                default:
                    return requantize(g, rnd, x);
            }
        }

        /** y1 = f(x), y2 = g(x) or x, then ADD(y1, y2) in either order. */
        private static Value branchAndJoin(GraphBuilder g, Random rnd, Value x) {
            Value a = sameShape(g, rnd, x);
            Value b = rnd.nextBoolean() ? sameShape(g, rnd, x) : x;
            return rnd.nextBoolean() ? Ops.add(g, rnd, a, b, randomActivation(rnd)) : Ops.add(g, rnd, b, a, randomActivation(rnd));
        }

        /** An operator whose output has the shape of its input. */
        private static Value sameShape(GraphBuilder g, Random rnd, Value x) {
            if (x.rank() == 4) {
                Window w = new Window(1 + rnd.nextInt(3), 1 + rnd.nextInt(3), 1, 1, 1 + rnd.nextInt(2), 1 + rnd.nextInt(2),
                        Padding.SAME);
                Window pool = new Window(w.kh(), w.kw(), 1, 1, 1, 1, Padding.SAME);
                int choice = rnd.nextInt(5);
                if (choice == 0 && x.last() <= 16) {
                    return Ops.conv2d(g, rnd, x, new ConvSpec(x.last(), w, randomActivation(rnd), rnd.nextBoolean()));
                } else if (choice == 1 && x.last() <= 64) {
                    return Ops.depthwiseConv2d(g, rnd, x, new DepthwiseSpec(1, w, randomActivation(rnd), rnd.nextBoolean()));
                } else if (choice == 2) {
                    return Ops.pool2d(g, x, BuiltinOperator.AVERAGE_POOL_2D, pool, randomActivation(rnd));
                } else if (choice == 3) {
                    return Ops.pool2d(g, x, BuiltinOperator.MAX_POOL_2D, pool, randomActivation(rnd));
                }
            } else if (rnd.nextBoolean() && x.last() <= 64) {
                return Ops.fullyConnected(g, rnd, x, new FcSpec(x.last(), true, false, randomActivation(rnd), false));
            }
            return requantize(g, rnd, x);
        }

        private static Value requantize(GraphBuilder g, Random rnd, Value x) {
            double scale = x.quant().scale() * Math.pow(2, rnd.nextDouble() * 2 - 1);
            return Ops.quantize(g, x, new Quant((float) scale, randomZeroPoint(rnd)));
        }

        static Window window(Random rnd, Value x, boolean dilated) {
            return randomWindow(rnd, x, dilated);
        }

        static byte activation(Random rnd) {
            return randomActivation(rnd);
        }

        /** A window that fits x's spatial dims (VALID only where the effective kernel fits). */
        private static Window randomWindow(Random rnd, Value x, boolean dilated) {
            int kh = 1 + rnd.nextInt(3);
            int kw = 1 + rnd.nextInt(3);
            int dh = dilated ? 1 + rnd.nextInt(2) : 1;
            int dw = dilated ? 1 + rnd.nextInt(2) : 1;
            int sh = 1 + rnd.nextInt(2);
            int sw = 1 + rnd.nextInt(2);
            boolean fits = (kh - 1) * dh + 1 <= x.shape()[1] && (kw - 1) * dw + 1 <= x.shape()[2];
            byte padding = fits && rnd.nextBoolean() ? Padding.VALID : Padding.SAME;
            return new Window(kh, kw, sh, sw, dh, dw, padding);
        }

        private static byte randomActivation(Random rnd) {
            return ACTIVATIONS[rnd.nextInt(ACTIVATIONS.length)];
        }

        /** [1, h, w, c] with h*w*c = total, h and w as near as the factors allow. */
        private static int[] spatialFactorization(int total, Random rnd) {
            int[] f = factorize(total, 3, rnd);
            return new int[] {1, f[0], f[1], f[2]};
        }
    }

    // ---------------------------------------------------------------- model assembly

    /** Collects tensors, buffers, operator codes and operators of one subgraph, and its random inputs. */
    static final class GraphBuilder {
        private final List<TensorT> tensors = new ArrayList<>();
        private final List<BufferT> buffers = new ArrayList<>(List.of(new BufferT()));
        private final List<OperatorCodeT> codes = new ArrayList<>();
        private final Map<Long, Integer> codeIndex = new HashMap<>();
        private final List<OperatorT> operators = new ArrayList<>();
        private final List<Integer> inputs = new ArrayList<>();
        private final List<byte[]> inputData = new ArrayList<>();
        private final List<String> description = new ArrayList<>();

        Value input(Precision precision, int[] shape, Random rnd) {
            return switch (precision) {
                case FLOAT32 -> floatInput(shape, rnd, -1f, 1f);
                case INT16 -> int16Input(shape, new Quant(randomScale(rnd, -16, -10), 0), rnd);
                default -> int8Input(shape, new Quant(randomScale(rnd, -8, -2), randomZeroPoint(rnd)), rnd);
            };
        }

        /** An int16 graph input of uniformly random values. */
        Value int16Input(int[] shape, Quant q, Random rnd) {
            byte[] data = new byte[2 * elements(shape)];
            rnd.nextBytes(data);
            return graphInput(TensorType.INT16, shape, q, data);
        }

        Value int8Input(int[] shape, Quant q, Random rnd) {
            byte[] data = new byte[elements(shape)];
            rnd.nextBytes(data);
            return graphInput(TensorType.INT8, shape, q, data);
        }

        Value floatInput(int[] shape, Random rnd, float lo, float hi) {
            float[] data = new float[elements(shape)];
            for (int i = 0; i < data.length; i++) {
                data[i] = lo + rnd.nextFloat() * (hi - lo);
            }
            return graphInput(TensorType.FLOAT32, shape, null, float32Bytes(data));
        }

        Value graphInput(byte type, int[] shape, Quant q, byte[] data) {
            int t = tensor("input_" + inputs.size(), type, shape, q, 0);
            inputs.add(t);
            inputData.add(data);
            return new Value(t, type, shape.clone(), q);
        }

        Value activation(String name, byte type, int[] shape, Quant q) {
            return new Value(tensor(name, type, shape, q, 0), type, shape.clone(), q);
        }

        /** {@code v}, the output of a layer that requantizes (a convolution), quantized as {@code q} instead. */
        Value quantizedAs(Value v, Quant q) {
            tensors.get(v.tensor()).setQuantization(q.toSchema());
            return new Value(v.tensor(), v.type(), v.shape().clone(), q);
        }

        /** A variable (state) tensor: no buffer data, kept by the runtime from one invocation to the next. */
        int variable(String name, byte type, int[] shape, Quant q) {
            int t = tensor(name, type, shape, q, 0);
            tensors.get(t).setIsVariable(true);
            return t;
        }

        int constant(String name, byte type, int[] shape, Quant q, byte[] data) {
            BufferT buffer = new BufferT();
            int[] ubytes = new int[data.length];
            for (int i = 0; i < data.length; i++) {
                ubytes[i] = data[i] & 0xff;
            }
            buffer.setData(ubytes);
            buffers.add(buffer);
            return tensor(name, type, shape, q, buffers.size() - 1);
        }

        private int tensor(String name, byte type, int[] shape, Quant q, int buffer) {
            TensorT t = new TensorT();
            t.setName(name + "_" + tensors.size());
            t.setType(type);
            t.setShape(shape.clone());
            t.setBuffer(buffer);
            if (q != null) {
                t.setQuantization(q.toSchema());
            }
            tensors.add(t);
            return tensors.size() - 1;
        }

        void operator(int builtin, int version, int[] opInputs, int output, byte optionsType, Object options) {
            operator(builtin, version, opInputs, new int[] {output}, optionsType, options);
        }

        /** An operator with several outputs (SPLIT, UNPACK, ...). */
        void operator(int builtin, int version, int[] opInputs, int[] opOutputs, byte optionsType, Object options) {
            long key = ((long) builtin << 32) | version;
            int index = codeIndex.computeIfAbsent(key, k -> {
                OperatorCodeT code = new OperatorCodeT();
                code.setBuiltinCode(builtin);
                code.setDeprecatedBuiltinCode((byte) Math.min(builtin, 127));
                code.setVersion(version);
                codes.add(code);
                return codes.size() - 1;
            });
            OperatorT op = new OperatorT();
            op.setOpcodeIndex(index);
            op.setInputs(opInputs.clone());
            op.setOutputs(opOutputs.clone());
            if (options != null) {
                BuiltinOptionsUnion union = new BuiltinOptionsUnion();
                union.setType(optionsType);
                union.setValue(options);
                op.setBuiltinOptions(union);
            }
            operators.add(op);
        }

        void describe(String text) {
            description.add(text);
        }

        Case build(List<Value> outputs) {
            SubGraphT graph = new SubGraphT();
            graph.setTensors(tensors.toArray(TensorT[]::new));
            graph.setInputs(inputs.stream().mapToInt(Integer::intValue).toArray());
            graph.setOutputs(outputs.stream().mapToInt(Value::tensor).toArray());
            graph.setOperators(operators.toArray(OperatorT[]::new));
            graph.setName("main");
            ModelT model = new ModelT();
            model.setVersion(3);
            model.setDescription("tflc random model");
            model.setOperatorCodes(codes.toArray(OperatorCodeT[]::new));
            model.setSubgraphs(new SubGraphT[] {graph});
            model.setBuffers(buffers.toArray(BufferT[]::new));
            List<Integer> outputBytes = outputs.stream()
                    .map(v -> elements(v.shape())
                            * (v.type() == TensorType.INT8 ? 1 : v.type() == TensorType.INT16 ? 2
                                    : v.type() == TensorType.INT64 ? 8 : 4))
                    .toList();
            return new Case(String.join(" ; ", description), model.serializeToBinary(), inputData, outputBytes);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static final byte[] ACTIVATIONS = {
        ActivationFunctionType.NONE, ActivationFunctionType.RELU, ActivationFunctionType.RELU6,
        ActivationFunctionType.RELU_N1_TO_1,
    };

    @FunctionalInterface
    interface Body {
        Value build(GraphBuilder g, Random rnd);
    }

    /** A one-output model whose graph {@code body} builds from a generator seeded with {@code seed}. */
    static Case single(long seed, Body body) {
        GraphBuilder g = new GraphBuilder();
        Value out = body.build(g, new Random(seed));
        return g.build(List.of(out));
    }

    private static Arbitrary<Precision> plain() {
        return precisions(Precision.FLOAT32, Precision.INT8);
    }

    /** Any of {@code values}, each of them also an edge case (jqwik's default takes only the first and last). */
    private static Arbitrary<Precision> precisions(Precision... values) {
        return Arbitraries.of(values).edgeCases(config -> config.add(values));
    }

    /** {@code precision} alone, for an operator without weights (so without a per-channel variant). */
    private static Arbitrary<Precision> only(Precision precision) {
        if (precision == Precision.INT8_PER_CHANNEL) {
            throw new IllegalArgumentException("this operator has no weights to quantize per channel");
        }
        return Arbitraries.just(precision);
    }

    static Arbitrary<Integer> size(int min, int max) {
        return Arbitraries.integers().between(min, max);
    }

    static Arbitrary<Long> seed() {
        return Arbitraries.longs();
    }

    static Arbitrary<Byte> activation() {
        return Arbitraries.of(ActivationFunctionType.NONE, ActivationFunctionType.RELU, ActivationFunctionType.RELU6,
                ActivationFunctionType.RELU_N1_TO_1);
    }

    /** Kernel 1..maxKernel, stride 1..maxStride, dilation 1..3 (or 1), SAME or VALID. */
    static Arbitrary<Window> window(int maxKernel, int maxStride, boolean dilation) {
        Arbitrary<Integer> d = dilation ? size(1, 3) : Arbitraries.just(1);
        return Combinators.combine(size(1, maxKernel), size(1, maxKernel), size(1, maxStride), size(1, maxStride), d, d,
                        Arbitraries.of(Padding.SAME, Padding.VALID))
                .as((kh, kw, sh, sw, dh, dw, padding) -> new Window(kh, kw, sh, sw, dh, dw, padding));
    }

    /** Grows H and W of an NHWC shape so that a VALID window fits. */
    static int[] fitValid(int[] nhwc, Window w) {
        int[] out = nhwc.clone();
        if (w.padding() == Padding.VALID) {
            out[1] = Math.max(out[1], w.effectiveH());
            out[2] = Math.max(out[2], w.effectiveW());
        }
        return out;
    }

    /**
     * Two shapes that broadcast to {@code out}: each drops up to {@code drop} leading dims and sets
     * the dims its {@code mask} bits name to 1, after which every dim of out larger than 1 is given
     * back to one of them.
     */
    private static int[][] broadcastPair(int[] out, int dropA, int dropB, int maskA, int maskB) {
        int rank = out.length;
        int ra = Math.max(1, rank - dropA);
        int rb = Math.max(1, rank - dropB);
        int[] a = Arrays.copyOfRange(out, rank - ra, rank);
        int[] b = Arrays.copyOfRange(out, rank - rb, rank);
        for (int i = 0; i < rank; i++) {
            int ia = i - (rank - ra);
            int ib = i - (rank - rb);
            boolean oneA = ia < 0 || (maskA >> i & 1) == 1;
            boolean oneB = ib < 0 || (maskB >> i & 1) == 1;
            if (oneA && oneB && out[i] > 1) {
                if (ia >= 0 && (ib < 0 || (i & 1) == 0)) {
                    oneA = false;
                } else {
                    oneB = false;
                }
            }
            if (ia >= 0 && oneA) {
                a[ia] = 1;
            }
            if (ib >= 0 && oneB) {
                b[ib] = 1;
            }
        }
        return new int[][] {a, b};
    }

    static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + shapeText(a) + " and " + shapeText(b) + " do not broadcast");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** A random shape of the given rank whose elements multiply to {@code total}. */
    static int[] factorize(int total, int rank, Random rnd) {
        int[] dims = new int[rank];
        Arrays.fill(dims, 1);
        int rest = total;
        for (int p = 2; rest > 1; p++) {
            while (rest % p == 0) {
                dims[rnd.nextInt(rank)] *= p;
                rest /= p;
            }
        }
        return dims;
    }

    static int elements(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** A scale in [2^minExp, 2^maxExp) with a random mantissa. */
    static float randomScale(Random rnd, int minExp, int maxExp) {
        return (float) Math.scalb(1 + rnd.nextDouble(), minExp + rnd.nextInt(maxExp - minExp));
    }

    /**
     * The output quantization a converter would calibrate for a multiply-accumulate operator:
     * {@code natural} is the scale at which its raw outputs spread over the int8 range (zero point at
     * random); a fused activation narrows the range to its own, as calibration after the activation
     * would: [0, .] for RELU and RELU6 (zero point -128), at most [-1, 1] for RELU_N1_TO_1.
     */
    static Quant outputQuant(Random rnd, double natural, byte activation) {
        if (activation == ActivationFunctionType.NONE) {
            return new Quant((float) natural, randomZeroPoint(rnd));
        }
        double half = 255 * natural / 2;
        return rangeQuant(-half, half, activation);
    }

    /**
     * ADD's output quantization: the range of a + b (the sum of the input ranges, narrowed around its
     * centre by up to half, since sums concentrate), then clamped to the activation's range.
     */
    static Quant addQuant(Random rnd, Quant a, Quant b, byte activation) {
        double lo = (-128 - a.zeroPoint()) * (double) a.scale() + (-128 - b.zeroPoint()) * (double) b.scale();
        double hi = (127 - a.zeroPoint()) * (double) a.scale() + (127 - b.zeroPoint()) * (double) b.scale();
        double centre = (lo + hi) / 2;
        double half = (hi - lo) / 2 * Math.pow(2, -rnd.nextDouble());
        return rangeQuant(centre - half, centre + half, activation);
    }

    /**
     * Scale and zero point for the real range [lo, hi] after {@code activation}, widened to hold 0
     * as the converter does; a range the activation would empty becomes the activation's own.
     */
    static Quant rangeQuant(double lo, double hi, byte activation) {
        double width = hi - lo;
        switch (activation) {
            case ActivationFunctionType.RELU -> {
                lo = 0;
                hi = hi > width / 8 ? hi : width / 2;
            }
            case ActivationFunctionType.RELU6 -> {
                lo = 0;
                hi = Math.min(6, hi > width / 8 ? hi : width / 2);
            }
            case ActivationFunctionType.RELU_N1_TO_1 -> {
                lo = Math.max(-1, Math.min(lo, -width / 8));
                hi = Math.min(1, Math.max(hi, width / 8));
            }
            default -> {
            }
        }
        lo = Math.min(lo, 0);
        hi = Math.max(hi, 0);
        float scale = (float) ((hi - lo) / 255);
        int zeroPoint = (int) Math.max(-128, Math.min(127, Math.round(-128 - lo / scale)));
        return new Quant(scale, zeroPoint);
    }

    /** The real values int16 q can hold: [-32768 * scale, 32767 * scale] (zero point 0). */
    static double[] int16Range(Quant q) {
        return new double[] {-32768 * (double) q.scale(), 32767 * (double) q.scale()};
    }

    /**
     * Symmetric int16 quantization (zero point 0, as the converter quantizes 16-bit activations) for
     * the real range [lo, hi] after {@code activation}.
     */
    static Quant int16Quant(double lo, double hi, byte activation) {
        switch (activation) {
            case ActivationFunctionType.RELU -> lo = 0;
            case ActivationFunctionType.RELU6 -> {
                lo = 0;
                hi = Math.min(6, hi);
            }
            case ActivationFunctionType.RELU_N1_TO_1 -> {
                lo = Math.max(-1, lo);
                hi = Math.min(1, hi);
            }
            default -> {
            }
        }
        double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
        return new Quant((float) ((magnitude > 0 ? magnitude : 1) / 32767), 0);
    }

    /** {@link #int16Quant} of [lo, hi] narrowed around its centre by up to half (sums and differences concentrate). */
    static Quant narrowedInt16Quant(Random rnd, double lo, double hi, byte activation) {
        double centre = (lo + hi) / 2;
        double half = (hi - lo) / 2 * Math.pow(2, -rnd.nextDouble());
        return int16Quant(centre - half, centre + half, activation);
    }

    static int randomZeroPoint(Random rnd) {
        return rnd.nextInt(256) - 128;
    }

    static byte[] int16Bytes(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    static byte[] int8Bytes(int[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] int32Bytes(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    static byte[] float32Bytes(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static String shapeText(int[] shape) {
        return IntStream.of(shape).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    private static String precisionText(Value x, boolean perChannel) {
        return x.isInt16() ? "int16" : x.isInt8() ? (perChannel ? "int8/per-channel" : "int8")
                : x.type() == TensorType.INT32 ? "int32" : "float32";
    }

    private static String activationText(byte activation) {
        return ActivationFunctionType.names[activation];
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
