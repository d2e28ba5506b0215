package dev.tflc.ops;

import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * LOG_SOFTMAX over the last dimension, as TensorFlow Lite Micro's kernel (log_softmax.cc). float32 as
 * reference_ops::LogSoftmax: per row x - max - log(sum of exp(x - max)), each exp and the log through
 * C's expf and logf. int8 as reference_ops::LogSoftmaxQuantized: the difference from the row's maximum
 * rescaled to Q5.26 (beta 1), exps summed in Q12, their log in Q5, and each rescaled difference less
 * that log, shifted to the output (scale 16/256, zero point 127, which TFLM requires) plus 127; an
 * element whose difference is at or below the adjusted minimum gives -128.
 */
public final class LogSoftmax implements OperatorKind {
    private static final int INPUT_INTEGER_BITS = 5;
    private static final int ACCUMULATION_INTEGER_BITS = 12;
    private static final int OUTPUT_INTEGER_BITS = 4;
    /** Each exp adds up to 2^19 to the Q12 sum: longer rows could overflow it. */
    static final int MAX_INT8_DEPTH = (1 << ACCUMULATION_INTEGER_BITS) - 1;

    @Override
    public String name() {
        return "LOG_SOFTMAX";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Unary u = Elementwise.unary(node, TensorType.FLOAT32, TensorType.INT8);
        int rank = u.in().shape().rank();
        if (rank < 1) {
            throw node.error(u.in(), "LOG_SOFTMAX needs at least one dimension");
        }
        int depth = u.in().shape().dim(rank - 1);
        int rows = u.size() / depth;
        if (u.isFloat()) {
            return new Float32(rows, depth);
        }
        if (depth > MAX_INT8_DEPTH) {
            throw node.error(u.in(), "rows of " + depth + " elements could overflow TensorFlow Lite Micro's Q12 sum of "
                    + "exps (at most " + MAX_INT8_DEPTH + ")");
        }
        if (Elementwise.zeroPoint(u.out()) != 127 || Elementwise.scale(u.out()) != 16f / 256) {
            throw node.error(u.out(), "int8 LOG_SOFTMAX needs output scale 16/256 and zero point 127, not "
                    + u.out().quantization());
        }
        // PreprocessLogSoftmaxScalingExp(beta 1, input scale, 5): the input multiplier (greater than one)
        // capped at 2^31 - 1, and its inverse, a multiplier smaller than one.
        double real = Math.min(1.0 * (double) Elementwise.scale(u.in()) * (1 << (31 - INPUT_INTEGER_BITS)),
                (1L << 31) - 1.0);
        if (!(real > 1.0)) {
            throw node.error(u.in(), "input scale " + Elementwise.scale(u.in()) + " is too small for TensorFlow Lite "
                    + "Micro's int8 LOG_SOFTMAX (below 2^-26)");
        }
        FixedPoint.Multiplier input = FixedPoint.quantizeMultiplier(real);
        double reverseReal = (1L << (31 - input.shift())) / (double) input.multiplier();
        FixedPoint.Multiplier reverse = FixedPoint.quantizeMultiplier(reverseReal);
        if (!(reverseReal < 1.0) || reverse.shift() > 0) {
            throw node.error(u.in(), "input scale " + Elementwise.scale(u.in()) + " is too large for TensorFlow Lite "
                    + "Micro's int8 LOG_SOFTMAX");
        }
        double radius = Math.floor(1.0 * ((1 << INPUT_INTEGER_BITS) - 1) * (1L << (31 - INPUT_INTEGER_BITS))
                / (1L << input.shift()));
        return new Int8(rows, depth, input, reverse, -(int) radius);
    }

    /** float32: x - max - log(sum of exp(x - max)) per row. */
    public record Float32(int rows, int depth) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            float[] in = inputs[0].floats();
            float[] out = outputs[0].floats();
            for (int r = 0; r < rows; r++) {
                int base = r * depth;
                float max = rowMax(in, base);
                float sum = 0f;
                for (int c = 0; c < depth; c++) {
                    sum += (float) Math.exp(in[base + c] - max);
                }
                float logSum = (float) Math.log(sum);
                for (int c = 0; c < depth; c++) {
                    out[base + c] = in[base + c] - max - logSum;
                }
            }
        }

        /** std::max over the row from std::numeric_limits<float>::lowest(). */
        private float rowMax(float[] in, int base) {
            float max = -Float.MAX_VALUE;
            for (int c = 0; c < depth; c++) {
                max = Elementwise.stdMax(max, in[base + c]);
            }
            return max;
        }

        @Override
        public long macs() {
            return 0;
        }
    }

    /**
     * int8: TFLM's fixed-point arithmetic per row; {@code input} rescales a difference from the row's
     * maximum to Q5.26, {@code reverse} takes the log back to the input's scale, {@code diffMin} the
     * smallest difference whose exp counts.
     */
    public record Int8(int rows, int depth, FixedPoint.Multiplier input, FixedPoint.Multiplier reverse, int diffMin)
            implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] in = inputs[0].ints();
            int[] out = outputs[0].ints();
            for (int r = 0; r < rows; r++) {
                int base = r * depth;
                int max = -128;
                for (int c = 0; c < depth; c++) {
                    max = Math.max(max, in[base + c]);
                }
                int sumOfExps = 0; // Q12
                for (int c = 0; c < depth; c++) {
                    int diff = in[base + c] - max;
                    if (diff >= diffMin) {
                        int exp = FixedPoint.expOnNegativeValues(FixedPoint.multiplyByQuantizedMultiplier(diff, input),
                                INPUT_INTEGER_BITS);
                        sumOfExps += FixedPoint.saturatingRoundingMultiplyByPOT(exp, -ACCUMULATION_INTEGER_BITS);
                    }
                }
                int logSum = FixedPoint.logXForXGreaterThanOrEqualTo1(sumOfExps, ACCUMULATION_INTEGER_BITS,
                        INPUT_INTEGER_BITS); // Q5
                int adjustedDiffMin = Math.max(diffMin - 1,
                        FixedPoint.multiplyByQuantizedMultiplier(logSum + Integer.MIN_VALUE, reverse));
                for (int c = 0; c < depth; c++) {
                    int diff = in[base + c] - max;
                    if (diff > adjustedDiffMin) {
                        int scaled = FixedPoint.multiplyByQuantizedMultiplier(diff, input);
                        int v = FixedPoint.roundingDivideByPOT(scaled - logSum,
                                31 - INPUT_INTEGER_BITS - OUTPUT_INTEGER_BITS) + 127;
                        out[base + c] = Math.max(Math.min(v, 127), -128);
                    } else {
                        out[base + c] = -128;
                    }
                }
            }
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
