package dev.tflc.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.Outputs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The int8 reference of MUL, SUB, RELU, RELU_N1_TO_1, LEAKY_RELU, LOGISTIC, TANH, HARD_SWISH and ABS
 * gives, for every input value, the outputs TensorFlow Lite Micro's reference kernels gave for the
 * same parameters (tflm-elementwise-int8.txt says how they were computed). TensorFlow Lite, the
 * property tests' oracle, rounds some of these differently (ReferenceMatchesTfliteProperties); this
 * holds the reference to TFLM itself, LEAKY_RELU's negative alpha and the saturated ends of LOGISTIC
 * and TANH included.
 */
class TflmElementwiseVectorsTest {
    private static final String VECTORS = "tflm-elementwise-int8.txt";

    static Stream<String> vectors() throws IOException {
        return lines(VECTORS);
    }

    /** The lines of a vector file beside this class, without comments and blank lines. */
    static Stream<String> lines(String resource) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                TflmElementwiseVectorsTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList().stream();
        }
    }

    /** The 256 int8 values -128 .. 127 in order. */
    static byte[] everyValue() {
        byte[] everyValue = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyValue[i] = (byte) (i - 128);
        }
        return everyValue;
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void int8ReferenceGivesTflmOutputsForEveryInput(String line) {
        String[] f = line.split(" ");
        String op = f[0];
        byte[] everyValue = everyValue();
        List<Tensor> tensors = new ArrayList<>();
        List<byte[]> inputs = new ArrayList<>();
        Map<String, Object> options = new HashMap<>();
        tensors.add(int8(0, Float.parseFloat(f[1]), Integer.parseInt(f[2])));
        inputs.add(everyValue);
        Tensor out;
        switch (op) {
            case "LOGISTIC" -> out = int8(1, 1f / 256, -128);
            case "TANH" -> out = int8(1, 1f / 128, 0);
            case "MUL", "SUB" -> {
                tensors.add(int8(1, Float.parseFloat(f[3]), Integer.parseInt(f[4])));
                byte[] second = new byte[256];
                Arrays.fill(second, Byte.parseByte(f[7]));
                inputs.add(second);
                out = int8(2, Float.parseFloat(f[5]), Integer.parseInt(f[6]));
            }
            default -> {
                out = int8(1, Float.parseFloat(f[3]), Integer.parseInt(f[4]));
                if (op.equals("LEAKY_RELU")) {
                    options.put("alpha", Float.parseFloat(f[5]));
                }
            }
        }
        assertOutputs(line, op, tensors, inputs, out, options);
    }

    /**
     * Runs {@code op} on {@code inputs} (the first one or two of {@code tensors}) into {@code out} and
     * checks the outputs against the hex at the end of the vector {@code line}.
     */
    static void assertOutputs(String line, String op, List<Tensor> tensors, List<byte[]> inputs, Tensor out,
            Map<String, Object> options) {
        List<Tensor> all = new ArrayList<>(tensors);
        all.add(out);
        List<Integer> in = inputs.size() == 1 ? List.of(0) : List.of(0, 1);
        Operator operator = new Operator(0, op, 1, in, List.of(out.index()), new Options(op + "Options", options));
        Graph g = new Graph("vectors", all, List.of(operator), in, List.of(out.index()));
        byte[] ours = Interpreter.run(g, inputs).get(0);
        String[] f = line.split(" ");
        assertEquals(f[f.length - 1], Outputs.hex(ours), line.substring(0, line.lastIndexOf(' ')));
    }

    static Tensor int8(int index, float scale, int zeroPoint) {
        return new Tensor(index, "t" + index, TensorType.INT8, Shape.of(256), Quantization.perTensor(scale, zeroPoint),
                null, false);
    }
}
