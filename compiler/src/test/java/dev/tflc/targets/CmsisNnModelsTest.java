package dev.tflc.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code mvn -B test -Pcmsis-nn}: every shared model the compiler supports, compiled with
 * {@code --kernels cmsis-nn} for Cortex-M4 (DSP), Cortex-M55 (MVE) and Cortex-M3 (neither), linked
 * with the user's CMSIS-NN built for that core by CMSIS-NN's own build, and run on QEMU's boards:
 * integer outputs equal TensorFlow Lite Micro's golden outputs bit for bit, float outputs (portable
 * fallback) are within DESIGN.md's tolerance. The CMSIS-NN paths come from the environment:
 * {@code CMSIS_NN_INCLUDE} (its {@code Include} folder) and {@code CMSIS_NN_LIB_CORTEX_M4},
 * {@code CMSIS_NN_LIB_CORTEX_M55}, {@code CMSIS_NN_LIB_CORTEX_M3} (each a {@code libcmsis-nn.a}).
 * Missing paths fail the tests.
 */
class CmsisNnModelsTest {
    static final List<String> CORES = List.of("cortex-m4", "cortex-m55", "cortex-m3");

    static CmsisNnPaths cmsisNn;

    @BeforeAll
    static void cmsisNnIsGiven() {
        cmsisNn = CmsisNnPaths.fromEnvironment();
        CORES.forEach(cmsisNn::library);
    }

    static Stream<Path> models() {
        return SharedModels.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void cmsisNnBuildsOnCortexM4M55AndM3GiveTheGoldenOutputs(Path model, @TempDir Path tmp) throws Exception {
        String name = SharedModels.name(model);
        Graph g = ModelReader.read(model).main();
        byte[] input = SharedModels.goldenInput(model);
        byte[] golden = SharedModels.goldenOutput(model);
        boolean isFloat = g.outputTensors().stream().anyMatch(t -> t.type() == TensorType.FLOAT32);
        for (String core : CORES) {
            Path src = tmp.resolve(core);
            CGenerator.Output out = CGenerator.generate(g,
                    new CGenerator.Options("model", Target.load(core), "cmsis-nn", false, name + ".tflite"));
            OutputFolder.write(src, out.files());
            String report = new String(out.files().get("report.json"), java.nio.charset.StandardCharsets.UTF_8);
            if (!isFloat) {
                assertTrue(report.contains("\"kernel_set\": \"cmsis-nn\""), name + ": no layer uses CMSIS-NN");
            }
            Path build = tmp.resolve(core + "-build");
            Path in = tmp.resolve(core + ".in");
            Path result = tmp.resolve(core + ".out");
            Files.write(in, input);
            String log = CortexMTest.runOnBoardScript(List.of(core, build.toString(), src.toString(),
                    "--cflags", "-I" + cmsisNn.include(), "--lib", cmsisNn.library(core).toString()), in, result,
                    tmp.resolve(core + ".log"));
            byte[] board = Files.readAllBytes(result);
            String what = name + " with cmsis-nn on " + core;
            if (isFloat) {
                assertNull(Outputs.floatMismatch(golden, board), what);
            } else {
                assertArrayEquals(golden, board, what + ": not bit-exact with TFLM's golden output");
            }
            System.out.println("CmsisNnModelsTest: " + what + ": " + (isFloat ? "within tolerance" : "bit-exact")
                    + ", " + log.lines().filter(l -> l.contains("instructions=")).findFirst().orElse("").trim());
        }
    }
}
