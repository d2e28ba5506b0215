package dev.tflc.lower.portable;

import dev.tflc.lower.CCall;
import dev.tflc.lower.Layer;
import dev.tflc.ops.Concatenation;
import dev.tflc.ops.Gather;
import dev.tflc.ops.IndexCopy;
import dev.tflc.ops.Pad;
import dev.tflc.ops.Reduce;
import dev.tflc.ops.SpaceToBatch;
import dev.tflc.ops.Split;
import dev.tflc.ops.StridedCopy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The portable calls of the kernels that move elements (PAD, TRANSPOSE, SLICE, STRIDED_SLICE,
 * CONCATENATION and PACK, SPLIT, SPLIT_V and UNPACK, DEPTH_TO_SPACE, SPACE_TO_DEPTH, GATHER,
 * MIRROR_PAD, BATCH_TO_SPACE_ND, SPACE_TO_BATCH_ND: one byte-moving kernel each, whatever the element
 * type) and reduce them (MEAN, SUM).
 */
final class DataMovementCalls {
    private DataMovementCalls() {
    }

    static CCall stridedCopy(Layer l, StridedCopy s) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("rank", CCall.i(s.dims().length));
        f.put("element_bytes", CCall.i(l.input(0).type().bytes()));
        f.put("offset", CCall.i(s.offset()));
        f.put("dims", new CCall.IntList(s.dims()));
        f.put("strides", new CCall.IntList(s.strides()));
        return CCall.of("tflc_strided_copy", new CCall.Struct("tflc_strided_copy_t", "copy", f), new CCall.Input(0),
                new CCall.Output(0));
    }

    static CCall pad(Layer l, Pad.Constant p) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("element_bytes", CCall.i(l.input(0).type().bytes()));
        f.put("in_dims", new CCall.IntList(p.inDims()));
        f.put("before", new CCall.IntList(p.before()));
        f.put("out_dims", new CCall.IntList(p.outDims()));
        f.put("value_bits", CCall.i(p.valueBits()));
        return CCall.of("tflc_pad", new CCall.Struct("tflc_pad_t", "pad", f), new CCall.Input(0),
                new CCall.Output(0));
    }

    /** The inputs' pointers are members of the constant struct, each as a designated array element. */
    static CCall concatenation(Layer l, Concatenation.Copy c) {
        Map<String, CCall.Arg> f = chunks(c.outer(), c.chunks(), l.output(0).type().bytes());
        for (int i = 0; i < c.chunks().length; i++) {
            f.put("inputs[" + i + "]", new CCall.Input(i));
        }
        return CCall.of("tflc_concatenation", new CCall.Struct("tflc_concatenation_t", "concatenation", f),
                new CCall.Output(0));
    }

    /** SPLIT, SPLIT_V, UNPACK: the outputs' pointers are members of the struct, as CONCATENATION's inputs. */
    static CCall split(Layer l, Split.Copy c) {
        Map<String, CCall.Arg> f = chunks(c.outer(), c.chunks(), l.output(0).type().bytes());
        for (int i = 0; i < c.chunks().length; i++) {
            f.put("outputs[" + i + "]", new CCall.Output(i));
        }
        return CCall.of("tflc_split", new CCall.Struct("tflc_split_t", "split", f), new CCall.Input(c.input()));
    }

    /** GATHER: checked, as its indices may be a run-time tensor (each must be inside the axis). */
    static CCall gather(Layer l, Gather.Copy g) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("element_bytes", CCall.i(l.input(0).type().bytes()));
        f.put("batch", CCall.i(g.batch()));
        f.put("outer", CCall.i(g.outer()));
        f.put("axis_size", CCall.i(g.axisSize()));
        f.put("coords", CCall.i(g.coords()));
        f.put("inner", CCall.i(g.inner()));
        return CCall.checked("tflc_gather", new CCall.Struct("tflc_gather_t", "gather", f), new CCall.Input(0),
                new CCall.Input(1), new CCall.Output(0));
    }

    /** MIRROR_PAD, BATCH_TO_SPACE_ND: the offsets of every output dimension in one constant table. */
    static CCall indexCopy(Layer l, IndexCopy c) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("rank", CCall.i(c.dims().length));
        f.put("element_bytes", CCall.i(l.input(0).type().bytes()));
        f.put("dims", new CCall.IntList(c.dims()));
        return CCall.of("tflc_index_copy", new CCall.Struct("tflc_index_copy_t", "copy", f),
                new CCall.Ints("offsets", c.table()), new CCall.Input(0), new CCall.Output(0));
    }

    static CCall spaceToBatch(Layer l, SpaceToBatch.Copy c) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("element_bytes", CCall.i(l.input(0).type().bytes()));
        f.put("in_dims", new CCall.IntList(c.in()));
        f.put("out_dims", new CCall.IntList(c.out()));
        f.put("block_h", CCall.i(c.blockH()));
        f.put("block_w", CCall.i(c.blockW()));
        f.put("pad_top", CCall.i(c.padTop()));
        f.put("pad_left", CCall.i(c.padLeft()));
        f.put("value_bits", CCall.i(c.valueBits()));
        return CCall.of("tflc_space_to_batch", new CCall.Struct("tflc_space_to_batch_t", "space_to_batch", f),
                new CCall.Input(0), new CCall.Output(0));
    }

    /** The count, outer rounds and chunk sizes in bytes shared by the concatenation and split structs. */
    private static Map<String, CCall.Arg> chunks(int outer, int[] chunks, int bytes) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("count", CCall.i(chunks.length));
        f.put("outer", CCall.i(outer));
        f.put("chunk_bytes", new CCall.IntList(java.util.Arrays.stream(chunks).map(c -> c * bytes).toArray()));
        return f;
    }

    static CCall reduceInt8(Layer l, Reduce.Int8 r) {
        int count = r.reduction().count();
        return CCall.of("tflc_reduce_s8", reduction(r.reduction()),
                CCall.i((int) ((long) r.inputZeroPoint() * count)), CCall.i(r.multiplier().multiplier()),
                CCall.i(r.multiplier().shift()), CCall.i(r.outputZeroPoint()), new CCall.Input(0),
                new CCall.Output(0));
    }

    static CCall reduceFloat32(Layer l, Reduce.Float32 r) {
        return CCall.of("tflc_reduce_f32", reduction(r.reduction()), CCall.f(r.divisor()), new CCall.Input(0),
                new CCall.Output(0));
    }

    private static CCall.Struct reduction(Reduce.Reduction r) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("outer_rank", CCall.i(r.outerDims().length));
        f.put("outer_dims", new CCall.IntList(r.outerDims()));
        f.put("outer_strides", new CCall.IntList(r.outerStrides()));
        f.put("inner_rank", CCall.i(r.innerDims().length));
        f.put("inner_dims", new CCall.IntList(r.innerDims()));
        f.put("inner_strides", new CCall.IntList(r.innerStrides()));
        return new CCall.Struct("tflc_reduction_t", "reduction", f);
    }
}
