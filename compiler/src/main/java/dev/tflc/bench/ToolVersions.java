package dev.tflc.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The first line of each tool's {@code --version}, or "TOOL (version unknown)". */
final class ToolVersions {
    private ToolVersions() {
    }

    static Map<String, String> of(List<String> tools) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String tool : tools) {
            versions.put(tool, version(tool));
        }
        return versions;
    }

    /** A tool that has not answered {@code --version} within this many seconds has an unknown version. */
    static final long TIME_LIMIT_SECONDS = 30;

    static String version(String tool) {
        Path output = null;
        Process p = null;
        try {
            output = Files.createTempFile("tflc-version-", ".txt");
            p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (p.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0) {
                String first = Files.readString(output, StandardCharsets.UTF_8).lines().findFirst().orElse("");
                if (!first.isBlank()) {
                    return first.strip();
                }
            }
        } catch (IOException e) {
            // unknown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temporary file left behind
                }
            }
        }
        return tool + " (version unknown)";
    }
}
