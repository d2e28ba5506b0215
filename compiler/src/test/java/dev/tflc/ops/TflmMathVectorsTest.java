package dev.tflc.ops;

import static dev.tflc.ops.TflmElementwiseVectorsTest.assertOutputs;
import static dev.tflc.ops.TflmElementwiseVectorsTest.int8;

import dev.tflc.ir.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The int8 reference of DIV, SQUARED_DIFFERENCE, PRELU and RSQRT gives, for every input value, the
 * outputs TensorFlow Lite Micro's reference arithmetic gave for the same parameters
 * (tflm-math-int8.txt says how they were computed). TensorFlow Lite 2.6 has no int8 DIV, so this is
 * its only comparison with TFLM's own code.
 */
class TflmMathVectorsTest {
    static Stream<String> vectors() throws IOException {
        return TflmElementwiseVectorsTest.lines("tflm-math-int8.txt");
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void int8ReferenceGivesTflmOutputsForEveryInput(String line) {
        String[] f = line.split(" ");
        List<Tensor> tensors = new ArrayList<>();
        List<byte[]> inputs = new ArrayList<>();
        tensors.add(int8(0, Float.parseFloat(f[1]), Integer.parseInt(f[2])));
        inputs.add(TflmElementwiseVectorsTest.everyValue());
        Tensor out;
        if (f[0].equals("RSQRT")) {
            out = int8(1, Float.parseFloat(f[3]), Integer.parseInt(f[4]));
        } else {
            tensors.add(int8(1, Float.parseFloat(f[3]), Integer.parseInt(f[4])));
            byte[] second = new byte[256];
            Arrays.fill(second, Byte.parseByte(f[7]));
            inputs.add(second);
            out = int8(2, Float.parseFloat(f[5]), Integer.parseInt(f[6]));
        }
        assertOutputs(line, f[0], tensors, inputs, out, Map.of());
    }
}
