package dev.tflc.cli;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Model;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model {@code tflc warmup} compiles for every target: a small int8 image classifier made here,
 * with weights from a fixed pseudo-random sequence. 12x12x1 input, CONV_2D 3x3x8 (ReLU), DEPTHWISE_CONV_2D 3x3 stride 2
 * (ReLU6), AVERAGE_POOL_2D, RESHAPE, FULLY_CONNECTED to 4 classes, SOFTMAX.
 */
final class WarmupModel {
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Operator> operators = new ArrayList<>();
    private long seed = 0x7f4a7c15L;

    private WarmupModel() {
    }

    static Model build() {
        return new WarmupModel().make();
    }

    private Model make() {
        int input = activation("image", Shape.of(1, 12, 12, 1), 0.0078125f, 0);
        int c1 = activation("conv1", Shape.of(1, 12, 12, 8), 0.05f, -128);
        int w1 = weights("conv1/weights", Shape.of(8, 3, 3, 1), 8, 0);
        int b1 = bias("conv1/bias", 8, 0.0078125f, tensors.get(w1).quantization());
        op("CONV_2D", List.of(input, w1, b1), c1, Map.of("padding", 0, "strideW", 1, "strideH", 1,
                "fusedActivationFunction", 1, "dilationWFactor", 1, "dilationHFactor", 1), "Conv2DOptions");
        int c2 = activation("depthwise", Shape.of(1, 6, 6, 8), 0.03f, -128);
        int w2 = weights("depthwise/weights", Shape.of(1, 3, 3, 8), 8, 3);
        int b2 = bias("depthwise/bias", 8, 0.05f, tensors.get(w2).quantization());
        op("DEPTHWISE_CONV_2D", List.of(c1, w2, b2), c2, Map.of("padding", 0, "strideW", 2, "strideH", 2,
                "depthMultiplier", 1, "fusedActivationFunction", 3, "dilationWFactor", 1, "dilationHFactor", 1),
                "DepthwiseConv2DOptions");
        int pool = activation("pool", Shape.of(1, 1, 1, 8), 0.03f, -128);
        op("AVERAGE_POOL_2D", List.of(c2), pool, Map.of("padding", 1, "strideW", 6, "strideH", 6, "filterWidth", 6,
                "filterHeight", 6, "fusedActivationFunction", 0), "Pool2DOptions");
        int flat = activation("flatten", Shape.of(1, 8), 0.03f, -128);
        op("RESHAPE", List.of(pool), flat, Map.of("newShape", List.of(1, 8)), "ReshapeOptions");
        int logits = activation("logits", Shape.of(1, 4), 0.1f, 10);
        int w3 = weights("dense/weights", Shape.of(4, 8), 1, 0);
        int b3 = bias("dense/bias", 4, 0.03f, tensors.get(w3).quantization());
        op("FULLY_CONNECTED", List.of(flat, w3, b3), logits, Map.of("fusedActivationFunction", 0, "weightsFormat", 0,
                "keepNumDims", false), "FullyConnectedOptions");
        int probs = activation("probabilities", Shape.of(1, 4), 1f / 256, -128);
        op("SOFTMAX", List.of(logits), probs, Map.of("beta", 1.0f), "SoftmaxOptions");
        Graph g = new Graph("demo", tensors, operators, List.of(input), List.of(probs));
        return new Model(List.of(g), "a small int8 image classifier made by tflc");
    }

    private int activation(String name, Shape shape, float scale, int zeroPoint) {
        return add(new Tensor(tensors.size(), name, TensorType.INT8, shape, Quantization.perTensor(scale, zeroPoint),
                null, false));
    }

    private int weights(String name, Shape shape, int channels, int axis) {
        byte[] data = new byte[shape.elements()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (next() % 255 - 127);
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = 0.004f + 0.001f * c;
        }
        Quantization q = channels == 1 ? Quantization.perTensor(scales[0], 0)
                : Quantization.perAxis(scales, new long[channels], axis);
        return add(new Tensor(tensors.size(), name, TensorType.INT8, shape, q, data, false));
    }

    private int bias(String name, int channels, float inputScale, Quantization weights) {
        ByteBuffer b = ByteBuffer.allocate(4 * channels).order(ByteOrder.LITTLE_ENDIAN);
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = inputScale * (weights.isPerChannel() ? weights.scale(c) : weights.scale());
            b.putInt((int) (next() % 2001) - 1000);
        }
        Quantization q = channels == 1 || !weights.isPerChannel() ? Quantization.perTensor(scales[0], 0)
                : Quantization.perAxis(scales, new long[channels], 0);
        return add(new Tensor(tensors.size(), name, TensorType.INT32, Shape.of(channels), q, b.array(), false));
    }

    private void op(String kind, List<Integer> inputs, int output, Map<String, Object> fields, String optionsType) {
        operators.add(new Operator(operators.size(), kind, 1, inputs, List.of(output), new Options(optionsType, fields)));
    }

    private int add(Tensor t) {
        tensors.add(t);
        return t.index();
    }

    /** A 64-bit linear congruential sequence: the same weights on every machine. */
    private long next() {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        return (seed >>> 33) & 0x7fffffff;
    }
}
