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
        Path modelsDir = SharedModels.root();
        return new BenchConfig(root, List.of("cortex-m4"), List.of("-O2"), List.of("portable"), List.of(models), 1,
                work.resolve("r.md"), work.resolve("r.json"), modelsDir,
                modelsDir.resolveSibling("benchmarks").resolve("tflm-baseline.json"), work, null, List.of("bench/run"));
    }

    @Test
    void measuresASupportedModelOnItsBoardAndListsAnUnsupportedOne(@TempDir Path work) throws Exception {
        BenchConfig config = config(Fixtures.repository(), work, "hello_world_int8", "keyword_scrambled_svdf_int8");
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
        assertEquals("keyword_scrambled_svdf_int8", results.unsupported().get(0).model().name());
        assertTrue(progress.get(0).startsWith("skipping keyword_scrambled_svdf_int8 (not supported): "), progress.get(0));
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
    void onlyUnsupportedModelsIsAFailure(@TempDir Path work) {
        BenchFailure f = assertThrows(BenchFailure.class, () -> new Benchmark(config(Fixtures.repository(), work,
                "keyword_scrambled_svdf_int8"), TflmBaseline.NONE, s -> { }).run());
        assertEquals(1, f.status());
        assertEquals("no supported model matched keyword_scrambled_svdf_int8", f.getMessage());
    }
}
