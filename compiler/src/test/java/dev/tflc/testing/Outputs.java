package dev.tflc.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Comparisons of raw output bytes, exact for integers and within DESIGN.md's tolerance for floats. */
public final class Outputs {
    public static final double RELATIVE = 1e-5;
    public static final double ABSOLUTE = 1e-6;

    private Outputs() {
    }

    public static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(n);
        parts.forEach(b::put);
        return b.array();
    }

    /** Null if the float32 arrays agree within tolerance, else a description of the first difference. */
    public static String floatMismatch(byte[] expected, byte[] actual) {
        if (expected.length != actual.length) {
            return "lengths differ: " + expected.length + " vs " + actual.length;
        }
        ByteBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer a = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < expected.length / 4; i++) {
            float x = e.getFloat();
            float y = a.getFloat();
            double diff = Math.abs((double) x - y);
            if (!(diff <= ABSOLUTE || diff <= RELATIVE * Math.abs(x)) && !(Float.isNaN(x) && Float.isNaN(y))) {
                return "element " + i + ": expected " + x + ", got " + y;
            }
        }
        return null;
    }

    /**
     * Null if the float32 arrays agree within DESIGN.md's tolerance taken relative to the tensor's
     * largest magnitude: for comparisons with TensorFlow Lite, whose optimized kernels sum in another
     * order, so rounding error scales with the summed terms rather than with each result.
     */
    public static String floatMismatchScaled(byte[] expected, byte[] actual) {
        if (expected.length != actual.length) {
            return "lengths differ: " + expected.length + " vs " + actual.length;
        }
        ByteBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer a = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
        double max = 0;
        for (int i = 0; i < expected.length / 4; i++) {
            max = Math.max(max, Math.abs(e.getFloat(4 * i)));
        }
        for (int i = 0; i < expected.length / 4; i++) {
            float x = e.getFloat(4 * i);
            float y = a.getFloat(4 * i);
            if (Math.abs((double) x - y) > ABSOLUTE + RELATIVE * max) {
                return "element " + i + ": expected " + x + ", got " + y + " (largest magnitude " + max + ")";
            }
        }
        return null;
    }

    /** Bytes as hex, for readable assertion messages. */
    public static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }

    /** Largest element-wise difference of two int16 arrays (little-endian bytes). */
    public static int maxInt16Difference(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return Integer.MAX_VALUE;
        }
        ByteBuffer x = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer y = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int max = 0;
        for (int i = 0; i + 1 < a.length; i += 2) {
            max = Math.max(max, Math.abs(x.getShort(i) - y.getShort(i)));
        }
        return max;
    }

    /** Largest element-wise difference of two int8 arrays. */
    public static int maxInt8Difference(byte[] a, byte[] b) {
        int max = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return a.length == b.length ? max : Integer.MAX_VALUE;
    }
}
