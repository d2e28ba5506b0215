package dev.tflc.lower.portable;

import dev.tflc.lower.CCall;
import dev.tflc.lower.Layer;
import dev.tflc.ops.Cast;

/**
 * The portable calls of the operators that make or convert tensors without arithmetic on their
 * values: CAST.
 */
final class TensorCalls {
    private TensorCalls() {
    }

    /** CAST: the types as the schema's codes (TFLC_TYPE_* in tflc_kernels.h). */
    static CCall cast(Layer l, Cast.Convert c) {
        return CCall.of("tflc_cast", CCall.i(c.size()), CCall.i(c.from().code()), CCall.i(c.to().code()),
                new CCall.Input(0), new CCall.Output(0));
    }
}
