package dev.tflc.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * How a test builds generated C on the host: compiler, optimisation level and whether under
 * AddressSanitizer and UndefinedBehaviorSanitizer (any report aborts the program), always with the
 * strict warnings as errors.
 */
public record CBuild(String cc, String level, boolean sanitized) {
    public static final List<String> WARNINGS = List.of("-std=c99", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
            "-Wvla");
    public static final List<String> SANITIZERS = List.of("-g", "-fsanitize=address,undefined",
            "-fno-sanitize-recover=all", "-fno-omit-frame-pointer");

    public List<String> flags() {
        List<String> f = new ArrayList<>(WARNINGS);
        f.add(level);
        if (sanitized) {
            f.addAll(SANITIZERS);
        }
        return f;
    }

    @Override
    public String toString() {
        return cc + " " + level + (sanitized ? " with sanitizers" : "");
    }
}
