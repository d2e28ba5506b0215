package dev.tflc.testing;

import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.GraphBuilder;
import dev.tflc.testing.RandomModels.Precision;
import dev.tflc.testing.RandomModels.Quant;
import dev.tflc.testing.RandomModels.Value;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BatchMatMulOptionsT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.L2NormOptionsT;
import org.tensorflow.lite.schema.LogSoftmaxOptionsT;
import org.tensorflow.lite.schema.TensorType;

/**
 * jqwik generators of random single-operator models of the operators that compute over rows of the
 * last dimension (L2_NORMALIZATION, LOG_SOFTMAX) and batches of matrix products (BATCH_MATMUL).
 */
public final class RandomMathOps {
    private RandomMathOps() {
    }

    /**
     * L2_NORMALIZATION of a {@link #rowOperator} input, float32 values in [-1, 1] (one time in six
     * below 1e-7, where the norm's 1e-6 floor holds), int8 scales from 2^-8 to 2^-3, int8 output at
     * scale 1/128, zero point 0.
     */
    public static Arbitrary<Case> l2Normalization(Precision precision) {
        return rowOperator(precision, (g, rnd, dims) -> {
            Value x = rowInput(g, rnd, precision, dims, rnd.nextInt(6) == 0 ? 1e-7f : 1f, -2);
            Value y = g.activation("l2_norm_out", x.type(), dims, x.isInt8() ? new Quant(1f / 128, 0) : null);
            L2NormOptionsT o = new L2NormOptionsT();
            o.setFusedActivationFunction(ActivationFunctionType.NONE);
            g.operator(BuiltinOperator.L2_NORMALIZATION, x.isInt8() ? 2 : 1, new int[] {x.tensor()}, y.tensor(),
                    BuiltinOptions.L2NormOptions, o);
            g.describe("L2_NORMALIZATION " + x + " -> " + y);
            return y;
        });
    }

    /**
     * LOG_SOFTMAX of a {@link #rowOperator} input, float32 values in [-8, 8], int8 scales from 2^-8 to
     * 2^-2, int8 output at scale 16/256, zero point 127.
     */
    public static Arbitrary<Case> logSoftmax(Precision precision) {
        return rowOperator(precision, (g, rnd, dims) -> {
            Value x = rowInput(g, rnd, precision, dims, 8f, -1);
            Value y = g.activation("log_softmax_out", x.type(), dims, x.isInt8() ? new Quant(16f / 256, 127) : null);
            g.operator(BuiltinOperator.LOG_SOFTMAX, x.isInt8() ? 2 : 1, new int[] {x.tensor()}, y.tensor(),
                    BuiltinOptions.LogSoftmaxOptions, new LogSoftmaxOptionsT());
            g.describe("LOG_SOFTMAX " + x + " -> " + y);
            return y;
        });
    }

    @FunctionalInterface
    private interface RowBody {
        Value build(GraphBuilder g, Random rnd, int[] dims);
    }

    /** A single operator over rows: its input of rank 1..4, dims 1..4, the last (the row) 1..16. */
    private static Arbitrary<Case> rowOperator(Precision precision, RowBody body) {
        Arbitrary<int[]> outer = RandomModels.size(1, 4).array(int[].class).ofMinSize(0).ofMaxSize(3);
        return Combinators.combine(outer, RandomModels.size(1, 16), RandomModels.seed())
                .as((lead, depth, seed) -> RandomModels.single(seed, (g, rnd) -> {
                    int[] dims = Arrays.copyOf(lead, lead.length + 1);
                    dims[lead.length] = depth;
                    return body.build(g, rnd, dims);
                }));
    }

    /**
     * A graph input of {@code dims}: float32 uniform in [-magnitude, magnitude], or int8 uniform with
     * a scale from 2^-8 to 2^maxScaleExp and a random zero point, its first row all at the zero point
     * one time in six (a zero row, or one of equal values).
     */
    private static Value rowInput(GraphBuilder g, Random rnd, Precision precision, int[] dims, float magnitude,
            int maxScaleExp) {
        int n = RandomModels.elements(dims);
        if (precision == Precision.FLOAT32) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (rnd.nextFloat() * 2 - 1) * magnitude;
            }
            return g.graphInput(TensorType.FLOAT32, dims, null, RandomModels.float32Bytes(f));
        }
        Quant q = new Quant(RandomModels.randomScale(rnd, -8, maxScaleExp), RandomModels.randomZeroPoint(rnd));
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        if (rnd.nextInt(6) == 0) {
            Arrays.fill(b, 0, dims[dims.length - 1], (byte) q.zeroPoint());
        }
        return g.graphInput(TensorType.INT8, dims, q, b);
    }

    /**
     * BATCH_MATMUL of an lhs and an rhs of rank 2..4 (matrices of 1..5 rows, columns and depth), adj_x
     * and adj_y at random, batch dimensions (1..3 each) that broadcast: each dimension of one input 1
     * at times, the leading one of one input missing at times; the rhs a constant one time in three. float32
     * values in [-1, 1]; int8 with random scales and zero points, int16 with zero points 0, the
     * output's scale one at which the sums spread over tens of steps (int8) or thousands (int16).
     */
    public static Arbitrary<Case> batchMatMul(Precision precision) {
        Arbitrary<int[]> batch = RandomModels.size(1, 3).array(int[].class).ofMinSize(0).ofMaxSize(2);
        return Combinators.combine(batch, RandomModels.size(1, 5), RandomModels.size(1, 5), RandomModels.size(1, 5),
                        RandomModels.seed())
                .as((batchDims, rows, cols, depth, seed) -> RandomModels.single(seed, (g, rnd) -> {
                    int[] outBatch = batchDims.clone();
                    boolean adjX = rnd.nextBoolean();
                    boolean adjY = rnd.nextBoolean();
                    int lhsBatchRank = outBatch.length - (outBatch.length > 0 && rnd.nextInt(3) == 0 ? 1 : 0);
                    int rhsBatchRank = outBatch.length
                            - (lhsBatchRank == outBatch.length && outBatch.length > 0 && rnd.nextInt(3) == 0 ? 1 : 0);
                    int[] lhs = new int[lhsBatchRank + 2];
                    int[] rhs = new int[rhsBatchRank + 2];
                    for (int d = 0; d < outBatch.length; d++) {
                        int li = d - (outBatch.length - lhsBatchRank);
                        int ri = d - (outBatch.length - rhsBatchRank);
                        boolean lhsOne = li < 0 || rnd.nextInt(3) == 0;
                        boolean rhsOne = ri < 0 || (!lhsOne && rnd.nextInt(3) == 0);
                        if (li >= 0) {
                            lhs[li] = lhsOne ? 1 : outBatch[d];
                        }
                        if (ri >= 0) {
                            rhs[ri] = rhsOne ? 1 : outBatch[d];
                        }
                        if (lhsOne && rhsOne) {
                            outBatch[d] = 1;
                        }
                    }
                    lhs[lhsBatchRank] = adjX ? depth : rows;
                    lhs[lhsBatchRank + 1] = adjX ? rows : depth;
                    rhs[rhsBatchRank] = adjY ? cols : depth;
                    rhs[rhsBatchRank + 1] = adjY ? depth : cols;
                    int[] out = Arrays.copyOf(outBatch, outBatch.length + 2);
                    out[outBatch.length] = rows;
                    out[outBatch.length + 1] = cols;
                    boolean constantRhs = rnd.nextInt(3) == 0;
                    Value x;
                    int y;
                    Quant outQuant = null;
                    if (precision == Precision.FLOAT32) {
                        x = g.floatInput(lhs, rnd, -1f, 1f);
                        float[] f = new float[RandomModels.elements(rhs)];
                        for (int i = 0; i < f.length; i++) {
                            f[i] = rnd.nextFloat() * 2 - 1;
                        }
                        byte[] b = RandomModels.float32Bytes(f);
                        y = constantRhs ? g.constant("rhs", TensorType.FLOAT32, rhs, null, b)
                                : g.graphInput(TensorType.FLOAT32, rhs, null, b).tensor();
                    } else if (precision == Precision.INT16) {
                        Quant lq = new Quant(RandomModels.randomScale(rnd, -16, -10), 0);
                        Quant rq = new Quant(RandomModels.randomScale(rnd, -16, -10), 0);
                        x = g.int16Input(lhs, lq, rnd);
                        byte[] b = new byte[2 * RandomModels.elements(rhs)];
                        rnd.nextBytes(b);
                        y = constantRhs ? g.constant("rhs", TensorType.INT16, rhs, rq, b)
                                : g.graphInput(TensorType.INT16, rhs, rq, b).tensor();
                        outQuant = new Quant((float) ((double) lq.scale() * rq.scale() * 32768 * Math.sqrt(depth)
                                * Math.pow(2, rnd.nextDouble() * 2 - 1)), 0);
                    } else {
                        Quant lq = new Quant(RandomModels.randomScale(rnd, -8, -2), RandomModels.randomZeroPoint(rnd));
                        Quant rq = new Quant(RandomModels.randomScale(rnd, -8, -2), RandomModels.randomZeroPoint(rnd));
                        x = g.int8Input(lhs, lq, rnd);
                        byte[] b = new byte[RandomModels.elements(rhs)];
                        rnd.nextBytes(b);
                        y = constantRhs ? g.constant("rhs", TensorType.INT8, rhs, rq, b)
                                : g.graphInput(TensorType.INT8, rhs, rq, b).tensor();
                        double natural = (double) lq.scale() * rq.scale() * 128 * Math.sqrt(depth)
                                * Math.pow(2, rnd.nextDouble() * 2 - 1);
                        outQuant = new Quant((float) natural, RandomModels.randomZeroPoint(rnd));
                    }
                    Value o = g.activation("batch_matmul_out", x.type(), out, outQuant);
                    BatchMatMulOptionsT opts = new BatchMatMulOptionsT();
                    opts.setAdjX(adjX);
                    opts.setAdjY(adjY);
                    int version = x.isInt16() ? 3 : x.isInt8() ? 2 : 1;
                    g.operator(BuiltinOperator.BATCH_MATMUL, version, new int[] {x.tensor(), y}, o.tensor(),
                            BuiltinOptions.BatchMatMulOptions, opts);
                    g.describe("BATCH_MATMUL " + x + " x " + RandomModels.shapeText(rhs)
                            + (constantRhs ? " (constant)" : "") + (adjX ? " adj_x" : "") + (adjY ? " adj_y" : "")
                            + " -> " + o);
                    return o;
                }));
    }
}
