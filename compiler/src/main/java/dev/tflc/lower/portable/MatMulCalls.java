package dev.tflc.lower.portable;

import dev.tflc.lower.CCall;
import dev.tflc.lower.Layer;
import dev.tflc.ops.BatchMatMul;
import java.util.LinkedHashMap;
import java.util.Map;

/** The portable calls of BATCH_MATMUL: one geometry struct, the int8 requantization as arguments. */
final class MatMulCalls {
    private MatMulCalls() {
    }

    static CCall float32(Layer l, BatchMatMul.Float32 m) {
        return CCall.of("tflc_batch_matmul_f32", geometry(m.g()), new CCall.Input(0), new CCall.Input(1),
                new CCall.Output(0));
    }

    static CCall int8(Layer l, BatchMatMul.Int8 m) {
        return CCall.of("tflc_batch_matmul_s8", geometry(m.g()), CCall.i(m.lhsOffset()), CCall.i(m.rhsOffset()),
                CCall.i(m.multiplier().multiplier()), CCall.i(m.multiplier().shift()), CCall.i(m.outputOffset()),
                new CCall.Input(0), new CCall.Input(1), new CCall.Output(0));
    }

    static CCall int16(Layer l, BatchMatMul.Int16 m) {
        return CCall.of("tflc_batch_matmul_s16", geometry(m.g()), CCall.i(m.multiplier().multiplier()),
                CCall.i(m.multiplier().shift()), new CCall.Input(0), new CCall.Input(1), new CCall.Output(0));
    }

    private static CCall.Struct geometry(BatchMatMul.Geometry g) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("batch", new CCall.IntList(g.batch()));
        f.put("lhs_strides", new CCall.IntList(g.lhsStrides()));
        f.put("rhs_strides", new CCall.IntList(g.rhsStrides()));
        f.put("rows", CCall.i(g.rows()));
        f.put("cols", CCall.i(g.cols()));
        f.put("depth", CCall.i(g.depth()));
        f.put("lhs_row_stride", CCall.i(g.lhsRowStride()));
        f.put("lhs_depth_stride", CCall.i(g.lhsDepthStride()));
        f.put("rhs_depth_stride", CCall.i(g.rhsDepthStride()));
        f.put("rhs_col_stride", CCall.i(g.rhsColStride()));
        return new CCall.Struct("tflc_batch_matmul_t", "matmul", f);
    }
}
