package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;

/**
 * DEPTH_TO_SPACE and SPACE_TO_DEPTH, as TFLM's depth_to_space.cc and space_to_depth.cc: NHWC float32
 * or int8, block_size b at least 1. DEPTH_TO_SPACE makes each input pixel's channels a b x b block of
 * output pixels (channel ((y % b) * b + x % b) * out_c + c of input pixel (y / b, x / b)),
 * SPACE_TO_DEPTH the reverse. Both are a strided copy (elements as they are, whatever the
 * quantization), so they lower to the strided-copy kernel.
 */
public final class SpaceDepth implements OperatorKind {
    private final boolean toSpace;

    private SpaceDepth(boolean toSpace) {
        this.toSpace = toSpace;
    }

    public static SpaceDepth depthToSpace() {
        return new SpaceDepth(true);
    }

    public static SpaceDepth spaceToDepth() {
        return new SpaceDepth(false);
    }

    @Override
    public String name() {
        return toSpace ? "DEPTH_TO_SPACE" : "SPACE_TO_DEPTH";
    }

    @Override
    public Kernel prepare(Node node) {
        Tensor in = DataMovement.expect(node, name(), 1, 1, 4, 4, TensorType.FLOAT32, TensorType.INT8);
        int b = node.options().getInt("blockSize", 0);
        if (b < 1) {
            throw node.error("block_size " + b + " is below 1");
        }
        int[] d = in.shape().dims();
        int n = d[0];
        int h = d[1];
        int w = d[2];
        int c = d[3];
        if (toSpace) {
            if (c % (b * b) != 0) {
                throw node.error(in, "has " + c + " channels, not a multiple of block_size^2 = " + b * b);
            }
            int outC = c / (b * b);
            node.expectShape(node.output(0), Shape.of(n, h * b, w * b, outC));
            // output (n, y, by, x, bx, c) <- input (n, y, x, (by * b + bx) * outC + c)
            return StridedCopy.of(new int[] {n, h, b, w, b, outC},
                    new int[] {h * w * c, w * c, b * outC, c, outC, 1}, 0);
        }
        if (h % b != 0 || w % b != 0) {
            throw node.error(in, "has height " + h + " and width " + w + ", not multiples of block_size " + b);
        }
        node.expectShape(node.output(0), Shape.of(n, h / b, w / b, c * b * b));
        // output (n, y, x, by, bx, c) <- input (n, y * b + by, x * b + bx, c)
        return StridedCopy.of(new int[] {n, h / b, w / b, b, b, c},
                new int[] {h * w * c, b * w * c, b * c, w * c, c, 1}, 0);
    }
}
