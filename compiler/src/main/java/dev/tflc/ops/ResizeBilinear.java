package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * RESIZE_BILINEAR of a [batches, height, width, depth] input to the constant int32 size
 * [new height, new width], as TensorFlow Lite Micro's reference (resize_bilinear.h). Float
 * (ResizeBilinear): the source position y * scale (half-pixel centers: (y + 0.5) * scale - 0.5) in
 * float, its floor (at least 0) and ceiling (at most size - 1) the rows blended, the four products
 * summed in TFLM's order. int8 (ResizeBilinearInteger, on the stored values, so the output is
 * quantized as the input): the scale in 1/1024 steps rounded, the blend of the four values as an
 * int64 in 2^-20 steps, divided by 2^20 rounding half away from zero. align_corners with
 * half_pixel_centers is refused, as TFLM refuses it.
 */
public final class ResizeBilinear implements OperatorKind {
    @Override
    public String name() {
        return "RESIZE_BILINEAR";
    }

    @Override
    public Kernel prepare(Node node) {
        int[] size = ResizeNearestNeighbor.outputSize(node, name(), TensorType.FLOAT32, TensorType.INT8);
        Tensor in = node.input(0);
        int[] d = in.shape().dims();
        boolean alignCorners = node.options().getBoolean("alignCorners", false);
        boolean halfPixelCenters = node.options().getBoolean("halfPixelCenters", false);
        if (alignCorners && halfPixelCenters) {
            throw node.error("align_corners and half_pixel_centers together are not supported (TFLM refuses them)");
        }
        Geometry g = new Geometry(d[0], d[1], d[2], d[3], size[0], size[1], halfPixelCenters);
        // TFLM's positions in 1/1024 steps are int32: (height or width) * 1024 must fit.
        if (in.type() == TensorType.INT8 && Math.max(d[1], d[2]) >= 1 << 20) {
            throw node.error(in, "height or width of 2^20 or more is not supported (TFLM's int8 positions would "
                    + "overflow 32 bits)");
        }
        if (in.type() == TensorType.FLOAT32) {
            return new Float32(g, floatScale(d[1], size[0], alignCorners), floatScale(d[2], size[1], alignCorners));
        }
        return new Int8(g, scale10(d[1], size[0], alignCorners), scale10(d[2], size[1], alignCorners));
    }

    private static float floatScale(int in, int out, boolean alignCorners) {
        return alignCorners && out > 1 ? (float) (in - 1) / (out - 1) : (float) in / out;
    }

    private static int scale10(int in, int out, boolean alignCorners) {
        return alignCorners && out > 1 ? ((1 << 10) * (in - 1) + (out - 1) / 2) / (out - 1)
                : ((1 << 10) * in + out / 2) / out;
    }

    /** Input and output sizes. */
    public record Geometry(int batches, int inH, int inW, int depth, int outH, int outW, boolean halfPixelCenters) {
        int at(int b, int y, int x, int c) {
            return ((b * inH + y) * inW + x) * depth + c;
        }
    }

    /** float32 bilinear resize. */
    public record Float32(Geometry g, float heightScale, float widthScale) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            float[] in = inputs[0].floats();
            float[] out = outputs[0].floats();
            int o = 0;
            for (int b = 0; b < g.batches(); b++) {
                for (int y = 0; y < g.outH(); y++) {
                    float iy = g.halfPixelCenters() ? (y + 0.5f) * heightScale - 0.5f : y * heightScale;
                    int y0 = Math.max((int) (float) Math.floor(iy), 0);
                    int y1 = Math.min((int) (float) Math.ceil(iy), g.inH() - 1);
                    for (int x = 0; x < g.outW(); x++) {
                        float ix = g.halfPixelCenters() ? (x + 0.5f) * widthScale - 0.5f : x * widthScale;
                        int x0 = Math.max((int) (float) Math.floor(ix), 0);
                        int x1 = Math.min((int) (float) Math.ceil(ix), g.inW() - 1);
                        for (int c = 0; c < g.depth(); c++) {
                            out[o++] = in[g.at(b, y0, x0, c)] * (1 - (iy - y0)) * (1 - (ix - x0))
                                    + in[g.at(b, y1, x0, c)] * (iy - y0) * (1 - (ix - x0))
                                    + in[g.at(b, y0, x1, c)] * (1 - (iy - y0)) * (ix - x0)
                                    + in[g.at(b, y1, x1, c)] * (iy - y0) * (ix - x0) + 0.0f;
                        }
                    }
                }
            }
        }

        @Override
        public long macs() {
            return 0;
        }
    }

    /** int8 bilinear resize in 1/1024 steps. */
    public record Int8(Geometry g, int heightScale10, int widthScale10) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] in = inputs[0].ints();
            int[] out = outputs[0].ints();
            int o = 0;
            for (int b = 0; b < g.batches(); b++) {
                for (int y = 0; y < g.outH(); y++) {
                    int iy = scaled(y, heightScale10);
                    int y0 = Math.max(iy / 1024, 0);
                    int y1 = Math.min((iy + 1023) / 1024, g.inH() - 1);
                    long wy = iy - 1024L * y0;
                    for (int x = 0; x < g.outW(); x++) {
                        int ix = scaled(x, widthScale10);
                        int x0 = Math.max(ix / 1024, 0);
                        int x1 = Math.min((ix + 1023) / 1024, g.inW() - 1);
                        long wx = ix - 1024L * x0;
                        for (int c = 0; c < g.depth(); c++) {
                            long sum = in[g.at(b, y0, x0, c)] * (1024 - wy) * (1024 - wx)
                                    + in[g.at(b, y1, x0, c)] * wy * (1024 - wx)
                                    + in[g.at(b, y0, x1, c)] * (1024 - wy) * wx
                                    + in[g.at(b, y1, x1, c)] * wy * wx;
                            long round = sum > 0 ? 1 << 19 : -(1 << 19);
                            out[o++] = (byte) ((sum + round) / (1 << 20));
                        }
                    }
                }
            }
        }

        /** TFLM's ComputeInterpolationValuesInteger: the source position in 1/1024 steps. */
        private int scaled(int v, int scale10) {
            return g.halfPixelCenters() ? v * scale10 + scale10 / 2 - (1 << 9) : v * scale10;
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
