package dev.tflc.codegen;

import dev.tflc.target.Target;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * int8 SOFTMAX rows whose exps sum to 512 or more (1024 equal logits: each probability 1/1024, a
 * quarter of a step) push TFLM's final shift past 31, where TFLM stops on a check. tflc defines the
 * result as the zero probability, -128, in the reference and in C alike.
 */
class SoftmaxLongRowsTest {
    @Test
    void equalLogitsOverALongRowGiveTheZeroProbabilityInReferenceAndC(@TempDir Path tmp) throws Exception {
        int depth = 1024;
        Tensor in = new Tensor(0, "logits", TensorType.INT8, Shape.of(1, depth), Quantization.perTensor(0.1f, 0), null,
                false);
        Tensor out = new Tensor(1, "probs", TensorType.INT8, Shape.of(1, depth), Quantization.perTensor(1f / 256, -128),
                null, false);
        Graph g = new Graph("softmax", List.of(in, out), List.of(new Operator(0, "SOFTMAX", 1, List.of(0), List.of(1),
                new Options("SoftmaxOptions", Map.of("beta", 1.0f)))), List.of(0), List.of(1));
        byte[] input = new byte[depth];
        byte[] expected = new byte[depth];
        Arrays.fill(expected, (byte) -128);
        assertArrayEquals(expected, Interpreter.run(g, List.of(input)).get(0));
        CGenerator.Output code = CGenerator.generate(g, new CGenerator.Options("model", Target.load("host"), "portable",
                true, "softmax.tflite"));
        OutputFolder.write(tmp.resolve("c"), code.files());
        HostCompiler.build(tmp.resolve("c"));
        assertArrayEquals(expected, HostCompiler.run(tmp.resolve("c"), List.of("./prog"), input));
    }
}
