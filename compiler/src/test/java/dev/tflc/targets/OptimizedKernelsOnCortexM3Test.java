package dev.tflc.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.lower.Goal;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.tflite.ModelReader;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimized kernel set's int8 path for Arm cores without the DSP extension (one multiply-accumulate
 * per product, the sums kept in order), compiled for the Cortex-M3 and run on its emulated board: random
 * layers (the 1x1 and 3x3 fast paths, and chains of convolutions written over their inputs) give the
 * Java reference's. (The shared int8 models on the Cortex-M3: OptimizedKernelsOnCortexM4Test.)
 */
class OptimizedKernelsOnCortexM3Test {
    static final String CORE = "cortex-m3";

    @BeforeAll
    static void crossToolsArePresent() {
        OptimizedKernelsOnCortexM4Test.crossToolsArePresent();
    }

    @Test
    void randomLayersEqualTheReference(@TempDir Path tmp) throws Exception {
        List<Case> cases = Arbitraries.oneOf(List.of(RandomModels.int8FastPathLayers(),
                RandomModels.convolutionChains(false))).sampleStream().limit(6).toList();
        int optimized = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Graph g = ModelReader.read(c.model(), c.description()).main();
            Path src = tmp.resolve("src" + i);
            optimized += OptimizedKernelsOnCortexM4Test.build(g, "case", src, Goal.SPEED, CORE);
            byte[] board = CortexMTest.run(CORE, tmp.resolve("build" + i), src, Outputs.concat(c.inputs()));
            assertArrayEquals(Outputs.concat(Interpreter.run(g, c.inputs())), board, c.description());
        }
        assertTrue(optimized > 0, "no case went to the optimized set");
    }
}
