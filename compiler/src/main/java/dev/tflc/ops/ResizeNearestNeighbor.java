package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * RESIZE_NEAREST_NEIGHBOR of a [batches, height, width, depth] input to the constant int32 size
 * [new height, new width], as TensorFlow Lite Micro's reference (resize_nearest_neighbor.h): each
 * output row and column copies the input row and column GetNearestNeighbor picks, computed in float
 * as TFLM computes it (scale (in - 1) / (out - 1) with align_corners, else in / out; half-pixel
 * offset 0.5; rounded with align_corners, else floored; at most in - 1, at least 0 with half-pixel
 * centers). The compiler computes the picked rows and columns; float32, int8 and int16 (integers
 * quantized as the input, since the values are copied).
 */
public final class ResizeNearestNeighbor implements OperatorKind {
    @Override
    public String name() {
        return "RESIZE_NEAREST_NEIGHBOR";
    }

    @Override
    public Kernel prepare(Node node) {
        int[] size = outputSize(node, name(), TensorType.FLOAT32, TensorType.INT8, TensorType.INT16);
        Tensor in = node.input(0);
        int[] d = in.shape().dims();
        boolean alignCorners = node.options().getBoolean("alignCorners", false);
        boolean halfPixelCenters = node.options().getBoolean("halfPixelCenters", false);
        return new Nearest(d[0], d[1], d[2], d[3], nearest(d[1], size[0], alignCorners, halfPixelCenters),
                nearest(d[2], size[1], alignCorners, halfPixelCenters), in.type().bytes());
    }

    /**
     * Checks a resize: a rank 4 input of one of {@code types}, integers quantized per tensor and the
     * output quantized as the input (the values are moved or blended unscaled), the constant positive
     * size [height, width] (input 1) and the output shape [batches, height, width, depth]. Returns
     * the size.
     */
    static int[] outputSize(Node node, String name, TensorType... types) {
        Tensor in = DataMovement.expect(node, name, 2, 2, 4, 4, types);
        Tensor out = node.output(0);
        if (in.type() != TensorType.FLOAT32) {
            node.expectPerTensor(in);
            node.expectSameQuantization(in, out);
        }
        int[] size = DataMovement.vector(node, 1, "size", 2);
        if (size[0] <= 0 || size[1] <= 0) {
            throw node.error(node.input(1), "size " + size[0] + "x" + size[1] + " is not positive");
        }
        int[] d = in.shape().dims();
        node.expectShape(out, Shape.of(d[0], size[0], size[1], d[3]));
        return size;
    }

    /** TFLM's GetNearestNeighbor for every output position 0 .. outSize - 1. */
    static int[] nearest(int inSize, int outSize, boolean alignCorners, boolean halfPixelCenters) {
        float scale = alignCorners && outSize > 1 ? (inSize - 1) / (float) (outSize - 1) : inSize / (float) outSize;
        float offset = halfPixelCenters ? 0.5f : 0.0f;
        int[] picked = new int[outSize];
        for (int i = 0; i < outSize; i++) {
            float at = (i + offset) * scale;
            int v = alignCorners ? (int) FixedPoint.roundHalfAwayFromZero(at) : (int) Math.floor(at);
            v = Math.min(v, inSize - 1);
            picked[i] = halfPixelCenters ? Math.max(0, v) : v;
        }
        return picked;
    }

    /** The copy: output pixel (b, y, x) is input pixel (b, rows[y], cols[x]), depth elements of elementBytes. */
    public record Nearest(int batches, int inH, int inW, int depth, int[] rows, int[] cols, int elementBytes)
            implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] source = new int[batches * rows.length * cols.length * depth];
            int o = 0;
            for (int b = 0; b < batches; b++) {
                for (int y : rows) {
                    for (int x : cols) {
                        for (int c = 0; c < depth; c++) {
                            source[o++] = ((b * inH + y) * inW + x) * depth + c;
                        }
                    }
                }
            }
            StridedCopy.gather(inputs[0], outputs[0], source, 0);
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
