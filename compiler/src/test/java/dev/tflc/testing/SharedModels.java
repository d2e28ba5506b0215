package dev.tflc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real models in ../shared/models and their golden files. Fails, never skips, when the folder
 * is missing: tests that need it must not pass silently.
 */
public final class SharedModels {
    private SharedModels() {
    }

    /** ../shared/models, found from the module or repository directory. */
    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("models");
            if (Files.isDirectory(candidate.resolve("golden"))) {
                return candidate;
            }
            Path sibling = p.resolveSibling("shared").resolve("models");
            if (p.getParent() != null && Files.isDirectory(sibling.resolve("golden"))) {
                return sibling;
            }
        }
        String env = System.getenv("TFLC_SHARED_MODELS");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        throw new IllegalStateException("../shared/models not found from " + here
                + " (set TFLC_SHARED_MODELS to its path)");
    }

    /** Every .tflite under mlperf-tiny and tflm-examples, sorted by name. */
    public static List<Path> all() {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("mlperf-tiny", "tflm-examples")) {
            try (Stream<Path> s = Files.list(root().resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".tflite")).forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.sort((a, b) -> name(a).compareTo(name(b)));
        if (out.size() < 10) {
            throw new IllegalStateException("expected the shared models in " + root() + ", found " + out.size());
        }
        return out;
    }

    /** The shared models the compiler supports. */
    public static String name(Path model) {
        String f = model.getFileName().toString();
        return f.substring(0, f.length() - ".tflite".length());
    }

    public static byte[] goldenInput(Path model) {
        return read(root().resolve("golden").resolve(name(model) + ".in"));
    }

    public static byte[] goldenOutput(Path model) {
        return read(root().resolve("golden").resolve(name(model) + ".out"));
    }

    public static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
