package dev.tflc.lower.portable;

import dev.tflc.lower.CCall;
import dev.tflc.lower.Layer;
import dev.tflc.ops.L2Normalization;
import dev.tflc.ops.LogSoftmax;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The portable calls of the operators that normalize rows of the last dimension: L2_NORMALIZATION,
 * LOG_SOFTMAX.
 */
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

    static CCall logSoftmaxFloat32(Layer l, LogSoftmax.Float32 s) {
        return CCall.of("tflc_log_softmax_f32", CCall.i(s.rows()), CCall.i(s.depth()), new CCall.Input(0),
                new CCall.Output(0));
    }

    static CCall logSoftmaxInt8(Layer l, LogSoftmax.Int8 s) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("input_multiplier", CCall.i(s.input().multiplier()));
        f.put("input_shift", CCall.i(s.input().shift()));
        f.put("reverse_multiplier", CCall.i(s.reverse().multiplier()));
        f.put("reverse_shift", CCall.i(s.reverse().shift()));
        f.put("diff_min", CCall.i(s.diffMin()));
        return CCall.of("tflc_log_softmax_s8", CCall.i(s.rows()), CCall.i(s.depth()),
                new CCall.Struct("tflc_log_softmax_params_t", "params", f), new CCall.Input(0), new CCall.Output(0));
    }
}
