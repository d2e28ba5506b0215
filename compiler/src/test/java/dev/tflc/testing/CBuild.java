package dev.tflc.testing;

import dev.tflc.codegen.HostCompiler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a test builds generated C: compiler, optimisation level and whether under AddressSanitizer and
 * UndefinedBehaviorSanitizer (any report aborts the program), always with the strict warnings as errors.
 * Each compiler is one {@link Compiler}: what it adds to the common flags, whether it has the sanitizers
 * and whether its programs run on this machine (a cross compiler's build stops at the objects).
 */
public record CBuild(String cc, String level, boolean sanitized) {
    public static final List<String> WARNINGS = List.of("-std=c99", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
            "-Wvla");
    public static final List<String> SANITIZERS = List.of("-g", "-fsanitize=address,undefined",
            "-fno-sanitize-recover=all", "-fno-omit-frame-pointer");

    /** A C compiler the tests build with: its own flags, whether it sanitizes, whether its programs run here. */
    public record Compiler(List<String> flags, boolean sanitizers, boolean runsHere) {
    }

    /** xtensa-lx106-elf-gcc: the ESP8266's core, a build-only check. */
    public static final String XTENSA = "xtensa-lx106-elf-gcc";

    /**
     * The compilers. tcc takes the warning options and -O levels of gcc and ignores those it does not
     * have (its -Wall and -Werror work); it has no sanitizers. xtensa-lx106-elf-gcc has no C library
     * of its own: Debian's picolibc-xtensa-lx106-elf gives it one, through a specs file the compiler
     * does not look for by itself.
     */
    public static final Map<String, Compiler> COMPILERS = Map.of(
            "gcc", new Compiler(List.of(), true, true),
            "clang", new Compiler(List.of(), true, true),
            "tcc", new Compiler(List.of(), false, true),
            XTENSA, new Compiler(List.of("--specs=/usr/lib/xtensa-lx106-elf/picolibc.specs"), false, false));

    public CBuild {
        Compiler c = COMPILERS.get(cc);
        if (c == null) {
            throw new IllegalArgumentException("no compiler " + cc + " (known: " + COMPILERS.keySet() + ")");
        }
        if (sanitized && !c.sanitizers()) {
            throw new IllegalArgumentException(cc + " has no sanitizers");
        }
    }

    public List<String> flags() {
        List<String> f = new ArrayList<>(WARNINGS);
        f.addAll(COMPILERS.get(cc).flags());
        f.add(level);
        if (sanitized) {
            f.addAll(SANITIZERS);
        }
        return f;
    }

    /** Whether the programs this build makes run on this machine. */
    public boolean runsHere() {
        return COMPILERS.get(cc).runsHere();
    }

    /**
     * Builds every .c of {@code dir}: into {@code dir/prog} where the program runs here, else into
     * objects alone.
     */
    public void build(Path dir) throws IOException, InterruptedException {
        if (runsHere()) {
            HostCompiler.build(dir, cc, flags());
        } else {
            HostCompiler.compile(dir, cc, flags());
        }
    }

    @Override
    public String toString() {
        return cc + " " + level + (sanitized ? " with sanitizers" : "");
    }
}
