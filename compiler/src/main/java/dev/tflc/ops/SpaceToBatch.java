package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * SPACE_TO_BATCH_ND, as TFLM's space_to_batch_nd.cc (reference SpaceToBatchND): float32 or int8, NHWC
 * (or NHC, taken as NH1C with block width 1), a constant int32 block_shape (one value per spatial
 * dimension, each at least 1) and paddings [spatial, 2] (none negative, the padded size a multiple of
 * the block). Output batch (sy * bw + sx) * in_batches + b holds the padded input's pixels
 * (y * bh + sy, x * bw + sx). The padding is 0, for int8 the output's zero point: the value TensorFlow
 * Lite writes (TFLM's kernel memsets its params' output_offset, which its Prepare never sets).
 */
public final class SpaceToBatch implements OperatorKind {
    @Override
    public String name() {
        return "SPACE_TO_BATCH_ND";
    }

    @Override
    public Kernel prepare(Node node) {
        Tensor in = DataMovement.expect(node, name(), 3, 3, 3, 4, TensorType.FLOAT32, TensorType.INT8);
        Tensor out = node.output(0);
        int rank = in.shape().rank();
        int spatial = rank - 2;
        int[] block = DataMovement.vector(node, 1, "block_shape", spatial);
        int[] pads = DataMovement.indices(node, 2, "paddings");
        if (node.input(2).shape().rank() != 2 || pads.length != 2 * spatial) {
            throw node.error(node.input(2), "paddings have shape " + node.input(2).shape() + ", expected " + spatial
                    + "x2");
        }
        int[] d = in.shape().dims();
        int[] inSpace = spatial == 2 ? new int[] {d[1], d[2]} : new int[] {d[1]};
        int[] outSpace = new int[spatial];
        int blocks = 1;
        for (int s = 0; s < spatial; s++) {
            long padded = (long) inSpace[s] + pads[2 * s] + pads[2 * s + 1];
            if (block[s] < 1 || pads[2 * s] < 0 || pads[2 * s + 1] < 0 || padded % block[s] != 0
                    || padded > Integer.MAX_VALUE) {
                throw node.error(node.input(2), "spatial dimension " + s + " of " + inSpace[s] + " padded by "
                        + pads[2 * s] + ", " + pads[2 * s + 1] + " is not a multiple of block " + block[s]
                        + " (or a value is negative)");
            }
            outSpace[s] = (int) (padded / block[s]);
            blocks *= block[s];
        }
        int depth = d[rank - 1];
        int outB = Math.multiplyExact(d[0], blocks);
        node.expectShape(out, spatial == 2 ? Shape.of(outB, outSpace[0], outSpace[1], depth)
                : Shape.of(outB, outSpace[0], depth));
        int value = out.type() == TensorType.INT8 && out.isQuantized() ? (int) out.quantization().zeroPoint() : 0;
        return new Copy(new int[] {d[0], d[1], spatial == 2 ? d[2] : 1, depth},
                new int[] {outB, outSpace[0], spatial == 2 ? outSpace[1] : 1}, block[0], spatial == 2 ? block[1] : 1,
                pads[0], spatial == 2 ? pads[2] : 0, value);
    }

    /**
     * The copy over NHWC dims: input {@code in} (b, h, w, depth), output batches, height and width
     * {@code out}, the block and the padding before; padding elements are {@code valueBits} (0 for
     * float32).
     */
    public record Copy(int[] in, int[] out, int blockH, int blockW, int padTop, int padLeft, int valueBits)
            implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int depth = in[3];
            int[] source = new int[out[0] * out[1] * out[2] * depth];
            int o = 0;
            for (int ob = 0; ob < out[0]; ob++) {
                int b = ob % in[0];
                int sx = ob / in[0] % blockW;
                int sy = ob / in[0] / blockW;
                for (int oy = 0; oy < out[1]; oy++) {
                    for (int ox = 0; ox < out[2]; ox++) {
                        int y = oy * blockH + sy - padTop;
                        int x = ox * blockW + sx - padLeft;
                        boolean inside = y >= 0 && y < in[1] && x >= 0 && x < in[2];
                        for (int c = 0; c < depth; c++) {
                            source[o++] = inside ? ((b * in[1] + y) * in[2] + x) * depth + c : -1;
                        }
                    }
                }
            }
            StridedCopy.gather(inputs[0], outputs[0], source, valueBits);
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
