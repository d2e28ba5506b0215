package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-on-board call, with a stand-in script instead of the compilers and QEMU. */
class BoardRunnerTest {
    @TempDir
    Path root;

    private CompiledModel compiled(String script) throws IOException {
        return compiled(script, KernelBuild.PORTABLE);
    }

    private CompiledModel compiled(String script, KernelBuild build) throws IOException {
        Path file = root.resolve("targets/run-on-board");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/usr/bin/env bash\n" + script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path unit = root.resolve("work/m-cortex-m4-" + build.kernels());
        Files.createDirectories(unit.resolve("src"));
        return new CompiledModel(new SharedModel("s", "m", root.resolve("m.tflite")), null, "cortex-m4", build, unit,
                0, 0, 0, 0, 0, Map.of(), Set.of());
    }

    @Test
    void passesTargetBuildSourceAndLevelAndReturnsTheOutputAndLog() throws Exception {
        CompiledModel c = compiled("echo \"args: $*\" >&2\necho 'tflc: instructions=4120' >&2\ncat\n");
        Path input = root.resolve("in.bin");
        Files.write(input, new byte[] {1, 2, 3});
        BoardRun run = new BoardRunner(root).run(c, "-Os", input);
        assertArrayEquals(new byte[] {1, 2, 3}, run.output());
        assertEquals(c.unit().resolve("build-Os"), run.build());
        assertEquals(c.unit().resolve("log-Os.txt"), run.logFile());
        assertTrue(run.log().contains("args: cortex-m4 " + c.unit().resolve("build-Os") + " " + c.src() + " --opt -Os"),
                run.log());
        assertTrue(run.log().contains("tflc: instructions=4120"));
    }

    @Test
    void aKernelSetsFlagsAndLibrariesFollowTheLevel() throws Exception {
        KernelBuild cmsisNn = new KernelBuild("cmsis-nn", List.of("-I/cmsis/Include"),
                List.of(Path.of("/cmsis/m4/libcmsis-nn.a")));
        CompiledModel c = compiled("printf '%s|' \"$@\" >&2\n", cmsisNn);
        Path input = root.resolve("in.bin");
        Files.write(input, new byte[0]);
        BoardRun run = new BoardRunner(root).run(c, "-O2", input);
        assertEquals("cortex-m4|" + c.unit().resolve("build-O2") + "|" + c.src() + "|--opt|-O2|--cflags|-I/cmsis/Include|"
                + "--lib|/cmsis/m4/libcmsis-nn.a|", run.log());
    }

    @Test
    void aFailedRunFailsWithRunOnBoardsLastWordAndTheLog() throws Exception {
        CompiledModel c = compiled("echo 'run-on-board: build failed: x.c' >&2\necho 'more' >&2\nexit 3\n");
        Path input = root.resolve("in.bin");
        Files.write(input, new byte[0]);
        BenchFailure f = assertThrows(BenchFailure.class, () -> new BoardRunner(root).run(c, "-O2", input));
        assertEquals(1, f.status());
        assertEquals("m cortex-m4 portable -O2: targets/run-on-board exited with status 3: run-on-board: build failed: x.c"
                + " (log: " + c.unit().resolve("log-O2.txt") + ")", f.getMessage());
    }

    @Test
    void theLastLineIsRunOnBoardsOwnElseTheLastOneElseNoOutput() {
        assertEquals("run-on-board: timeout", BoardRunner.lastLine("a\nrun-on-board: timeout\nqemu: x\n\n"));
        assertEquals("qemu: x", BoardRunner.lastLine("a\nqemu: x\n  \n"));
        assertEquals("(no output)", BoardRunner.lastLine("\n"));
    }
}
