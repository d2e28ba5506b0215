package dev.tflc.targets;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The user's CMSIS-NN for the {@code cmsis-nn} profile: {@code CMSIS_NN_INCLUDE} (its Include folder)
 * and {@code CMSIS_NN_LIB_<CORE>} (its library built for that core, e.g. CMSIS_NN_LIB_CORTEX_M4).
 * Missing or wrong paths fail the test that asks.
 */
public record CmsisNnPaths(Path include) {
    public static CmsisNnPaths fromEnvironment() {
        CortexMTest.crossToolsArePresent();
        Path include = path("CMSIS_NN_INCLUDE", "its Include folder");
        if (!Files.isRegularFile(include.resolve("arm_nnfunctions.h"))) {
            fail("CMSIS_NN_INCLUDE=" + include + " holds no arm_nnfunctions.h");
        }
        return new CmsisNnPaths(include);
    }

    /** The library for {@code core} (cortex-m4, ...). */
    public Path library(String core) {
        String var = "CMSIS_NN_LIB_" + core.toUpperCase(Locale.ROOT).replace('-', '_');
        Path lib = path(var, "libcmsis-nn.a built for " + core + " by CMSIS-NN's own CMake build");
        if (!Files.isRegularFile(lib)) {
            fail(var + "=" + lib + " is not a file");
        }
        return lib;
    }

    public static Path runOnBoard() {
        return CortexMTest.repositoryRoot().resolve("targets").resolve("run-on-board");
    }

    private static Path path(String var, String what) {
        String v = System.getenv(var);
        if (v == null || v.isBlank()) {
            fail(var + " is not set: the cmsis-nn profile needs " + what + " (see README.md, CMSIS-NN)");
        }
        return Path.of(v);
    }
}
