package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;

/**
 * BATCH_TO_SPACE_ND, as TFLM's batch_to_space_nd.cc (reference BatchToSpaceND): float32 or int8, NHWC
 * (or NHC, taken as NH1C with block width 1), a constant int32 block_shape (one value per spatial
 * dimension, each at least 1) and crops [spatial, 2] (none negative). Input batch
 * (y % bh * bw + x % bw) * out_batches + b holds output pixel (b, y - crop_top, x - crop_left) at
 * (y / bh, x / bw). Output element (b, y, x, c) reads an input offset that is a sum over those four
 * indices, so the copy is an {@link IndexCopy}.
 */
public final class BatchToSpace implements OperatorKind {
    @Override
    public String name() {
        return "BATCH_TO_SPACE_ND";
    }

    @Override
    public Kernel prepare(Node node) {
        Tensor in = DataMovement.expect(node, name(), 3, 3, 3, 4, TensorType.FLOAT32, TensorType.INT8);
        int rank = in.shape().rank();
        int spatial = rank - 2;
        int[] block = DataMovement.vector(node, 1, "block_shape", spatial);
        int[] crops = DataMovement.indices(node, 2, "crops");
        if (node.input(2).shape().rank() != 2 || crops.length != 2 * spatial) {
            throw node.error(node.input(2), "crops have shape " + node.input(2).shape() + ", expected " + spatial
                    + "x2");
        }
        int bh = block[0];
        int bw = spatial == 2 ? block[1] : 1;
        int top = crops[0];
        int left = spatial == 2 ? crops[2] : 0;
        for (int b : block) {
            if (b < 1) {
                throw node.error(node.input(1), "block_shape " + java.util.Arrays.toString(block)
                        + " holds a value below 1");
            }
        }
        for (int c : crops) {
            if (c < 0) {
                throw node.error(node.input(2), "crops " + java.util.Arrays.toString(crops)
                        + " hold a negative value");
            }
        }
        int[] d = in.shape().dims();
        int inB = d[0];
        int inH = d[1];
        int inW = spatial == 2 ? d[2] : 1;
        int depth = d[rank - 1];
        if (inB % (bh * bw) != 0) {
            throw node.error(in, "has " + inB + " batches, not a multiple of the block's " + bh * bw);
        }
        int outB = inB / (bh * bw);
        long outH = (long) inH * bh - top - crops[1];
        long outW = spatial == 2 ? (long) inW * bw - left - crops[3] : 1;
        if (outH < 1 || outW < 1) {
            throw node.error(node.input(2), "crops " + java.util.Arrays.toString(crops) + " leave nothing of "
                    + in.shape());
        }
        node.expectShape(node.output(0), spatial == 2 ? Shape.of(outB, (int) outH, (int) outW, depth)
                : Shape.of(outB, (int) outH, depth));
        int batchStride = inH * inW * depth;
        int[][] offsets = new int[4][];
        offsets[0] = new int[outB];
        for (int b = 0; b < outB; b++) {
            offsets[0][b] = b * batchStride;
        }
        offsets[1] = new int[(int) outH];
        for (int y = 0; y < outH; y++) {
            int at = y + top;
            offsets[1][y] = at % bh * bw * outB * batchStride + at / bh * inW * depth;
        }
        offsets[2] = new int[(int) outW];
        for (int x = 0; x < outW; x++) {
            int at = x + left;
            offsets[2][x] = at % bw * outB * batchStride + at / bw * depth;
        }
        offsets[3] = new int[depth];
        for (int c = 0; c < depth; c++) {
            offsets[3][c] = c;
        }
        return new IndexCopy(new int[] {outB, (int) outH, (int) outW, depth}, offsets);
    }
}
