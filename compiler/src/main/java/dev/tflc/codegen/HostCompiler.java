package dev.tflc.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Builds a generated folder with the host C compiler ({@code $CC}, else {@code cc}) and runs the
 * program: used by {@code tflc demo} and by the tests.
 */
public final class HostCompiler {
    public static final List<String> FLAGS = List.of("-std=c99", "-O2", "-Wall", "-Wextra", "-Wpedantic", "-Werror");
    /** How long {@link #run(Path, List, byte[])} lets a tool or program take before it is stopped. */
    public static final Duration TIMEOUT = Duration.ofSeconds(300);

    private HostCompiler() {
    }

    public static String compiler() {
        String cc = System.getenv("CC");
        return cc == null || cc.isBlank() ? "cc" : cc;
    }

    /** Compiles every .c of {@code dir} to {@code dir/prog}; returns the code (text) bytes of the objects. */
    public static long build(Path dir) throws IOException, InterruptedException {
        return build(dir, compiler(), FLAGS);
    }

    /** As {@link #build(Path)} with a given compiler and flags. */
    public static long build(Path dir, String cc, List<String> flags) throws IOException, InterruptedException {
        List<String> objects = compile(dir, cc, flags);
        List<String> link = new ArrayList<>(List.of(cc, "-o", "prog"));
        link.addAll(flags.stream().filter(f -> f.startsWith("-fsanitize")).toList());
        link.addAll(objects);
        link.add("-lm");
        run(dir, link, null);
        List<String> size = new ArrayList<>(List.of("size", "-B"));
        size.addAll(objects.stream().filter(o -> !o.equals("main.o")).toList());
        String table = new String(run(dir, size, null));
        long text = 0;
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 1 && f[0].matches("\\d+")) {
                text += Long.parseLong(f[0]);
            }
        }
        return text;
    }

    /**
     * Compiles every .c of {@code dir} to an object beside it, with {@code cc} and {@code flags} (a cross
     * compiler too: nothing is linked); returns the objects' names, in source name order.
     */
    public static List<String> compile(Path dir, String cc, List<String> flags) throws IOException, InterruptedException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".c")).sorted().forEach(sources::add);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(cc);
        cmd.addAll(flags);
        cmd.add("-c");
        cmd.addAll(sources);
        run(dir, cmd, null);
        return sources.stream().map(n -> n.substring(0, n.length() - 2) + ".o").toList();
    }

    /** A host tool that could not run or failed. */
    public static final class ToolException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ToolException(String message) {
            super(message);
        }
    }

    /** Runs {@code cmd} in {@code dir} with {@code stdin}; returns its stdout, fails with its stderr. */
    public static byte[] run(Path dir, List<String> cmd, byte[] stdin) throws IOException, InterruptedException {
        return run(dir, cmd, stdin, TIMEOUT);
    }

    /**
     * As {@link #run(Path, List, byte[])}, stopping the process (and any it started) after
     * {@code timeout}. Standard input is written and standard output and error are read on their own
     * threads while the process runs, so a child that fills one pipe while we wait on another cannot
     * stall; an interrupted caller stops the process too.
     */
    public static byte[] run(Path dir, List<String> cmd, byte[] stdin, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ToolException("cannot run " + cmd.get(0) + ": " + e.getMessage());
        }
        String name = cmd.get(0);
        try {
            FutureTask<byte[]> out = drain(p.getInputStream(), name + " stdout");
            FutureTask<byte[]> err = drain(p.getErrorStream(), name + " stderr");
            if (stdin != null) {
                feed(p.getOutputStream(), stdin, name + " stdin");
            } else {
                p.getOutputStream().close();
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ToolException(String.join(" ", cmd) + ": no result within " + timeout.toSeconds() + " s");
            }
            byte[] output = collect(out, name);
            String error = new String(collect(err, name));
            if (p.exitValue() != 0) {
                throw new ToolException(String.join(" ", cmd) + " failed: " + error.strip());
            }
            return output;
        } finally {
            stop(p);
        }
    }

    /** Reads {@code in} to its end on a daemon thread. */
    private static FutureTask<byte[]> drain(InputStream in, String what) {
        FutureTask<byte[]> task = new FutureTask<>(() -> {
            try (in) {
                return in.readAllBytes();
            }
        });
        start(task, what);
        return task;
    }

    /**
     * Writes {@code bytes} to {@code out} and closes it, on a daemon thread. A process that exits
     * without reading all of it is no error here: its exit status tells.
     */
    private static void feed(OutputStream out, byte[] bytes, String what) {
        start(new FutureTask<Void>(() -> {
            try (out) {
                out.write(bytes);
            } catch (IOException e) {
                // the process closed its input (it exited, or read no more): its status says whether that was wrong
            }
            return null;
        }), what);
    }

    private static void start(Runnable task, String what) {
        Thread t = new Thread(task, "tflc " + what);
        t.setDaemon(true);
        t.start();
    }

    /** What a drain read, once the process has exited (a grandchild still holding the pipe gets a few seconds). */
    private static byte[] collect(FutureTask<byte[]> task, String name) throws IOException, InterruptedException {
        try {
            return task.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new ToolException(name + " exited but its output stayed open (a process it started still runs)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
    }

    /** Ends {@code p} and every process it started, if still running; closing the streams ends the drains. */
    private static void stop(Process p) {
        if (p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
