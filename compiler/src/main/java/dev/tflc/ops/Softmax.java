package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * SOFTMAX along the last dimension; int8 in gemmlowp fixed point as TFLM's reference, int16 through
 * TFLM's interpolated exp and 1/(1 + x) tables (reference_ops::SoftmaxInt16).
 */
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
        node.expectType(in, TensorType.INT8, TensorType.INT16);
        node.expectType(out, TensorType.INT8, TensorType.INT16);
        node.expectPerTensor(in);
        node.expectPerTensor(out);
        if (in.type() == TensorType.INT16) {
            return int16(node, in, out, rows, depth, beta);
        }
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

    /** The largest int16 row whose exps (each at most 32767) TFLM's int32 sum holds. */
    static final int INT16_MAX_DEPTH = Integer.MAX_VALUE / Short.MAX_VALUE;

    /**
     * int16 in and out, as TFLM's CalculateSoftmaxParams: input zero point 0, output scale 1/32768
     * (within TF_LITE_ENSURE_NEAR's tolerance, in float) and zero point 0; the differences from the
     * row's maximum rescaled so that [-65535, 0] covers [-10, 0], in double.
     */
    private static Kernel int16(Node node, Tensor in, Tensor out, int rows, int depth, float beta) {
        node.expectType(out, TensorType.INT16);
        if (in.quantization().zeroPoint() != 0) {
            throw node.error(in, "int16 softmax input must have zero point 0, has " + in.quantization());
        }
        float outScale = out.quantization().scale();
        if (out.quantization().zeroPoint() != 0
                || !(Math.abs(outScale - 1f / 32768) <= 0.001f * 1f / 32768)) {
            throw node.error(out, "int16 softmax output must have scale 1/32768 and zero point 0, has "
                    + out.quantization());
        }
        if (depth > INT16_MAX_DEPTH) {
            throw node.error(in, "int16 softmax rows of " + depth + " are longer than " + INT16_MAX_DEPTH
                    + ": their sum of exps would overflow int32");
        }
        double rescale = (double) in.quantization().scale() * (double) beta / (10.0 / 65535.0);
        FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(rescale);
        // A difference as low as -65535 shifted left by 16 bits or more overflows int32 (undefined in TFLM).
        if (m.shift() > 15) {
            throw node.error(in, "input scale " + in.quantization().scale() + " times beta " + beta
                    + " is too large for int16 softmax: the rescaled differences would overflow int32");
        }
        return new Int16(rows, depth, m.multiplier(), m.shift());
    }

    /** An integer softmax computed row by row, each row from its maximum. */
    interface Rows extends Kernel {
        int rows();

        int depth();

        /** Writes the output row of the {@code depth()} input values from {@code base}, the largest {@code max}. */
        void row(int[] in, int[] out, int base, int max);

        @Override
        default void run(TensorData[] inputs, TensorData[] outputs) {
            int[] in = inputs[0].ints();
            int[] out = outputs[0].ints();
            for (int base = 0; base < rows() * depth(); base += depth()) {
                int max = Integer.MIN_VALUE;
                for (int c = 0; c < depth(); c++) {
                    max = Math.max(max, in[base + c]);
                }
                row(in, out, base, max);
            }
        }

        @Override
        default long macs() {
            return 0;
        }
    }

    /**
     * int8 softmax: exp of the rescaled difference from the row's maximum, divided by the sum; the
     * output int8 ({@code outputBits} 8) or int16 (16), from the type's minimum up.
     */
    public record Int8(int rows, int depth, int inputMultiplier, int inputLeftShift, int diffMin, int outputBits)
            implements Rows {
        /** With int8 output. */
        public Int8(int rows, int depth, int inputMultiplier, int inputLeftShift, int diffMin) {
            this(rows, depth, inputMultiplier, inputLeftShift, diffMin, 8);
        }

        @Override
        public void row(int[] in, int[] out, int base, int max) {
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

        private int rescale(int diff) {
            return FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(diff, inputMultiplier, inputLeftShift);
        }
    }

    /**
     * int16 softmax, TFLM's reference_ops::SoftmaxInt16: each difference from the row's maximum,
     * rescaled and recentred, through the exp table ({@link #expLut()}, Q0.15); their sum (Q16.15)
     * normalised by its leading zeros and recentred through the 1/(1 + x) table
     * ({@link #oneOverOnePlusXLut()}); each exp times that reciprocal, shifted back with rounding
     * and clamped to [0, 32767] (scale 1/32768).
     */
    public record Int16(int rows, int depth, int inputMultiplier, int inputLeftShift) implements Rows {
        /**
         * exp over [-10, 0] (inputs at scale 10/65535, zero point 32767), results at scale 2/65535. TFLM
         * calls expf; fdlibm's exp rounded to float gives the same table (TflmSoftmaxInt16VectorsTest).
         */
        private static final int[] EXP_LUT = Int16Lut.populate(10.0f / 65535, Short.MAX_VALUE, 2.0f / 65535, 0,
                x -> (float) StrictMath.exp(x));
        /** 1/(1 + x) over [0, 1] (inputs at scale 1/65535, zero point -32768), results at scale 2/65535. */
        private static final int[] ONE_OVER_ONE_PLUS_X_LUT = Int16Lut.populate(1.0f / 65535, Short.MIN_VALUE,
                2.0f / 65535, 0, x -> 1.0f / (1.0f + x));

        /** The exp table, {@link Int16Lut#SIZE} entries. */
        public static int[] expLut() {
            return EXP_LUT.clone();
        }

        /** The 1/(1 + x) table, {@link Int16Lut#SIZE} entries. */
        public static int[] oneOverOnePlusXLut() {
            return ONE_OVER_ONE_PLUS_X_LUT.clone();
        }

        @Override
        public void row(int[] in, int[] out, int base, int max) {
            int sumOfExps = 0;
            for (int c = 0; c < depth; c++) {
                int scaled = FixedPoint.multiplyByQuantizedMultiplier(in[base + c] - max, inputMultiplier,
                        inputLeftShift);
                out[base + c] = Int16Lut.lookup(saturate16(scaled + 32767), EXP_LUT);
                sumOfExps += out[base + c];
            }
            int headroomPlusOne = Integer.numberOfLeadingZeros(sumOfExps);
            int shiftedSum = (int) ((((long) sumOfExps << (headroomPlusOne - 1)) + (1 << 13)) >> 14);
            // 1/(1 + x) of x = sum - 1, recentred from [0, 65535] to the table's [-32768, 32767].
            int reciprocal = Int16Lut.lookup(saturate16(shiftedSum - ((1 << 15) + (1 << 16))),
                    ONE_OVER_ONE_PLUS_X_LUT);
            int rightShift = 31 - headroomPlusOne;
            for (int c = 0; c < depth; c++) {
                long result = ((long) out[base + c] * reciprocal + (1L << (rightShift - 1))) >> rightShift;
                out[base + c] = (int) Math.min(Math.max(result, 0), Short.MAX_VALUE);
            }
        }

        private static int saturate16(int v) {
            return Math.min(Math.max(v, Short.MIN_VALUE), Short.MAX_VALUE);
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
