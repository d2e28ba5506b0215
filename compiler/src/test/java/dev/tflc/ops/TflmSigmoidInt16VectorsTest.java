package dev.tflc.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Shape;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The int16 LOGISTIC and TANH references against TensorFlow Lite Micro's own arithmetic
 * (tflm-sigmoid-int16.txt says how it was computed): power-of-two scales (which TFLM treats apart and
 * TensorFlow Lite 2.6.2 computes otherwise), random scales, a multiplier near the int16 limit, the
 * largest right shift; inputs at the int16 extremes, around 0, at random and across the whole range.
 * The table the reference derives is not TFLM's text, so these outputs are what hold it to TFLM's.
 */
class TflmSigmoidInt16VectorsTest {
    static final String VECTORS = "tflm-sigmoid-int16.txt";

    static Stream<String> cases() throws IOException {
        return TflmElementwiseVectorsTest.lines(VECTORS);
    }

    @Test
    void theVectorsHoldBothFunctions() throws IOException {
        List<String> lines = cases().toList();
        assertEquals(96, lines.size());
        assertEquals(48, lines.stream().filter(l -> l.startsWith("TANH ")).count());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void int16ReferenceGivesTflmOutputs(String line) {
        String[] f = line.split(" ");
        float scale = Float.parseFloat(f[1]);
        int n = Integer.parseInt(f[2]);
        int[][] io = TflmSoftmaxInt16VectorsTest.int16Values(f, 3, n);
        Operator op = new Operator(0, f[0], 2, List.of(0), List.of(1), Options.NONE);
        assertArrayEquals(io[1], TflmSoftmaxInt16VectorsTest.runInt16(op, Shape.of(n), scale, io[0]),
                f[0] + " scale " + f[1]);
    }
}
