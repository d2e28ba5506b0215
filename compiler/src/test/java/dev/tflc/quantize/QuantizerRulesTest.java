package dev.tflc.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.TfliteOracle;
import dev.tflc.tflite.ModelWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rules the MLPerf Tiny models do not exercise, on a small float graph: FULLY_CONNECTED, then
 * TANH and LOGISTIC (fixed output parameters 1/128 and 0, 1/256 and -128), CONCATENATION of the two
 * (every input at the output's parameters, so both are requantized by a QUANTIZE), SOFTMAX; float
 * input and output (QUANTIZE first, DEQUANTIZE last). TensorFlow Lite runs the result and agrees with
 * the reference and with the float model.
 */
class QuantizerRulesTest {
    private final List<Tensor> tensors = new ArrayList<>();

    private int tensor(String name, Shape shape, float[] data) {
        byte[] bytes = null;
        if (data != null) {
            ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : data) {
                b.putFloat(v);
            }
            bytes = b.array();
        }
        tensors.add(new Tensor(tensors.size(), name, TensorType.FLOAT32, shape, null, bytes, false));
        return tensors.size() - 1;
    }

    private Graph floatGraph() {
        Random r = new Random(5);
        float[] w = new float[4 * 8];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian() * 0.5f;
        }
        int x = tensor("x", Shape.of(1, 8), null);
        int wt = tensor("w", Shape.of(4, 8), w);
        int bt = tensor("b", Shape.of(4), new float[] {0.1f, -0.2f, 0.3f, 0f});
        int a = tensor("a", Shape.of(1, 4), null);
        int t = tensor("t", Shape.of(1, 4), null);
        int s = tensor("s", Shape.of(1, 4), null);
        int cat = tensor("cat", Shape.of(1, 8), null);
        int out = tensor("out", Shape.of(1, 8), null);
        List<Operator> ops = List.of(
                new Operator(0, "FULLY_CONNECTED", 1, List.of(x, wt, bt), List.of(a), new Options(
                        "FullyConnectedOptions", Map.of("fusedActivationFunction", 0, "weightsFormat", 0,
                                "keepNumDims", false))),
                new Operator(1, "TANH", 1, List.of(a), List.of(t), Options.NONE),
                new Operator(2, "LOGISTIC", 1, List.of(a), List.of(s), Options.NONE),
                new Operator(3, "CONCATENATION", 1, List.of(t, s), List.of(cat), new Options("ConcatenationOptions",
                        Map.of("axis", 1, "fusedActivationFunction", 0))),
                new Operator(4, "SOFTMAX", 1, List.of(cat), List.of(out), new Options("SoftmaxOptions",
                        Map.of("beta", 1.0f))));
        return new Graph("main", tensors, ops, List.of(x), List.of(out));
    }

    private static List<byte[]> input(Random r) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            b.putFloat(r.nextFloat() * 4 - 2);
        }
        return List.of(b.array());
    }

    @Test
    void fixedSharedAndFloatEdgesRunInTflite() {
        Graph f = floatGraph();
        Random r = new Random(11);
        List<List<byte[]>> calibration = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calibration.add(input(r));
        }
        Graph g = PostTraining.quantize(f, calibration, true, done -> { }).main();
        assertEquals(List.of("QUANTIZE", "FULLY_CONNECTED", "TANH", "LOGISTIC", "QUANTIZE", "QUANTIZE",
                "CONCATENATION", "SOFTMAX", "DEQUANTIZE"), g.operators().stream().map(Operator::kind).toList());
        assertEquals(Quantization.perTensor(1f / 128, 0), g.tensor(g.operators().get(2).output(0)).quantization());
        assertEquals(Quantization.perTensor(1f / 256, -128), g.tensor(g.operators().get(3).output(0)).quantization());
        Quantization cat = g.tensor(g.operators().get(6).output(0)).quantization();
        for (int in : g.operators().get(6).inputs()) {
            assertEquals(cat, g.tensor(in).quantization(), "CONCATENATION input " + g.tensor(in).name());
        }
        // The union of TANH's [-1, 1) and LOGISTIC's [0, 1) as calibrated: zero point near the middle.
        assertTrue(Math.abs(cat.zeroPoint()) <= 8 && cat.scale() < 2.1f / 255, cat.toString());
        assertEquals(TensorType.FLOAT32, g.inputTensors().get(0).type());
        assertEquals(TensorType.FLOAT32, g.outputTensors().get(0).type());

        byte[] model = ModelWriter.write(new dev.tflc.ir.Model(List.of(g), PostTraining.DESCRIPTION));
        for (int run = 0; run < 10; run++) {
            List<byte[]> in = input(r);
            float[] expected = floats(Interpreter.run(f, in).get(0));
            float[] ours = floats(Interpreter.run(g, in).get(0));
            float[] theirs = floats(TfliteOracle.run(model, in).get(0));
            for (int i = 0; i < expected.length; i++) {
                // One output step (1/256) per rounding difference TFLite may have (FULLY_CONNECTED, SOFTMAX).
                assertEquals(theirs[i], ours[i], 2.0 / 256 + 1e-6, "run " + run + " element " + i + " vs TFLite");
                assertEquals(expected[i], ours[i], 0.02, "run " + run + " element " + i + " vs float");
            }
        }
    }

    private static float[] floats(byte[] raw) {
        return TensorData.fromBytes(TensorType.FLOAT32, Shape.of(raw.length / 4), raw).floats();
    }
}
