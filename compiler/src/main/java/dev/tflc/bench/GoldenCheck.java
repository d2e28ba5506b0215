package dev.tflc.bench;

import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks a board's output against the golden output: integer tensors bit for bit, float tensors
 * within 1e-5 relative or 1e-6 absolute per element. The result is what results.json's
 * {@code output} says: "bit-exact" or "within tolerance (max abs diff ...)"; anything else fails.
 */
final class GoldenCheck {
    static final double RELATIVE = 1e-5;
    static final double ABSOLUTE = 1e-6;
    static final String BIT_EXACT = "bit-exact";

    /** An output tensor as the check sees it: its name, its bytes, and whether it holds float32. */
    record Output(String name, int bytes, boolean float32) {
    }

    private GoldenCheck() {
    }

    static List<Output> outputs(Graph g) {
        return g.outputTensors().stream()
                .map(t -> new Output(t.name(), (int) t.byteSize(), t.type() == TensorType.FLOAT32)).toList();
    }

    /** "bit-exact", or "within tolerance (...)" for float outputs that are close; a failure otherwise. */
    static String compare(List<Output> outputs, byte[] expected, byte[] actual, String what) {
        long size = outputs.stream().mapToLong(Output::bytes).sum();
        if (expected.length != size || actual.length != size) {
            throw new BenchFailure(what + ": output is " + actual.length + " bytes, golden " + expected.length
                    + ", the outputs need " + size);
        }
        if (Arrays.equals(expected, actual)) {
            return BIT_EXACT;
        }
        int at = 0;
        double maxDiff = 0;
        for (Output t : outputs) {
            int n = t.bytes();
            if (!t.float32()) {
                for (int i = at; i < at + n; i++) {
                    if (expected[i] != actual[i]) {
                        throw new BenchFailure(what + ": output byte " + i + " (tensor '" + t.name() + "') is "
                                + actual[i] + ", golden " + expected[i]);
                    }
                }
            } else {
                ByteBuffer e = ByteBuffer.wrap(expected, at, n).order(ByteOrder.LITTLE_ENDIAN);
                ByteBuffer a = ByteBuffer.wrap(actual, at, n).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n / 4; i++) {
                    float x = e.getFloat();
                    float y = a.getFloat();
                    double diff = Math.abs((double) x - y);
                    if (!(diff <= ABSOLUTE || diff <= RELATIVE * Math.abs(x)) && !(Float.isNaN(x) && Float.isNaN(y))) {
                        throw new BenchFailure(what + ": output element " + i + " of '" + t.name() + "' is " + y
                                + ", golden " + x + " (beyond 1e-5 relative / 1e-6 absolute)");
                    }
                    maxDiff = Math.max(maxDiff, diff);
                }
            }
            at += n;
        }
        return String.format(Locale.ROOT, "within tolerance (max abs diff %.1e)", maxDiff);
    }
}
