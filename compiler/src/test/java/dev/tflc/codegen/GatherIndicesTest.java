package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomMovements;
import dev.tflc.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GATHER with its indices a run-time tensor: an index outside the axis is refused on the run, by the
 * reference and by the generated code (invoke returns 1 + the operator's index, writing nothing).
 */
class GatherIndicesTest {
    private static byte[] indices(int a, int b) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(a).putInt(b).array();
    }

    @Test
    void referenceGathersRowsAndRefusesAnIndexOutsideTheAxis() {
        Case c = RandomMovements.gatherByIndexInput();
        Graph g = ModelReader.read(c.model(), c.description()).main();
        byte[] rows = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(5).putFloat(6).putFloat(1)
                .putFloat(2).array();
        assertArrayEquals(rows, Interpreter.run(g, c.inputs()).get(0));
        for (int bad : new int[] {3, -1}) {
            IrException e = assertThrows(IrException.class,
                    () -> Interpreter.run(g, List.of(c.inputs().get(0), indices(0, bad))));
            assertTrue(e.getMessage().contains("GATHER index " + bad + " is outside the axis's 3 elements"),
                    e.getMessage());
        }
    }

    @Test
    void generatedInvokeReturnsTheOperatorsErrorCodeForAnIndexOutsideTheAxis(@TempDir Path tmp) throws Exception {
        Case c = RandomMovements.gatherByIndexInput();
        Graph g = ModelReader.read(c.model(), c.description()).main();
        Path dir = GeneratedCodeTest.compile(g, tmp.resolve("c"), "gather");
        Files.writeString(dir.resolve("main.c"), """
                #include <stdio.h>
                #include <string.h>
                #include "model.h"

                int main(void)
                {
                    const float x[6] = { 1, 2, 3, 4, 5, 6 };
                    int32_t idx[2] = { 2, 0 };
                    const float *y;
                    int ok, high, low;
                    memcpy(model_input(0), x, sizeof x);
                    memcpy(model_input(1), idx, sizeof idx);
                    ok = model_invoke();
                    y = (const float *)model_output(0);
                    printf("%d %g %g %g %g ", ok, y[0], y[1], y[2], y[3]);
                    idx[1] = 3;
                    memcpy(model_input(1), idx, sizeof idx);
                    high = model_invoke();
                    idx[1] = -1;
                    memcpy(model_input(1), idx, sizeof idx);
                    low = model_invoke();
                    printf("%d %d\\n", high, low);
                    return 0;
                }
                """, StandardCharsets.UTF_8);
        HostCompiler.build(dir, "gcc", GeneratedCodeMatchesReferenceProperties.FLAGS);
        // operator 0 fails its check: invoke returns 1 + 0
        assertEquals("0 5 6 1 2 1 1", new String(HostCompiler.run(dir, List.of("./prog"), new byte[0]),
                StandardCharsets.UTF_8).strip());
    }
}
