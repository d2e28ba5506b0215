package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.testing.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on the smallest shared model, with arm-none-eabi-gcc and QEMU (about a second). */
class BenchmarkTest {
    static BenchConfig config(Path root, Path work, String... models) {
        return config(root, work, SharedModels.root(), models);
    }

    static BenchConfig config(Path root, Path work, Path modelsDir, String... models) {
        return new BenchConfig(root, List.of("cortex-m4"), List.of("-O2"), List.of("portable"), List.of(models), 1,
                work.resolve("r.md"), work.resolve("r.json"), modelsDir,
                SharedModels.root().resolveSibling("benchmarks").resolve("tflm-baseline.json"), work, null,
                List.of("bench/run"));
    }

    /**
     * A models folder with hello_world_int8 (and its golden files) and {@code unsupported_rnn}: the
     * same model with its operator turned into RNN, which tflc does not support (every shared model is
     * supported now).
     */
    static Path modelsWithAnUnsupportedOne(Path dir) throws Exception {
        Path shared = SharedModels.root();
        Files.createDirectories(dir.resolve("tflm-examples"));
        Files.createDirectories(dir.resolve("golden"));
        Files.copy(shared.resolve("tflm-examples/hello_world_int8.tflite"),
                dir.resolve("tflm-examples/hello_world_int8.tflite"));
        for (String ext : List.of(".in", ".out")) {
            Files.copy(shared.resolve("golden/hello_world_int8" + ext), dir.resolve("golden/hello_world_int8" + ext));
        }
        org.tensorflow.lite.schema.ModelT m = org.tensorflow.lite.schema.ModelT.deserializeFromBinary(
                Files.readAllBytes(shared.resolve("tflm-examples/hello_world_int8.tflite")));
        m.getOperatorCodes()[0].setBuiltinCode(org.tensorflow.lite.schema.BuiltinOperator.RNN);
        Files.write(dir.resolve("tflm-examples/unsupported_rnn.tflite"), m.serializeToBinary());
        return dir;
    }

    @Test
    void measuresASupportedModelOnItsBoardAndListsAnUnsupportedOne(@TempDir Path work) throws Exception {
        BenchConfig config = config(Fixtures.repository(), work, modelsWithAnUnsupportedOne(work.resolve("models")),
                "hello_world_int8", "unsupported_rnn");
        List<String> progress = new CopyOnWriteArrayList<>();
        Results results = new Benchmark(config, TflmBaseline.read(config.baseline()), progress::add).run();

        assertEquals(1, results.rows().size());
        Measurement m = results.rows().get(0);
        assertEquals("hello_world_int8", m.model().name());
        assertEquals("mps2-an386", m.board());
        assertEquals("portable", m.kernels());
        assertEquals(0, m.flash().codeLibrary());
        assertEquals("bit-exact", m.output());
        assertTrue(m.count().instructions() > 1000 && m.count().resolution() > 0, String.valueOf(m.count()));
        assertTrue(m.flash().weights() > 0 && m.flash().total() == m.flash().weights() + m.flash().code()
                + m.flash().runtime(), String.valueOf(m.flash()));
        assertTrue(m.ram().arena() == m.arenaBytes() && m.ram().total() >= m.arenaBytes(), String.valueOf(m.ram()));
        assertTrue(m.tflm() != null && m.tflm().ref().invokeInstructions() > 0, String.valueOf(m.tflm()));
        assertEquals("unsupported_rnn", results.unsupported().get(0).model().name());
        assertTrue(progress.get(0).startsWith("skipping unsupported_rnn (not supported): "), progress.get(0));
        assertTrue(progress.get(1).startsWith("hello_world_int8 cortex-m4 portable -O2: "), progress.get(1));
        assertTrue(Files.isRegularFile(work.resolve("hello_world_int8-cortex-m4-portable/build-O2/firmware.map")));
    }

    @Test
    void aFailedRunFailsNamingTheKeptBuildFolders(@TempDir Path root) throws Exception {
        Path script = root.resolve("targets/run-on-board");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\necho 'run-on-board: build failed: model.c' >&2\nexit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path work = root.resolve("work");
        BenchFailure f = assertThrows(BenchFailure.class,
                () -> new Benchmark(config(root, work, "hello_world_int8"), TflmBaseline.NONE, s -> { }).run());
        assertEquals(1, f.status());
        assertTrue(f.getMessage().startsWith("hello_world_int8 cortex-m4 portable -O2: targets/run-on-board exited with status 3: "
                + "run-on-board: build failed: model.c"), f.getMessage());
        assertTrue(f.getMessage().endsWith("(build folders kept in " + work + ")"), f.getMessage());
    }

    @Test
    void onlyUnsupportedModelsIsAFailure(@TempDir Path work) throws Exception {
        Path models = modelsWithAnUnsupportedOne(work.resolve("models"));
        BenchFailure f = assertThrows(BenchFailure.class, () -> new Benchmark(config(Fixtures.repository(), work,
                models, "unsupported_rnn"), TflmBaseline.NONE, s -> { }).run());
        assertEquals(1, f.status());
        assertEquals("no supported model matched unsupported_rnn", f.getMessage());
    }
}
