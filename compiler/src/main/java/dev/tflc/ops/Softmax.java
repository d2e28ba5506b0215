package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/** SOFTMAX along the last dimension; int8 in gemmlowp fixed point as TFLM's reference. */
public final class Softmax implements OperatorKind {
    static final int SCALED_DIFF_INTEGER_BITS = 5;
    static final int ACCUMULATION_INTEGER_BITS = 12;

    @Override
    public String name() {
        return "SOFTMAX";
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(1, 1);
        node.expectOutputs(1);
        Tensor in = node.input(0);
        Tensor out = node.output(0);
        if (in.shape().rank() < 1) {
            throw node.error(in, "softmax needs at least one dimension");
        }
        if (!in.shape().equals(out.shape())) {
            throw node.error(out, "shape " + out.shape() + " differs from the input's " + in.shape());
        }
        float beta = node.options().getFloat("beta", 1f);
        if (!Float.isFinite(beta) || beta <= 0) {
            throw node.error("beta " + beta + " is not a positive finite number");
        }
        int depth = in.shape().fromEnd(1);
        int rows = in.shape().elements() / depth;
        if (in.type() == TensorType.FLOAT32) {
            node.expectType(out, TensorType.FLOAT32);
            return new Float32(rows, depth, beta);
        }
        node.expectType(in, TensorType.INT8);
        node.expectType(out, TensorType.INT8, TensorType.INT16);
        node.expectPerTensor(in);
        node.expectPerTensor(out);
        float outScale = out.quantization().scale();
        if (out.type() == TensorType.INT16) {
            // TFLM's TF_LITE_ENSURE_NEAR, in float.
            float delta = Math.abs(outScale - 1f / 65536);
            if (out.quantization().zeroPoint() != -32768 || !(delta <= 0.001f * 1f / 65536)) {
                throw node.error(out, "int16 softmax output of int8 input must have scale 1/65536 and zero point"
                        + " -32768, has " + out.quantization());
            }
        } else if (out.quantization().zeroPoint() != -128 || outScale != 1f / 256) {
            throw node.error(out, "int8 softmax output must have scale 1/256 and zero point -128, has "
                    + out.quantization());
        }
        double maxReal = (1L << 31) - 1.0;
        double real = Math.min((double) beta * (double) in.quantization().scale()
                * (1 << (31 - SCALED_DIFF_INTEGER_BITS)), maxReal);
        FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(real);
        if (m.shift() < 0) {
            throw node.error(in, "input scale " + in.quantization().scale() + " is too small for int8 softmax");
        }
        double maxInputRescaled = 1.0 * ((1 << SCALED_DIFF_INTEGER_BITS) - 1)
                * (1L << (31 - SCALED_DIFF_INTEGER_BITS)) / (1L << m.shift());
        int diffMin = -(int) Math.floor(maxInputRescaled);
        return new Int8(rows, depth, m.multiplier(), m.shift(), diffMin, 8 * out.type().bytes());
    }

    /**
     * int8 softmax: exp of the rescaled difference from the row's maximum, divided by the sum; the
     * output int8 ({@code outputBits} 8) or int16 (16), from the type's minimum up.
     */
    public record Int8(int rows, int depth, int inputMultiplier, int inputLeftShift, int diffMin, int outputBits)
            implements Kernel {
        /** With int8 output. */
        public Int8(int rows, int depth, int inputMultiplier, int inputLeftShift, int diffMin) {
            this(rows, depth, inputMultiplier, inputLeftShift, diffMin, 8);
        }

        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] in = inputs[0].ints();
            int[] out = outputs[0].ints();
            for (int r = 0; r < rows; r++) {
                int base = r * depth;
                int max = Integer.MIN_VALUE;
                for (int c = 0; c < depth; c++) {
                    max = Math.max(max, in[base + c]);
                }
                int sumOfExps = 0;
                for (int c = 0; c < depth; c++) {
                    int diff = in[base + c] - max;
                    if (diff >= diffMin) {
                        int exp = FixedPoint.expOnNegativeValues(rescale(diff), SCALED_DIFF_INTEGER_BITS);
                        sumOfExps += FixedPoint.roundingDivideByPOT(exp, ACCUMULATION_INTEGER_BITS);
                    }
                }
                int[] reciprocal = FixedPoint.reciprocal(sumOfExps, ACCUMULATION_INTEGER_BITS);
                // For int8 in [3, 35]. Past 31 (exps summing to 512 or more, where TFLM stops on a check)
                // every scaled exp is below half a step, so the output is the zero probability.
                int exponent = reciprocal[1] + 31 - outputBits;
                int outMin = -(1 << (outputBits - 1));
                int outMax = (1 << (outputBits - 1)) - 1;
                for (int c = 0; c < depth; c++) {
                    int diff = in[base + c] - max;
                    if (diff >= diffMin) {
                        int exp = FixedPoint.expOnNegativeValues(rescale(diff), SCALED_DIFF_INTEGER_BITS);
                        int unsat = exponent > 31 ? 0 : FixedPoint.roundingDivideByPOT(
                                FixedPoint.saturatingRoundingDoublingHighMul(reciprocal[0], exp), exponent);
                        out[base + c] = Math.max(Math.min(unsat + outMin, outMax), outMin);
                    } else {
                        out[base + c] = outMin;
                    }
                }
            }
        }

        private int rescale(int diff) {
            return FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(diff, inputMultiplier, inputLeftShift);
        }

        @Override
        public long macs() {
            return 0;
        }
    }

    /** float32 softmax in float arithmetic: exp((x - max) * beta) / sum. */
    public record Float32(int rows, int depth, float beta) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            float[] in = inputs[0].floats();
            float[] out = outputs[0].floats();
            for (int r = 0; r < rows; r++) {
                int base = r * depth;
                float max = -Float.MAX_VALUE;
                for (int c = 0; c < depth; c++) {
                    max = Math.max(max, in[base + c]);
                }
                float sum = 0f;
                for (int c = 0; c < depth; c++) {
                    float e = (float) Math.exp((in[base + c] - max) * beta);
                    out[base + c] = e;
                    sum += e;
                }
                for (int c = 0; c < depth; c++) {
                    out[base + c] = out[base + c] / sum;
                }
            }
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
