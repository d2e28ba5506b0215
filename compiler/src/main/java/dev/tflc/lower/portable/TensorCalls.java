package dev.tflc.lower.portable;

import dev.tflc.lower.CCall;
import dev.tflc.lower.Layer;
import dev.tflc.ops.Cast;
import dev.tflc.ops.Fill;
import dev.tflc.ops.ShapeOf;
import dev.tflc.ops.ZerosLike;

/**
 * The portable calls of the operators that make or convert tensors without arithmetic on their
 * values: CAST, ZEROS_LIKE, FILL, SHAPE.
 */
final class TensorCalls {
    private TensorCalls() {
    }

    /** CAST: the types as the schema's codes (TFLC_TYPE_* in tflc_kernels.h). */
    static CCall cast(Layer l, Cast.Convert c) {
        return CCall.of("tflc_cast", CCall.i(c.size()), CCall.i(c.from().code()), CCall.i(c.to().code()),
                new CCall.Input(0), new CCall.Output(0));
    }

    static CCall zeros(Layer l, ZerosLike.Zeros z) {
        return CCall.of("tflc_zeros", CCall.i(z.bytes()), new CCall.Output(0));
    }

    /** FILL: the value is input 1, a scalar constant or run-time tensor. */
    static CCall fill(Layer l, Fill.Repeat f) {
        return CCall.of("tflc_fill", CCall.i(f.count()), CCall.i(l.output(0).type().bytes()), new CCall.Input(1),
                new CCall.Output(0));
    }

    /** SHAPE: the static shape, a constant array copied to the output. */
    static CCall shape(Layer l, ShapeOf.Dims d) {
        return CCall.of("tflc_copy", CCall.i(4L * d.dims().length), new CCall.Ints("shape", d.dims()),
                new CCall.Output(0));
    }
}
