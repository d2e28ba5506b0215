package dev.tflc.codegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds a generated folder with the host C compiler ({@code $CC}, else {@code cc}) and runs the
 * program: used by {@code tflc demo} and by the tests.
 */
public final class HostCompiler {
    public static final List<String> FLAGS = List.of("-std=c99", "-O2", "-Wall", "-Wextra", "-Wpedantic", "-Werror");

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
        List<String> objects = sources.stream().map(n -> n.substring(0, n.length() - 2) + ".o").toList();
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

    /** A host tool that could not run or failed. */
    public static final class ToolException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ToolException(String message) {
            super(message);
        }
    }

    /** Runs {@code cmd} in {@code dir} with {@code stdin}; returns its stdout, fails with its stderr. */
    public static byte[] run(Path dir, List<String> cmd, byte[] stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ToolException("cannot run " + cmd.get(0) + ": " + e.getMessage());
        }
        if (stdin != null) {
            p.getOutputStream().write(stdin);
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new ToolException(cmd.get(0) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new ToolException(String.join(" ", cmd) + " failed: " + err.strip());
        }
        return out;
    }
}
