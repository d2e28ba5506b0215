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

    static void expectFloat(Node node, Tensor filter, Tensor bias, Tensor output, int channels) {
        node.expectType(filter, TensorType.FLOAT32);
        node.expectType(output, TensorType.FLOAT32);
        if (bias != null) {
            node.expectType(bias, TensorType.FLOAT32);
            expectBias(node, bias, channels);
        }
    }

    private static void expectBias(Node node, Tensor bias, int channels) {
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
        if (filter.type() == TensorType.INT8 && input.type() == TensorType.FLOAT32) {
            throw node.error(filter, "hybrid models (float activations with int8 weights) are not supported");
        }
        node.expectType(input, TensorType.INT8);
        node.expectType(filter, TensorType.INT8);
        node.expectType(output, TensorType.INT8);
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
            node.expectType(bias, TensorType.INT32);
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
