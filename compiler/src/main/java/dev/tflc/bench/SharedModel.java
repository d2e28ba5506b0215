package dev.tflc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A model of ../shared/models: its suite (folder), its name (file name without .tflite) and its file. */
record SharedModel(String suite, String name, Path file) {
    /** The suites the benchmark measures by default. */
    static final List<String> SUITES = List.of("mlperf-tiny", "tflm-examples");

    /**
     * The models of {@code suites} under {@code dir} whose NAME or SUITE/NAME matches one of
     * {@code patterns} ({@code *} matching any text), in suite order, then by name.
     */
    static List<SharedModel> find(Path dir, List<String> suites, List<String> patterns) throws IOException {
        List<Pattern> globs = patterns.stream().map(SharedModel::glob).toList();
        List<SharedModel> found = new ArrayList<>();
        for (String suite : suites) {
            if (!Files.isDirectory(dir.resolve(suite))) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir.resolve(suite))) {
                for (Path f : files.sorted().toList()) {
                    String file = f.getFileName().toString();
                    if (!file.endsWith(".tflite")) {
                        continue;
                    }
                    String name = file.substring(0, file.length() - ".tflite".length());
                    if (globs.stream().anyMatch(p -> p.matcher(name).matches()
                            || p.matcher(suite + "/" + name).matches())) {
                        found.add(new SharedModel(suite, name, f));
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new BenchFailure(BenchFailure.BAD_OPTIONS, "no model in " + dir + " matches "
                    + String.join(",", patterns));
        }
        return found;
    }

    /** A pattern where {@code *} matches any text and everything else stands for itself. */
    static Pattern glob(String pattern) {
        List<String> parts = Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).toList();
        return Pattern.compile(String.join(".*", parts));
    }

    /** The shared models folder: $TFLC_SHARED_MODELS, else ROOT/../shared/models. */
    static Path defaultDir(Path root) {
        String env = System.getenv("TFLC_SHARED_MODELS");
        return env != null && !env.isBlank() ? Path.of(env) : root.resolveSibling("shared").resolve("models");
    }
}
