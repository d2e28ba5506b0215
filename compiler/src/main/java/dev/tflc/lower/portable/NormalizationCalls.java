package dev.tflc.lower.portable;

import dev.tflc.lower.CCall;
import dev.tflc.lower.Layer;
import dev.tflc.ops.L2Normalization;

/** The portable calls of the operators that normalize rows of the last dimension: L2_NORMALIZATION. */
final class NormalizationCalls {
    private NormalizationCalls() {
    }

    static CCall l2Float32(Layer l, L2Normalization.Float32 n) {
        return CCall.of("tflc_l2_normalization_f32", CCall.i(n.rows()), CCall.i(n.depth()), new CCall.Input(0),
                new CCall.Output(0));
    }

    static CCall l2Int8(Layer l, L2Normalization.Int8 n) {
        return CCall.of("tflc_l2_normalization_s8", CCall.i(n.rows()), CCall.i(n.depth()),
                CCall.i(n.inputZeroPoint()), new CCall.Input(0), new CCall.Output(0));
    }
}
