package dev.tflc.ops;

import dev.tflc.ir.Quantization;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/** Checks and decoding shared by the operators that carry weights and a bias (conv, depthwise, FC). */
public final class Weights {
    private Weights() {
    }

    /**
     * Requantization of an int8 weighted operator: input and output offsets and one multiplier per
     * output channel (the same one repeated when the weights are quantized per tensor).
     */
    public record PerChannel(int inputOffset, int outputOffset, int[] multipliers, int[] shifts) {
        /** Scales an accumulator of channel {@code c} to the output, adds the offset and clamps. */
        public int requantize(int acc, int c, int[] range) {
            int v = FixedPoint.multiplyByQuantizedMultiplier(acc, multipliers[c], shifts[c]) + outputOffset;
            return Math.min(Math.max(v, range[0]), range[1]);
        }

        /** The int32 accumulator of an int8 kernel (the exact {@code sum} wrapped, plus the bias) requantized. */
        public int requantize(long sum, int[] bias, int c, int[] range) {
            return requantize((int) sum + (bias == null ? 0 : bias[c]), c, range);
        }

        /** True when every channel has the same multiplier and shift. */
        public boolean isUniform() {
            for (int i = 1; i < multipliers.length; i++) {
                if (multipliers[i] != multipliers[0] || shifts[i] != shifts[0]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One element of an NHWC output, at batch b, row y, column x, channel c. */
    @FunctionalInterface
    interface Element {
        int at(int b, int y, int x, int c);
    }

    /** Fills an NHWC output of the given sizes element by element, in memory order. */
    static void fill(int[] out, int batches, int height, int width, int channels, Element element) {
        forEach(batches, height, width, channels, (o, b, y, x, c) -> out[o] = element.at(b, y, x, c));
    }

    /** Each position of an NHWC tensor with its flat index, in memory order. */
    @FunctionalInterface
    interface Position {
        void at(int index, int b, int y, int x, int c);
    }

    static void forEach(int batches, int height, int width, int channels, Position position) {
        int o = 0;
        for (int b = 0; b < batches; b++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < channels; c++) {
                        position.at(o++, b, y, x, c);
                    }
                }
            }
        }
    }

    /** One float output element at (batch, y, x, channel). */
    @FunctionalInterface
    interface FloatElement {
        float at(int b, int y, int x, int c);
    }

    /** As {@link #fill} for float outputs. */
    static void fillFloat(float[] out, int batches, int height, int width, int channels, FloatElement element) {
        forEach(batches, height, width, channels, (o, b, y, x, c) -> out[o] = element.at(b, y, x, c));
    }

    static void expectFloat(Node node, Tensor filter, Tensor bias, Tensor output, int channels) {
        node.expectType(filter, TensorType.FLOAT32);
        node.expectType(output, TensorType.FLOAT32);
        if (bias != null) {
            node.expectType(bias, TensorType.FLOAT32);
            expectBias(node, bias, channels);
        }
    }

    static void expectBias(Node node, Tensor bias, int channels) {
        if (!bias.isConstant()) {
            throw node.error(bias, "bias must be constant");
        }
        if (bias.shape().elements() != channels) {
            throw node.error(bias, "bias has " + bias.shape().elements() + " elements for " + channels + " channels");
        }
    }

    /**
     * Checks an int8 weighted operator's quantization and derives its multipliers. Per-channel
     * multipliers use {@code double(input_scale) * double(filter_scale) / double(output_scale)};
     * a per-tensor FULLY_CONNECTED ({@code floatProduct}) multiplies the two scales in float first,
     * as TFLM's GetQuantizedConvolutionMultipler does.
     */
    static PerChannel int8(Node node, Tensor input, Tensor filter, Tensor bias, Tensor output, int channels,
            int channelAxis) {
        return int8(node, input, filter, bias, output, channels, channelAxis, false);
    }

    static PerChannel int8(Node node, Tensor input, Tensor filter, Tensor bias, Tensor output, int channels,
            int channelAxis, boolean floatProduct) {
        return int8(node, input, filter, bias, output, channels, channelAxis, floatProduct, TensorType.INT8);
    }

    /**
     * As {@link #int8} for the operators whose TFLM kernels also take INT4 weights (two to a byte;
     * TFLM unpacks them to int8 before running its int8 kernel): CONV_2D, DEPTHWISE_CONV_2D, and
     * FULLY_CONNECTED with per-tensor weights ({@code perChannelInt4}: false).
     */
    static PerChannel int8OrInt4(Node node, Tensor input, Tensor filter, Tensor bias, Tensor output, int channels,
            int channelAxis, boolean floatProduct, boolean perChannelInt4) {
        if (filter.type() == TensorType.INT4 && !perChannelInt4 && filter.quantization() != null
                && filter.quantization().isPerChannel()) {
            throw node.error(filter, "INT4 weights with per-channel quantization are not supported here (TFLM's "
                    + "INT4 kernel for this operator is per-tensor)");
        }
        return int8(node, input, filter, bias, output, channels, channelAxis, floatProduct, TensorType.INT8,
                TensorType.INT4);
    }

    private static PerChannel int8(Node node, Tensor input, Tensor filter, Tensor bias, Tensor output, int channels,
            int channelAxis, boolean floatProduct, TensorType... filterTypes) {
        if (filter.type() == TensorType.INT8 && input.type() == TensorType.FLOAT32) {
            throw node.error(filter, "hybrid models (float activations with int8 weights) are not supported");
        }
        node.expectType(input, TensorType.INT8);
        node.expectType(filter, filterTypes);
        node.expectType(output, TensorType.INT8);
        if (bias != null) {
            node.expectType(bias, TensorType.INT32);
        }
        return perChannel(node, input, filter, bias, output, channels, channelAxis, floatProduct);
    }

    /**
     * Requantization of a 16x8 operator (int16 activations, int8 weights) and its bias as the kernel
     * adds it. The accumulator is int32 when the bias is int32 (TFLM's {@code requires_int32_accum}),
     * else int64 (an int64 or int16 bias, or none: the schema tflc reads has no
     * {@code quantized_bias_type}, whose default leaves TFLM on int64).
     */
    public record Requant16(PerChannel quant, long[] bias, int biasBits) {
        /** True when the kernel accumulates in int64 and requantizes with the int64 multiply. */
        public boolean wideAccumulator() {
            return biasBits != 32;
        }

        /** {@code acc} plus channel {@code c}'s bias, scaled to the output and clamped. */
        public int requantize(long acc, int c, int[] range) {
            long total = acc + (bias == null ? 0 : bias[c]);
            int m = quant.multipliers()[c];
            int s = quant.shifts()[c];
            int v = wideAccumulator() ? FixedPoint.multiplyByQuantizedMultiplier64(total, m, s)
                    : FixedPoint.multiplyByQuantizedMultiplier((int) total, m, s);
            return Math.min(Math.max(v, range[0]), range[1]);
        }
    }

    /**
     * Checks a 16x8 weighted operator: int16 input and output with zero point 0 (TFLM's 16x8 kernels
     * ignore the zero points), int8 symmetric weights, and a bias of one of {@code biasTypes}.
     */
    static Requant16 int16(Node node, Tensor input, Tensor filter, Tensor bias, Tensor output, int channels,
            int channelAxis, boolean floatProduct, TensorType... biasTypes) {
        node.expectType(input, TensorType.INT16);
        node.expectType(filter, TensorType.INT8);
        node.expectType(output, TensorType.INT16);
        if (bias != null) {
            node.expectType(bias, biasTypes);
        }
        PerChannel q = perChannel(node, input, filter, bias, output, channels, channelAxis, floatProduct);
        for (Tensor t : new Tensor[] {input, output}) {
            if (t.quantization().zeroPoint() != 0) {
                throw node.error(t, "int16 zero point " + t.quantization().zeroPoint() + " is not 0");
            }
        }
        boolean wide = bias == null || bias.type() != TensorType.INT32;
        for (int c = 0; c < channels; c++) {
            if (wide && q.shifts()[c] > 7) {
                throw node.error(output, "scale is too small for the input and weight scales (multiplier shift "
                        + q.shifts()[c] + "; TFLM's int64 requantization takes at most 7)");
            }
        }
        long[] b = null;
        if (bias != null) {
            TensorData d = TensorData.of(bias);
            b = bias.type() == TensorType.INT64 ? d.longs()
                    : java.util.Arrays.stream(d.ints()).asLongStream().toArray();
        }
        return new Requant16(q, b, bias == null ? 0 : bias.type().bytes() * 8);
    }

    /**
     * The scales of the int8 weights of a hybrid operator (float activations), after checking the
     * float output and bias ({@code channels} values, or none), that there is at least one scale and
     * that every zero point is 0 (TensorFlow Lite's symmetric weights).
     */
    static float[] hybrid(Node node, Tensor weights, Tensor bias, Tensor output, int channels, String what) {
        node.expectType(output, TensorType.FLOAT32);
        if (bias != null) {
            node.expectType(bias, TensorType.FLOAT32);
            expectBias(node, bias, channels);
        }
        float[] scales = weights.quantization() == null ? new float[0] : weights.quantization().scales();
        if (scales.length == 0) {
            throw node.error(weights, "int8 weights of a float " + what + " (hybrid) have no scale");
        }
        for (long zp : weights.quantization().zeroPoints()) {
            if (zp != 0) {
                throw node.error(weights, "hybrid " + what + " weight zero point " + zp + " (must be 0)");
            }
        }
        return scales;
    }

    /**
     * The requantization of a fully connected product from {@code input} through per-tensor weights to
     * {@code output}, as TFLM's CalculateOpDataFullyConnected derives it (the scales' float product),
     * after the checks every weighted operator gets; the caller checked the types.
     */
    static PerChannel perTensor(Node node, Tensor input, Tensor filter, Tensor output) {
        return perChannel(node, input, filter, null, output, 1, 0, true);
    }

    /** The checks and multipliers int8 and 16x8 operators share; the caller checked the types. */
    private static PerChannel perChannel(Node node, Tensor input, Tensor filter, Tensor bias, Tensor output,
            int channels, int channelAxis, boolean floatProduct) {
        node.expectPerTensor(input);
        node.expectPerTensor(output);
        if (!filter.isQuantized()) {
            throw node.error(filter, "int8 weights have no quantization parameters");
        }
        Quantization fq = filter.quantization();
        if (fq.isPerChannel() && (fq.axis() != channelAxis || fq.count() != channels)) {
            throw node.error(filter, "per-channel quantization has " + fq.count() + " scales on dimension "
                    + fq.axis() + ", expected " + channels + " on dimension " + channelAxis);
        }
        for (long z : fq.zeroPoints()) {
            if (z != 0) {
                throw node.error(filter, "weight zero point " + z + " is not 0 (int8 weights must be symmetric)");
            }
        }
        if (bias != null) {
            expectBias(node, bias, channels);
        }
        float inScale = input.quantization().scale();
        float outScale = output.quantization().scale();
        int[] multipliers = new int[channels];
        int[] shifts = new int[channels];
        for (int c = 0; c < channels; c++) {
            float fs = fq.isPerChannel() ? fq.scale(c) : fq.scale();
            double real = floatProduct && !fq.isPerChannel()
                    ? (double) (inScale * fs) / (double) outScale
                    : (double) inScale * (double) fs / (double) outScale;
            FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(real);
            multipliers[c] = m.multiplier();
            shifts[c] = m.shift();
        }
        return new PerChannel((int) -input.quantization().zeroPoint(), (int) output.quantization().zeroPoint(),
                multipliers, shifts);
    }

    static int[] ints(Tensor t) {
        return TensorData.of(t).ints();
    }

    static float[] floats(Tensor t) {
        return TensorData.of(t).floats();
    }

    static int[] intBias(Tensor bias, int channels) {
        return bias == null ? null : ints(bias);
    }

    static float[] floatBias(Tensor bias, int channels) {
        return bias == null ? null : floats(bias);
    }
}
