package dev.tflc.quantize;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Runs a float graph in the Java reference over a calibration set and records, for every float
 * tensor computed at run time (graph inputs included), the smallest and largest value it took.
 */
public final class Calibration {
    private Calibration() {
    }

    /**
     * The ranges over {@code samples} (each the raw bytes of every input, in input order);
     * {@code progress} receives the number of samples done after each one.
     */
    public static Map<Integer, Range> ranges(Graph floatGraph, List<List<byte[]>> samples, IntConsumer progress) {
        if (samples.isEmpty()) {
            throw new IrException("the calibration set is empty");
        }
        Interpreter interpreter = new Interpreter(floatGraph);
        Map<Integer, Range> ranges = new HashMap<>();
        int done = 0;
        for (List<byte[]> sample : samples) {
            interpreter.run(sample, (index, value) -> {
                if (value.type() == TensorType.FLOAT32) {
                    ranges.merge(index, Range.of(value.floats()), Range::union);
                }
            });
            progress.accept(++done);
        }
        return ranges;
    }
}
