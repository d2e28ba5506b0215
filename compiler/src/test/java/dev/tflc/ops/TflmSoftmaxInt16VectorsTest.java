package dev.tflc.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The int16 SOFTMAX reference against TensorFlow Lite Micro's own arithmetic
 * (tflm-softmax-int16.txt says how it was computed): its exp and 1/(1 + x) tables entry for entry,
 * and its outputs for random rows and a few edges (one element, equal rows, the int16 extremes, the
 * largest rescaling shift, a multiplier flushed to zero, long rows). TensorFlow Lite 2.6.2 builds
 * these tables otherwise, so this is the reference's comparison with TFLM itself.
 */
class TflmSoftmaxInt16VectorsTest {
    static final String VECTORS = "tflm-softmax-int16.txt";

    /** TFLM's table named {@code name} (EXP_LUT or ONE_OVER_ONE_PLUS_X_LUT) in the vector file. */
    static int[] tflmTable(String name) throws IOException {
        String line = TflmElementwiseVectorsTest.lines(VECTORS).filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow();
        return Arrays.stream(line.split(" ")).skip(1).mapToInt(Integer::parseInt).toArray();
    }

    static Stream<String> cases() throws IOException {
        return TflmElementwiseVectorsTest.lines(VECTORS).filter(l -> l.startsWith("SOFTMAX "));
    }

    @Test
    void expAndReciprocalTablesAreTflms() throws IOException {
        assertArrayEquals(tflmTable("EXP_LUT"), Softmax.Int16.expLut());
        assertArrayEquals(tflmTable("ONE_OVER_ONE_PLUS_X_LUT"), Softmax.Int16.oneOverOnePlusXLut());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void int16ReferenceGivesTflmOutputs(String line) {
        String[] f = line.split(" ");
        float scale = Float.parseFloat(f[1]);
        float beta = Float.parseFloat(f[2]);
        int rows = Integer.parseInt(f[3]);
        int depth = Integer.parseInt(f[4]);
        int n = rows * depth;
        int[][] io = int16Values(f, 5, n);
        Operator op = new Operator(0, "SOFTMAX", 3, List.of(0), List.of(1),
                new Options("SoftmaxOptions", Map.of("beta", beta)));
        int[] expected = io[1];
        int[] actual = runInt16(op, Shape.of(rows, depth), scale, io[0]);
        assertArrayEquals(expected, actual, String.join(" ", Arrays.copyOf(f, 5)));
    }

    /** The {@code n} inputs from field {@code from} of a vector line, then the {@code n} outputs after them. */
    static int[][] int16Values(String[] fields, int from, int n) {
        int[][] io = new int[2][n];
        for (int i = 0; i < n; i++) {
            io[0][i] = Short.parseShort(fields[from + i]);
            io[1][i] = Integer.parseInt(fields[from + n + i]);
        }
        return io;
    }

    /**
     * The reference's outputs of {@code op} (input tensor 0, output tensor 1) on int16 {@code inputs} of
     * {@code shape} at {@code inputScale}, zero point 0; the output at scale 1/32768, zero point 0.
     */
    static int[] runInt16(Operator op, Shape shape, float inputScale, int[] inputs) {
        ByteBuffer input = ByteBuffer.allocate(2 * inputs.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : inputs) {
            input.putShort((short) v);
        }
        Tensor in = new Tensor(0, "in", TensorType.INT16, shape, Quantization.perTensor(inputScale, 0), null, false);
        Tensor out = new Tensor(1, "out", TensorType.INT16, shape, Quantization.perTensor(1f / 32768, 0), null,
                false);
        Graph g = new Graph("vectors", List.of(in, out), List.of(op), List.of(0), List.of(1));
        ByteBuffer ours = ByteBuffer.wrap(Interpreter.run(g, List.of(input.array())).get(0))
                .order(ByteOrder.LITTLE_ENDIAN);
        int[] actual = new int[inputs.length];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = ours.getShort();
        }
        return actual;
    }
}
