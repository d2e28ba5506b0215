package dev.tflc.quantize;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Model;
import dev.tflc.ops.Operators;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Post-training full-integer quantization of a float or hybrid model: calibration in the Java
 * reference over representative inputs, then the int8 rewrite ({@link Quantizer}).
 */
public final class PostTraining {
    /** The description every model quantize writes starts with. */
    public static final String DESCRIPTION = "int8 model written by tflc quantize";

    private PostTraining() {
    }

    /** The operators quantize rewrites to int8, sorted by name. */
    public static List<String> operators() {
        return Quantizer.operators();
    }

    /**
     * Refuses a graph quantize cannot take (inputs or outputs not float32, an operator it does not
     * handle) before any calibration input is read.
     */
    public static void check(Graph main) {
        Quantizer.check(FloatGraph.of(main));
    }

    /**
     * {@code main} (a model's main graph) quantized to int8 with ranges calibrated over {@code samples} (each the
     * raw bytes of every float input, in input order); {@code floatIo} keeps float inputs and outputs
     * (QUANTIZE and DEQUANTIZE at the edges), else they are int8. {@code progress} receives the number
     * of calibration samples done.
     */
    public static Model quantize(Graph main, List<List<byte[]>> samples, boolean floatIo, IntConsumer progress) {
        Graph floatGraph = FloatGraph.of(main);
        Quantizer.check(floatGraph);
        Map<Integer, Range> ranges = Calibration.ranges(floatGraph, samples, progress);
        Graph quantized = Quantizer.quantize(floatGraph, ranges, floatIo);
        Operators.prepare(quantized); // the result must be a model tflc compiles

        return new Model(List.of(quantized), DESCRIPTION + (floatIo ? " (float input and output)" : ""));
    }
}
