package dev.tflc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds a compiled model into firmware with the target's cross compiler, with its kernel set's flags and
 * libraries, and runs one inference on the target's emulated board (QEMU, {@code -icount shift=0}),
 * both through {@code targets/run-on-board}, with the golden input on standard input. Its files go
 * beside the generated folder: {@code build<opt>/}, {@code output<opt>.bin} and {@code log<opt>.txt}.
 */
final class BoardRunner {
    /** For the build and the run together; QEMU alone has run-on-board's own limit (600 s by default). */
    static final long TIME_LIMIT_MINUTES = 30;

    private final Path script;

    /** {@code root}: the tflc repository, whose targets/run-on-board does the work. */
    BoardRunner(Path root) {
        this.script = root.resolve("targets/run-on-board");
    }

    BoardRun run(CompiledModel c, String opt, Path input) throws IOException, InterruptedException {
        Attempt a = attempt(c, opt, input);
        if (a.status() != 0) {
            throw new BenchFailure(c.label() + " " + opt + ": targets/run-on-board exited with status " + a.status()
                    + ": " + lastLine(a.run().log()) + " (log: " + a.run().logFile() + ")");
        }
        return a.run();
    }

    /**
     * A build and run whose exit status the caller judges (run-on-board's: 3 a build or link error, else
     * the firmware's); the output is empty unless the status is 0.
     */
    record Attempt(int status, BoardRun run) {
    }

    Attempt attempt(CompiledModel c, String opt, Path input) throws IOException, InterruptedException {
        Path unit = c.unit();
        Path build = unit.resolve("build" + opt);
        Path output = unit.resolve("output" + opt + ".bin");
        Path log = unit.resolve("log" + opt + ".txt");
        List<String> cmd = new ArrayList<>(List.of(script.toString(), c.target(), build.toString(),
                c.src().toString(), "--opt", opt));
        cmd.addAll(c.build().runOnBoardOptions());
        Process p = new ProcessBuilder(cmd).redirectInput(input.toFile()).redirectOutput(output.toFile())
                .redirectError(log.toFile()).start();
        int status;
        try {
            if (!p.waitFor(TIME_LIMIT_MINUTES, TimeUnit.MINUTES)) {
                throw new BenchFailure(c.label() + " " + opt + ": targets/run-on-board did not finish within "
                        + TIME_LIMIT_MINUTES + " minutes (log: " + log + ")");
            }
            status = p.exitValue();
        } finally {
            // when interrupted (another run failed): stop QEMU and the compilers too, not only the script
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return new Attempt(status, new BoardRun(build, log, Files.readString(log), Files.readAllBytes(output)));
    }

    /** The line of a failed run's log that says why: run-on-board's own last word, else the last line. */
    static String lastLine(String log) {
        List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("run-on-board:")) {
                return lines.get(i);
            }
        }
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }
}
