package dev.tflc.lower.optimized;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.HostCompiler;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.ir.Graph;
import dev.tflc.reference.Interpreter;
import dev.tflc.target.Target;
import dev.tflc.testing.CBuild;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;

/**
 * A layer whose requantization shift the optimized kernels cannot take (beyond -31..31: a scale
 * ratio past 2^31, as the fuzz suite made one) goes to the portable set with the reason, and the
 * generated C, built under the sanitizers, still equals the reference. Float layers go to the
 * optimized set only on cores with an FPU.
 */
class OptimizedDeclinesTest {
    @Test
    void aShiftBeyondThirtyOneGoesToPortableAndStaysExact(@TempDir Path tmp) throws Exception {
        ModelT m = ModelT.deserializeFromBinary(
                SharedModels.read(SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite")));
        SubGraphT g = m.getSubgraphs()[0];
        TensorT out = g.getTensors()[g.getOperators()[0].getOutputs()[0]];
        out.getQuantization().setScale(new float[] {out.getQuantization().getScale()[0] * 1e-12f});
        Graph graph = ModelReader.read(m.serializeToBinary(), "kws with a tiny output scale").main();
        CGenerator.Output generated = CGenerator.generate(graph, new CGenerator.Options("model", Target.load("host"),
                null, true, "kws.tflite"));
        JsonNode layer = new ObjectMapper().readTree(generated.report().toJson()).get("operators").get(0);
        assertEquals("portable", layer.get("implementation").get("kernel_set").asText(), layer.toString());
        assertTrue(layer.get("declined").toString().contains("requantization shift"), layer.toString());

        Path dir = tmp.resolve("c");
        OutputFolder.write(dir, generated.files());
        HostCompiler.build(dir, "clang", new CBuild("clang", "-O1", true).flags());
        byte[] input = new byte[(int) graph.inputTensors().get(0).byteSize()];
        new Random(7).nextBytes(input);
        assertArrayEquals(Outputs.concat(Interpreter.run(graph, List.of(input))),
                HostCompiler.run(dir, List.of("./prog"), input));
    }

    @Test
    void floatLayersStayOnSharedKernelsWithoutAnFpu() throws Exception {
        Graph graph = ModelReader.read(SharedModels.root().resolve("tflm-examples/hello_world_float.tflite")).main();
        for (String target : List.of("cortex-m3", "cortex-m4")) {
            CGenerator.Output generated = CGenerator.generate(graph, new CGenerator.Options("model",
                    Target.load(target), null, false, "hello_world_float.tflite"));
            for (JsonNode layer : new ObjectMapper().readTree(generated.report().toJson()).get("operators")) {
                String set = layer.get("implementation").get("kernel_set").asText();
                if (target.equals("cortex-m3")) {
                    assertEquals("portable", set, layer.toString());
                    assertTrue(layer.get("declined").toString().contains("without an FPU"), layer.toString());
                } else {
                    assertEquals(OptimizedKernels.NAME, set, layer.toString());
                }
            }
        }
    }
}
