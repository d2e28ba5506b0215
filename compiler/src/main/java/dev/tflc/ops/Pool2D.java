package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * AVERAGE_POOL_2D and MAX_POOL_2D: a window over each channel of an NHWC tensor, no dilation; int8,
 * int16 (16-bit activations, the same arithmetic) and float32.
 */
public final class Pool2D implements OperatorKind {
    public enum Mode { AVERAGE, MAX }

    private final Mode mode;

    private Pool2D(Mode mode) {
        this.mode = mode;
    }

    public static Pool2D average() {
        return new Pool2D(Mode.AVERAGE);
    }

    public static Pool2D max() {
        return new Pool2D(Mode.MAX);
    }

    @Override
    public String name() {
        return mode == Mode.AVERAGE ? "AVERAGE_POOL_2D" : "MAX_POOL_2D";
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(1, 1);
        node.expectOutputs(1);
        Tensor input = node.input(0);
        Tensor output = node.output(0);
        node.expectRank(input, 4);
        int filterH = node.options().getInt("filterHeight", 0);
        int filterW = node.options().getInt("filterWidth", 0);
        Window w = Window.of(node, input.shape().dim(0), input.shape().dim(1), input.shape().dim(2), filterH, filterW);
        int channels = input.shape().dim(3);
        node.expectShape(output, Shape.of(w.batches(), w.outH(), w.outW(), channels));
        Activation act = Activation.of(node);
        if (input.type() == TensorType.FLOAT32) {
            node.expectType(output, TensorType.FLOAT32);
            return new Kernel2D(mode, w, channels, null, act.floatRange());
        }
        node.expectType(input, TensorType.INT8, TensorType.INT16);
        node.expectType(output, input.type());
        node.expectPerTensor(input);
        node.expectPerTensor(output);
        node.expectSameQuantization(input, output);
        Kernel2D pooling = new Kernel2D(mode, w, channels, act.quantizedRange(output), null);
        return input.type() == TensorType.INT16 ? new Int16(pooling) : pooling;
    }

    /**
     * int16 pooling (TFLM's int16 AveragePool and MaxPool): the integer arithmetic of {@code pooling}
     * with the int16 range. A class of its own so that kernel sets choose int16 kernels for it.
     */
    public record Int16(Kernel2D pooling) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            pooling.run(inputs, outputs);
        }

        @Override
        public long macs() {
            return 0;
        }
    }

    /**
     * The pooling computation: integer ({@code range} set) or float ({@code floatRange} set). The
     * integer average divides with rounding half away from zero; only in-bounds elements count.
     */
    public record Kernel2D(Mode mode, Window window, int channels, int[] range, float[] floatRange) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Window w = window;
            for (int b = 0; b < w.batches(); b++) {
                for (int oy = 0; oy < w.outH(); oy++) {
                    for (int ox = 0; ox < w.outW(); ox++) {
                        int iy0 = oy * w.strideH() - w.padH();
                        int ix0 = ox * w.strideW() - w.padW();
                        int fy0 = Math.max(0, -iy0);
                        int fy1 = Math.min(w.filterH(), w.inH() - iy0);
                        int fx0 = Math.max(0, -ix0);
                        int fx1 = Math.min(w.filterW(), w.inW() - ix0);
                        for (int c = 0; c < channels; c++) {
                            int o = ((b * w.outH() + oy) * w.outW() + ox) * channels + c;
                            if (range != null) {
                                outputs[0].ints()[o] = integer(inputs[0].ints(), b, iy0, ix0, fy0, fy1, fx0, fx1, c);
                            } else {
                                outputs[0].floats()[o] = real(inputs[0].floats(), b, iy0, ix0, fy0, fy1, fx0, fx1, c);
                            }
                        }
                    }
                }
            }
        }

        private int index(int b, int y, int x, int c) {
            return ((b * window.inH() + y) * window.inW() + x) * channels + c;
        }

        private int integer(int[] in, int b, int iy0, int ix0, int fy0, int fy1, int fx0, int fx1, int c) {
            int acc = mode == Mode.MAX ? Integer.MIN_VALUE : 0;
            int count = 0;
            for (int fy = fy0; fy < fy1; fy++) {
                for (int fx = fx0; fx < fx1; fx++) {
                    int v = in[index(b, iy0 + fy, ix0 + fx, c)];
                    acc = mode == Mode.MAX ? Math.max(acc, v) : acc + v;
                    count++;
                }
            }
            if (mode == Mode.AVERAGE) {
                if (count == 0) {
                    return 0;
                }
                acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
            }
            return Math.min(Math.max(acc, range[0]), range[1]);
        }

        private float real(float[] in, int b, int iy0, int ix0, int fy0, int fy1, int fx0, int fx1, int c) {
            float acc = mode == Mode.MAX ? -Float.MAX_VALUE : 0f;
            int count = 0;
            for (int fy = fy0; fy < fy1; fy++) {
                for (int fx = fx0; fx < fx1; fx++) {
                    float v = in[index(b, iy0 + fy, ix0 + fx, c)];
                    acc = mode == Mode.MAX ? Math.max(acc, v) : acc + v;
                    count++;
                }
            }
            if (mode == Mode.AVERAGE) {
                acc = count == 0 ? 0f : acc / count;
            }
            return Activation.clamp(acc, floatRange);
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
