package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoldenCheckTest {
    static final List<GoldenCheck.Output> INT8_THEN_FLOAT = List.of(new GoldenCheck.Output("scores", 2, false),
            new GoldenCheck.Output("probabilities", 8, true));

    static byte[] bytes(int a, int b, float x, float y) {
        return ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) a).put((byte) b).putFloat(x)
                .putFloat(y).array();
    }

    @Test
    void equalBytesAreBitExact() {
        assertEquals("bit-exact", GoldenCheck.compare(INT8_THEN_FLOAT, bytes(1, -2, 0.5f, 1f), bytes(1, -2, 0.5f, 1f), "w"));
    }

    @Test
    void floatsWithinOneMillionthAbsoluteOrRelativeAreWithinTolerance() {
        String check = GoldenCheck.compare(INT8_THEN_FLOAT, bytes(1, -2, 0.5f, 1000f), bytes(1, -2, 0.5000004f, 1000.005f), "w");
        assertTrue(check.startsWith("within tolerance (max abs diff "), check);
    }

    @Test
    void anyIntegerDifferenceFailsNamingTheByteAndTensor() {
        BenchFailure f = assertThrows(BenchFailure.class,
                () -> GoldenCheck.compare(INT8_THEN_FLOAT, bytes(1, -2, 0, 0), bytes(1, -3, 0, 0), "m cortex-m4 -O2"));
        assertEquals("m cortex-m4 -O2: output byte 1 (tensor 'scores') is -3, golden -2", f.getMessage());
    }

    @Test
    void aFloatBeyondToleranceFailsNamingTheElement() {
        BenchFailure f = assertThrows(BenchFailure.class,
                () -> GoldenCheck.compare(INT8_THEN_FLOAT, bytes(0, 0, 0.5f, 1f), bytes(0, 0, 0.5f, 1.001f), "w"));
        assertTrue(f.getMessage().startsWith("w: output element 1 of 'probabilities' is 1.001, golden 1.0"), f.getMessage());
    }

    @Test
    void anOutputOfTheWrongSizeFails() {
        BenchFailure f = assertThrows(BenchFailure.class,
                () -> GoldenCheck.compare(INT8_THEN_FLOAT, new byte[10], new byte[4], "w"));
        assertEquals("w: output is 4 bytes, golden 10, the outputs need 10", f.getMessage());
    }
}
