package dev.tflc.testing;

import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.Precision;
import dev.tflc.testing.RandomModels.Quant;
import dev.tflc.testing.RandomModels.Value;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.L2NormOptionsT;
import org.tensorflow.lite.schema.TensorType;

/**
 * jqwik generators of random single-operator models of the operators that compute over rows of the
 * last dimension: L2_NORMALIZATION.
 */
public final class RandomMathOps {
    private RandomMathOps() {
    }

    /**
     * L2_NORMALIZATION of a rank 1..4 input (dims 1..4, the last 1..16), float32 (values in [-1, 1],
     * one time in six below 1e-7, where the norm's 1e-6 floor holds) or int8 (random scale and zero
     * point, rows at times all at the zero point), int8 output at scale 1/128, zero point 0.
     */
    public static Arbitrary<Case> l2Normalization(Precision precision) {
        Arbitrary<int[]> outer = RandomModels.size(1, 4).array(int[].class).ofMinSize(0).ofMaxSize(3);
        return Combinators.combine(outer, RandomModels.size(1, 16), RandomModels.seed())
                .as((lead, depth, seed) -> RandomModels.single(seed, (g, rnd) -> {
                    int[] dims = java.util.Arrays.copyOf(lead, lead.length + 1);
                    dims[lead.length] = depth;
                    int n = RandomModels.elements(dims);
                    Value x;
                    Quant outQuant = null;
                    if (precision == Precision.FLOAT32) {
                        float[] f = new float[n];
                        float magnitude = rnd.nextInt(6) == 0 ? 1e-7f : 1f;
                        for (int i = 0; i < n; i++) {
                            f[i] = (rnd.nextFloat() * 2 - 1) * magnitude;
                        }
                        x = g.graphInput(TensorType.FLOAT32, dims, null, RandomModels.float32Bytes(f));
                    } else {
                        Quant q = new Quant(RandomModels.randomScale(rnd, -8, -2), RandomModels.randomZeroPoint(rnd));
                        byte[] b = new byte[n];
                        rnd.nextBytes(b);
                        if (rnd.nextInt(6) == 0) {
                            for (int i = 0; i < depth; i++) {
                                b[i] = (byte) q.zeroPoint();
                            }
                        }
                        x = g.graphInput(TensorType.INT8, dims, q, b);
                        outQuant = new Quant(1f / 128, 0);
                    }
                    Value y = g.activation("l2_norm_out", x.type(), dims, outQuant);
                    L2NormOptionsT o = new L2NormOptionsT();
                    o.setFusedActivationFunction(ActivationFunctionType.NONE);
                    g.operator(BuiltinOperator.L2_NORMALIZATION, x.isInt8() ? 2 : 1, new int[] {x.tensor()}, y.tensor(),
                            BuiltinOptions.L2NormOptions, o);
                    g.describe("L2_NORMALIZATION " + x + " -> " + y);
                    return y;
                }));
    }
}
