package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HostCompiler#run} with programs that misbehave the ways a generated program or a tool can:
 * flooding standard error before writing standard output, never reading their input, hanging.
 */
class HostCompilerTest {
    @TempDir
    Path dir;

    private static List<String> sh(String script) {
        return List.of("sh", "-c", script);
    }

    @Test
    void aProgramThatFillsTheErrorPipeBeforeWritingItsOutputDoesNotStall() throws Exception {
        // 1 MiB on stderr first (far beyond a pipe's buffer), then 1 MiB of stdin echoed to stdout
        byte[] input = new byte[1 << 20];
        new Random(1).nextBytes(input);
        byte[] out = HostCompiler.run(dir, sh("head -c 1048576 /dev/zero >&2; cat"), input, Duration.ofSeconds(60));
        assertArrayEquals(input, out);
    }

    @Test
    void aProgramThatReadsNoInputAndSucceedsIsNoError() throws Exception {
        byte[] out = HostCompiler.run(dir, sh("echo done"), new byte[1 << 20], Duration.ofSeconds(60));
        assertEquals("done\n", new String(out));
    }

    @Test
    void aFailureNamesTheCommandAndCarriesItsErrorOutput() {
        var e = assertThrows(HostCompiler.ToolException.class,
                () -> HostCompiler.run(dir, sh("echo broken >&2; exit 3"), null));
        assertEquals("sh -c echo broken >&2; exit 3 failed: broken", e.getMessage());
    }

    @Test
    void aHungProgramIsStoppedAtTheTimeLimitWithTheProcessesItStarted() throws Exception {
        long start = System.nanoTime();
        var e = assertThrows(HostCompiler.ToolException.class, () -> HostCompiler.run(dir,
                sh("sleep 600 & echo $! > background.pid; sleep 600"), null, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().endsWith(": no result within 1 s"), e.getMessage());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "returned soon after the limit");
        long pid = Long.parseLong(Files.readString(dir.resolve("background.pid")).strip());
        for (int i = 0; i < 50 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "the background sleep was stopped");
    }

    @Test
    void aMissingToolIsAToolException() {
        var e = assertThrows(HostCompiler.ToolException.class,
                () -> HostCompiler.run(dir, List.of("tflc-no-such-tool"), null));
        assertTrue(e.getMessage().startsWith("cannot run tflc-no-such-tool: "), e.getMessage());
    }
}
