package dev.tflc.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The first line of each tool's {@code --version}, or "TOOL (version unknown)". */
final class ToolVersions {
    /** The tools a benchmark's figures depend on. */
    static final List<String> BENCH_TOOLS = List.of("arm-none-eabi-gcc", "qemu-system-arm");

    private ToolVersions() {
    }

    static Map<String, String> of(List<String> tools) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String tool : tools) {
            versions.put(tool, version(tool));
        }
        return versions;
    }

    static String version(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .findFirst().orElse("");
            if (p.waitFor() == 0 && !first.isBlank()) {
                return first.strip();
            }
        } catch (IOException e) {
            // unknown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return tool + " (version unknown)";
    }
}
