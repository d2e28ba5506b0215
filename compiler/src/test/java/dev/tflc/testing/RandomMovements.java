package dev.tflc.testing;

import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.GraphBuilder;
import dev.tflc.testing.RandomModels.Precision;
import dev.tflc.testing.RandomModels.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BatchToSpaceNDOptionsT;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.DepthToSpaceOptionsT;
import org.tensorflow.lite.schema.GatherOptionsT;
import org.tensorflow.lite.schema.MirrorPadOptionsT;
import org.tensorflow.lite.schema.PackOptionsT;
import org.tensorflow.lite.schema.SpaceToBatchNDOptionsT;
import org.tensorflow.lite.schema.SpaceToDepthOptionsT;
import org.tensorflow.lite.schema.SplitOptionsT;
import org.tensorflow.lite.schema.SplitVOptionsT;
import org.tensorflow.lite.schema.TensorType;
import org.tensorflow.lite.schema.UnpackOptionsT;

/**
 * jqwik generators of random single-operator models of the operators that only move elements and
 * have several inputs or outputs, a block size or indices: SPLIT and SPLIT_V, PACK, UNPACK,
 * DEPTH_TO_SPACE and SPACE_TO_DEPTH, GATHER, each in the types asked for (each model's inputs and
 * outputs quantized alike, as TensorFlow Lite requires for some of them). Shapes stay small: rank
 * 1..4, dims 1..5.
 */
public final class RandomMovements {
    private RandomMovements() {
    }

    /**
     * SPLIT (num_splits equal parts) or SPLIT_V (1..4 parts of 1..3 each, one of them at times given
     * as -1) of a rank 1..4 input along a random axis (negative at times); the axis is input 0 of
     * SPLIT and input 2 of SPLIT_V, as the schema has them.
     */
    public static Arbitrary<Case> split(Precision precision) {
        return split(precision, false);
    }

    /**
     * As {@link #split(Precision)}; with {@code computed}, the split tensor is computed in the graph
     * (float32 by ADD, int8 by a requantizing QUANTIZE), the dimensions before the axis are all 1 in
     * about three cases of four (so that the parts are its bytes one after another and the plan may
     * leave them there), and about five parts in six go on into an ADD rather than out of the graph.
     */
    public static Arbitrary<Case> split(Precision precision, boolean computed) {
        Arbitrary<int[]> shape = RandomModels.size(1, 4).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, RandomModels.size(1, 4), Arbitraries.of(false, true), RandomModels.seed())
                .as((dims, count, sized, seed) -> build(seed, (g, rnd) -> {
                    int axis = rnd.nextInt(dims.length);
                    if (computed && rnd.nextInt(4) != 0) {
                        Arrays.fill(dims, 0, axis, 1);
                    }
                    int[] sizes = new int[count];
                    int each = 1 + rnd.nextInt(3);
                    for (int i = 0; i < count; i++) {
                        sizes[i] = sized ? 1 + rnd.nextInt(3) : each;
                    }
                    int[] in = dims.clone();
                    in[axis] = Arrays.stream(sizes).sum();
                    Value x = g.input(precision, in, rnd);
                    if (computed) {
                        x = x.isInt8() ? RandomModels.Ops.quantize(g, x, new RandomModels.Quant(
                                RandomModels.randomScale(rnd, -8, -2), RandomModels.randomZeroPoint(rnd)))
                                : RandomModels.Ops.add(g, rnd, x, x, ActivationFunctionType.NONE);
                    }
                    int written = rnd.nextInt(4) == 0 ? axis - in.length : axis;
                    int a = g.constant("axis", TensorType.INT32, new int[0], null,
                            RandomModels.int32Bytes(new int[] {written}));
                    List<Value> outs = new ArrayList<>();
                    for (int size : sizes) {
                        int[] part = in.clone();
                        part[axis] = size;
                        outs.add(g.activation("split_out", x.type(), part, x.quant()));
                    }
                    int[] outTensors = outs.stream().mapToInt(Value::tensor).toArray();
                    if (sized) {
                        int[] declared = sizes.clone();
                        if (rnd.nextInt(3) == 0) {
                            declared[rnd.nextInt(count)] = -1;
                        }
                        int s = g.constant("size_splits", TensorType.INT32, new int[] {count}, null,
                                RandomModels.int32Bytes(declared));
                        SplitVOptionsT o = new SplitVOptionsT();
                        o.setNumSplits(count);
                        // TensorFlow Lite 2.6 registers SPLIT_V up to version 2 and runs int16 in it.
                        g.operator(BuiltinOperator.SPLIT_V, Math.min(2, version(x)), new int[] {x.tensor(), s, a},
                                outTensors, BuiltinOptions.SplitVOptions, o);
                        g.describe("SPLIT_V " + x + " size_splits=" + RandomModels.shapeText(declared) + " axis="
                                + written + " -> " + outs);
                    } else {
                        SplitOptionsT o = new SplitOptionsT();
                        o.setNumSplits(count);
                        g.operator(BuiltinOperator.SPLIT, version(x), new int[] {a, x.tensor()}, outTensors,
                                BuiltinOptions.SplitOptions, o);
                        g.describe("SPLIT " + x + " num_splits=" + count + " axis=" + written + " -> " + outs);
                    }
                    if (computed) {
                        List<Value> ends = new ArrayList<>();
                        for (Value o : outs) {
                            ends.add(rnd.nextInt(6) == 0 ? o
                                    : RandomModels.Ops.add(g, rnd, o, o, ActivationFunctionType.NONE));
                        }
                        return ends;
                    }
                    return outs;
                }));
    }

    /** PACK of 1..4 inputs of one rank 1..4 shape along a random axis of the output (negative at times). */
    public static Arbitrary<Case> pack(Precision precision) {
        Arbitrary<int[]> shape = RandomModels.size(1, 4).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, RandomModels.size(1, 4), RandomModels.seed())
                .as((dims, count, seed) -> build(seed, (g, rnd) -> {
                    Value first = g.input(precision, dims, rnd);
                    List<Value> ins = new ArrayList<>(List.of(first));
                    for (int i = 1; i < count; i++) {
                        ins.add(like(g, first, rnd));
                    }
                    int rank = dims.length + 1;
                    int axis = rnd.nextInt(rank);
                    int written = rnd.nextInt(4) == 0 ? axis - rank : axis;
                    int[] out = new int[rank];
                    for (int d = 0, i = 0; d < rank; d++) {
                        out[d] = d == axis ? count : dims[i++];
                    }
                    Value y = g.activation("pack_out", first.type(), out, first.quant());
                    PackOptionsT o = new PackOptionsT();
                    o.setValuesCount(count);
                    o.setAxis(written);
                    g.operator(BuiltinOperator.PACK, version(first), ins.stream().mapToInt(Value::tensor).toArray(),
                            y.tensor(), BuiltinOptions.PackOptions, o);
                    g.describe("PACK " + ins + " axis=" + written + " -> " + y);
                    return List.of(y);
                }));
    }

    /** UNPACK of a rank 1..4 input along a random axis (negative at times) into its slices there. */
    public static Arbitrary<Case> unpack(Precision precision) {
        Arbitrary<int[]> shape = RandomModels.size(1, 4).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, RandomModels.seed()).as((dims, seed) -> build(seed, (g, rnd) -> {
            Value x = g.input(precision, dims, rnd);
            int axis = rnd.nextInt(dims.length);
            int written = rnd.nextInt(4) == 0 ? axis - dims.length : axis;
            int[] part = new int[dims.length - 1];
            for (int d = 0, i = 0; d < dims.length; d++) {
                if (d != axis) {
                    part[i++] = dims[d];
                }
            }
            List<Value> outs = new ArrayList<>();
            for (int i = 0; i < dims[axis]; i++) {
                outs.add(g.activation("unpack_out", x.type(), part, x.quant()));
            }
            UnpackOptionsT o = new UnpackOptionsT();
            o.setNum(dims[axis]);
            o.setAxis(written);
            g.operator(BuiltinOperator.UNPACK, version(x), new int[] {x.tensor()},
                    outs.stream().mapToInt(Value::tensor).toArray(), BuiltinOptions.UnpackOptions, o);
            g.describe("UNPACK " + x + " axis=" + written + " -> " + outs);
            return outs;
        }));
    }

    /** DEPTH_TO_SPACE (float32, int8): N 1..2, H and W 1..3, block 1..3, 1..3 output channels. */
    public static Arbitrary<Case> depthToSpace(Precision precision) {
        return spaceDepth(precision, true);
    }

    /** SPACE_TO_DEPTH (float32, int8): N 1..2, output H and W 1..3, block 1..3, 1..3 input channels. */
    public static Arbitrary<Case> spaceToDepth(Precision precision) {
        return spaceDepth(precision, false);
    }

    private static Arbitrary<Case> spaceDepth(Precision precision, boolean toSpace) {
        Arbitrary<int[]> nhwc = Combinators.combine(RandomModels.size(1, 2), RandomModels.size(1, 3),
                RandomModels.size(1, 3), RandomModels.size(1, 3)).as((n, h, w, c) -> new int[] {n, h, w, c});
        return Combinators.combine(nhwc, RandomModels.size(1, 3), RandomModels.seed())
                .as((d, b, seed) -> build(seed, (g, rnd) -> {
                    int[] space = {d[0], d[1] * b, d[2] * b, d[3]};
                    int[] depth = {d[0], d[1], d[2], d[3] * b * b};
                    Value x = g.input(precision, toSpace ? depth : space, rnd);
                    Value y = g.activation(toSpace ? "depth_to_space_out" : "space_to_depth_out", x.type(),
                            toSpace ? space : depth, x.quant());
                    if (toSpace) {
                        DepthToSpaceOptionsT o = new DepthToSpaceOptionsT();
                        o.setBlockSize(b);
                        g.operator(BuiltinOperator.DEPTH_TO_SPACE, version(x), new int[] {x.tensor()}, y.tensor(),
                                BuiltinOptions.DepthToSpaceOptions, o);
                    } else {
                        SpaceToDepthOptionsT o = new SpaceToDepthOptionsT();
                        o.setBlockSize(b);
                        g.operator(BuiltinOperator.SPACE_TO_DEPTH, version(x), new int[] {x.tensor()}, y.tensor(),
                                BuiltinOptions.SpaceToDepthOptions, o);
                    }
                    g.describe((toSpace ? "DEPTH_TO_SPACE " : "SPACE_TO_DEPTH ") + x + " block=" + b + " -> " + y);
                    return List.of(y);
                }));
    }

    /**
     * GATHER (float32, int8) from a rank 1..4 input (dims 1..4) along a random axis (negative at
     * times), batch_dims 0 or at times 1, int32 indices of rank batch_dims + 0..2 (dims 1..3) inside
     * the axis, a constant or (one time in three) a graph input.
     */
    public static Arbitrary<Case> gather(Precision precision) {
        Arbitrary<int[]> shape = RandomModels.size(1, 4).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, RandomModels.seed()).as((dims, seed) -> build(seed, (g, rnd) -> {
            Value x = g.input(precision, dims, rnd);
            int axis = rnd.nextInt(dims.length);
            int batchDims = axis > 0 && rnd.nextInt(3) == 0 ? 1 : 0;
            int[] idxShape = new int[batchDims + rnd.nextInt(3)];
            for (int d = 0; d < idxShape.length; d++) {
                idxShape[d] = d < batchDims ? dims[d] : 1 + rnd.nextInt(3);
            }
            int[] indices = new int[Arrays.stream(idxShape).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = rnd.nextInt(dims[axis]);
            }
            boolean runTime = rnd.nextInt(3) == 0;
            byte[] idxBytes = RandomModels.int32Bytes(indices);
            int idx = runTime ? g.graphInput(TensorType.INT32, idxShape, null, idxBytes).tensor()
                    : g.constant("indices", TensorType.INT32, idxShape, null, idxBytes);
            List<Integer> out = new ArrayList<>();
            for (int d = 0; d < axis; d++) {
                out.add(dims[d]);
            }
            for (int d = batchDims; d < idxShape.length; d++) {
                out.add(idxShape[d]);
            }
            for (int d = axis + 1; d < dims.length; d++) {
                out.add(dims[d]);
            }
            Value y = g.activation("gather_out", x.type(), out.stream().mapToInt(Integer::intValue).toArray(),
                    x.quant());
            int written = rnd.nextInt(4) == 0 ? axis - dims.length : axis;
            GatherOptionsT o = new GatherOptionsT();
            o.setAxis(written);
            o.setBatchDims(batchDims);
            g.operator(BuiltinOperator.GATHER, version(x), new int[] {x.tensor(), idx}, y.tensor(),
                    BuiltinOptions.GatherOptions, o);
            g.describe("GATHER " + x + " indices" + RandomModels.shapeText(idxShape) + (runTime ? " (input)=" : "=")
                    + RandomModels.shapeText(indices) + " axis=" + written + " batch_dims=" + batchDims + " -> " + y);
            return List.of(y);
        }));
    }

    /**
     * MIRROR_PAD (float32, int8) of a rank 1..4 input (dims 1..4), REFLECT or SYMMETRIC, each
     * padding anywhere from 0 to what the mode allows (REFLECT: dim - 1, SYMMETRIC: dim).
     */
    public static Arbitrary<Case> mirrorPad(Precision precision) {
        Arbitrary<int[]> shape = RandomModels.size(1, 4).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, Arbitraries.of(false, true), RandomModels.seed())
                .as((dims, symmetric, seed) -> build(seed, (g, rnd) -> {
                    Value x = g.input(precision, dims, rnd);
                    int[] pads = new int[2 * dims.length];
                    int[] out = new int[dims.length];
                    for (int d = 0; d < dims.length; d++) {
                        int most = symmetric ? dims[d] : dims[d] - 1;
                        pads[2 * d] = rnd.nextInt(most + 1);
                        pads[2 * d + 1] = rnd.nextInt(most + 1);
                        out[d] = dims[d] + pads[2 * d] + pads[2 * d + 1];
                    }
                    int p = g.constant("paddings", TensorType.INT32, new int[] {dims.length, 2}, null,
                            RandomModels.int32Bytes(pads));
                    Value y = g.activation("mirror_pad_out", x.type(), out, x.quant());
                    MirrorPadOptionsT o = new MirrorPadOptionsT();
                    o.setMode((byte) (symmetric ? 1 : 0));
                    g.operator(BuiltinOperator.MIRROR_PAD, version(x), new int[] {x.tensor(), p}, y.tensor(),
                            BuiltinOptions.MirrorPadOptions, o);
                    g.describe("MIRROR_PAD " + x + (symmetric ? " SYMMETRIC" : " REFLECT") + " paddings="
                            + RandomModels.shapeText(pads) + " -> " + y);
                    return List.of(y);
                }));
    }

    /**
     * BATCH_TO_SPACE_ND (float32, int8) of an NHWC input (one time in four NHC, one spatial
     * dimension): 1..2 output batches, blocks 1..3, input H and W 1..3, 1..3 channels, crops at each
     * end leaving at least one row and column.
     */
    public static Arbitrary<Case> batchToSpace(Precision precision) {
        return Combinators.combine(RandomModels.size(1, 2), RandomModels.size(1, 3), RandomModels.size(1, 3),
                        RandomModels.size(1, 3), Arbitraries.of(false, false, false, true), RandomModels.seed())
                .as((outB, h, w, c, threeD, seed) -> build(seed, (g, rnd) -> {
                    int spatial = threeD ? 1 : 2;
                    int[] block = new int[spatial];
                    int[] crops = new int[2 * spatial];
                    int[] inSpace = threeD ? new int[] {h} : new int[] {h, w};
                    int[] outSpace = new int[spatial];
                    int blocks = 1;
                    for (int d = 0; d < spatial; d++) {
                        block[d] = 1 + rnd.nextInt(3);
                        blocks *= block[d];
                        int full = inSpace[d] * block[d];
                        int cut = rnd.nextInt(full);
                        crops[2 * d] = rnd.nextInt(cut + 1);
                        crops[2 * d + 1] = cut - crops[2 * d];
                        outSpace[d] = full - cut;
                    }
                    int[] in = threeD ? new int[] {outB * blocks, h, c} : new int[] {outB * blocks, h, w, c};
                    int[] out = threeD ? new int[] {outB, outSpace[0], c}
                            : new int[] {outB, outSpace[0], outSpace[1], c};
                    Value x = g.input(precision, in, rnd);
                    int b = g.constant("block_shape", TensorType.INT32, new int[] {spatial}, null,
                            RandomModels.int32Bytes(block));
                    int cr = g.constant("crops", TensorType.INT32, new int[] {spatial, 2}, null,
                            RandomModels.int32Bytes(crops));
                    Value y = g.activation("batch_to_space_out", x.type(), out, x.quant());
                    g.operator(BuiltinOperator.BATCH_TO_SPACE_ND, version(x), new int[] {x.tensor(), b, cr},
                            y.tensor(), BuiltinOptions.BatchToSpaceNDOptions, new BatchToSpaceNDOptionsT());
                    g.describe("BATCH_TO_SPACE_ND " + x + " block=" + RandomModels.shapeText(block) + " crops="
                            + RandomModels.shapeText(crops) + " -> " + y);
                    return List.of(y);
                }));
    }

    /**
     * SPACE_TO_BATCH_ND (float32, int8) of an NHWC input (one time in four NHC): 1..2 batches, blocks
     * 1..3, output H and W 1..3, 1..3 channels, padding at each end (summing to what makes the padded
     * input the block's multiple, at most one block short of the padded size).
     */
    public static Arbitrary<Case> spaceToBatch(Precision precision) {
        return Combinators.combine(RandomModels.size(1, 2), RandomModels.size(1, 3), RandomModels.size(1, 3),
                        RandomModels.size(1, 3), Arbitraries.of(false, false, false, true), RandomModels.seed())
                .as((inB, h, w, c, threeD, seed) -> build(seed, (g, rnd) -> {
                    int spatial = threeD ? 1 : 2;
                    int[] block = new int[spatial];
                    int[] pads = new int[2 * spatial];
                    int[] outSpace = threeD ? new int[] {h} : new int[] {h, w};
                    int[] inSpace = new int[spatial];
                    int blocks = 1;
                    for (int d = 0; d < spatial; d++) {
                        block[d] = 1 + rnd.nextInt(3);
                        blocks *= block[d];
                        int padded = outSpace[d] * block[d];
                        int pad = rnd.nextInt(Math.min(padded, block[d] + 1));
                        pads[2 * d] = rnd.nextInt(pad + 1);
                        pads[2 * d + 1] = pad - pads[2 * d];
                        inSpace[d] = padded - pad;
                    }
                    int[] in = threeD ? new int[] {inB, inSpace[0], c} : new int[] {inB, inSpace[0], inSpace[1], c};
                    int[] out = threeD ? new int[] {inB * blocks, h, c} : new int[] {inB * blocks, h, w, c};
                    Value x = g.input(precision, in, rnd);
                    int b = g.constant("block_shape", TensorType.INT32, new int[] {spatial}, null,
                            RandomModels.int32Bytes(block));
                    int p = g.constant("paddings", TensorType.INT32, new int[] {spatial, 2}, null,
                            RandomModels.int32Bytes(pads));
                    Value y = g.activation("space_to_batch_out", x.type(), out, x.quant());
                    g.operator(BuiltinOperator.SPACE_TO_BATCH_ND, version(x), new int[] {x.tensor(), b, p},
                            y.tensor(), BuiltinOptions.SpaceToBatchNDOptions, new SpaceToBatchNDOptionsT());
                    g.describe("SPACE_TO_BATCH_ND " + x + " block=" + RandomModels.shapeText(block) + " paddings="
                            + RandomModels.shapeText(pads) + " -> " + y);
                    return List.of(y);
                }));
    }

    /**
     * GATHER of rows of a float32 3x2 graph input (input 0) by two int32 indices, graph input 1 (its
     * data here: 2, 0), along axis 0: a model to feed indices outside the axis.
     */
    public static Case gatherByIndexInput() {
        GraphBuilder g = new GraphBuilder();
        Value x = g.graphInput(TensorType.FLOAT32, new int[] {3, 2}, null,
                RandomModels.float32Bytes(new float[] {1, 2, 3, 4, 5, 6}));
        int idx = g.graphInput(TensorType.INT32, new int[] {2}, null, RandomModels.int32Bytes(new int[] {2, 0}))
                .tensor();
        Value y = g.activation("gather_out", TensorType.FLOAT32, new int[] {2, 2}, null);
        g.operator(BuiltinOperator.GATHER, 1, new int[] {x.tensor(), idx}, y.tensor(), BuiltinOptions.GatherOptions,
                new GatherOptionsT());
        g.describe("GATHER " + x + " by a run-time index input -> " + y);
        return g.build(List.of(y));
    }

    /** Another graph input of x's shape, type and quantization. */
    private static Value like(GraphBuilder g, Value x, Random rnd) {
        return x.isInt8() ? g.int8Input(x.shape(), x.quant(), rnd)
                : x.isInt16() ? g.int16Input(x.shape(), x.quant(), rnd) : g.floatInput(x.shape(), rnd, -1f, 1f);
    }

    /** The operator version that takes x's type (float32 1, int8 2, int16 3). */
    private static int version(Value x) {
        return x.isInt16() ? 3 : x.isInt8() ? 2 : 1;
    }

    @FunctionalInterface
    private interface Body {
        List<Value> build(GraphBuilder g, Random rnd);
    }

    /** A model whose graph {@code body} builds from a generator seeded with {@code seed}; its outputs in order. */
    private static Case build(long seed, Body body) {
        GraphBuilder g = new GraphBuilder();
        List<Value> outs = body.build(g, new Random(seed));
        return g.build(outs);
    }
}
