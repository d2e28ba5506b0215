package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.SeanetCsv;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seanet TRANSPOSE_CONV models take their output shape as an int32 graph input: a shape other
 * than the model's is refused at run time, by the reference and by the generated code. (Their golden
 * outputs are SeanetOpsTest's.)
 */
class SeanetTransposeConvShapeTest {
    private static final Path TRANSPOSE_CONV1 =
            SharedModels.root().resolve("seanet-ops/transpose_conv/transpose_conv1.tflite");

    /** The output shape 1x3x22x32 with one dimension changed. */
    private static byte[] wrongShape() {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(3).putInt(23).putInt(32)
                .array();
    }

    @Test
    void referenceRefusesAnOutputShapeInputOtherThanTheModels() {
        Graph g = ModelReader.read(TRANSPOSE_CONV1).main();
        List<byte[]> inputs = new ArrayList<>(SeanetCsv.inputs(TRANSPOSE_CONV1));
        inputs.set(0, wrongShape());
        IrException e = assertThrows(IrException.class, () -> Interpreter.run(g, inputs));
        assertTrue(e.getMessage().contains("output shape [1, 3, 23, 32] differs from the model's [1, 3, 22, 32]"),
                e.getMessage());
    }

    @Test
    void generatedInvokeReturnsTheOperatorsErrorCodeForAnOtherOutputShape(@TempDir Path tmp) throws Exception {
        Graph g = ModelReader.read(TRANSPOSE_CONV1).main();
        Path dir = GeneratedCodeTest.compile(g, tmp.resolve("c"), "transpose_conv1");
        // Replace the runner by one that writes the shape input and prints invoke's result.
        Files.writeString(dir.resolve("main.c"), """
                #include <stdio.h>
                #include <string.h>
                #include "model.h"

                int main(void)
                {
                    int32_t shape[4] = { 1, 3, 22, 32 };
                    int first, second;
                    memcpy(model_input(0), shape, sizeof shape);
                    first = model_invoke();
                    shape[2] = 23;
                    memcpy(model_input(0), shape, sizeof shape);
                    second = model_invoke();
                    printf("%d %d\\n", first, second);
                    return 0;
                }
                """, StandardCharsets.UTF_8);
        HostCompiler.build(dir, "gcc", GeneratedCodeMatchesReferenceProperties.FLAGS);
        // operator 0 fails its check: invoke returns 1 + 0
        assertEquals("0 1", new String(HostCompiler.run(dir, List.of("./prog"), new byte[0]),
                StandardCharsets.UTF_8).strip());
    }
}
