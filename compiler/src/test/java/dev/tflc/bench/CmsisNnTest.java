package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the user's CMSIS-NN is: options first, then the environment; missing paths are bad options. */
class CmsisNnTest {
    @TempDir
    Path dir;
    Path include;
    Path m4;
    Path m55;

    @BeforeEach
    void fakeCmsisNn() throws IOException {
        include = Fixtures.cmsisNnInclude(dir.resolve("CMSIS-NN/Include"));
        m4 = Files.writeString(Files.createDirectories(dir.resolve("m4")).resolve("libcmsis-nn.a"), "");
        m55 = Files.writeString(Files.createDirectories(dir.resolve("m55")).resolve("libcmsis-nn.a"), "");
    }

    @Test
    void theVariablesAreTheTestProfiles() {
        assertEquals("CMSIS_NN_LIB_CORTEX_M4", CmsisNn.libraryVariable("cortex-m4"));
        assertEquals("CMSIS_NN_LIB_CORTEX_M55", CmsisNn.libraryVariable("cortex-m55"));
        assertEquals("CMSIS_NN_LIB_CORTEX_M33", CmsisNn.libraryVariable("cortex-m33"));
        assertEquals("CMSIS_NN_INCLUDE", CmsisNn.INCLUDE_VARIABLE);
    }

    @Test
    void optionsComeFirstThenTheEnvironment() {
        Map<String, String> env = Map.of("CMSIS_NN_INCLUDE", include.toString(), "CMSIS_NN_LIB_CORTEX_M4", "/nowhere",
                "CMSIS_NN_LIB_CORTEX_M55", m55.toString());
        CmsisNn c = CmsisNn.resolve(null, Map.of("cortex-m4", m4), List.of("cortex-m4", "cortex-m55"), env::get);
        assertEquals(include, c.include());
        assertEquals(Map.of("cortex-m4", m4, "cortex-m55", m55), c.libraries());
        CmsisNn fromOption = CmsisNn.resolve(include, Map.of("cortex-m4", m4), List.of("cortex-m4"), v -> null);
        assertEquals(include, fromOption.include());
    }

    @Test
    void aTargetsBuildAddsTheIncludeFolderAndItsLibrary() {
        CmsisNn c = CmsisNn.resolve(include, Map.of("cortex-m4", m4, "cortex-m55", m55),
                List.of("cortex-m4", "cortex-m55"), v -> null);
        KernelBuild b = c.build("cortex-m55");
        assertEquals("cmsis-nn", b.kernels());
        assertEquals(List.of("--cflags", "-I" + include, "--lib", m55.toString()), b.runOnBoardOptions());
        assertEquals(List.of(), KernelBuild.PORTABLE.runOnBoardOptions());
        assertThrows(IllegalArgumentException.class, () -> c.build("cortex-m7"));
    }

    @Test
    void relativePathsBecomeAbsolute() {
        Path here = Path.of("").toAbsolutePath();
        CmsisNn c = CmsisNn.resolve(here.relativize(include), Map.of("cortex-m4", here.relativize(m4)),
                List.of("cortex-m4"), v -> null);
        assertEquals(include, c.include());
        assertEquals(m4, c.libraries().get("cortex-m4"));
    }

    @Test
    void aRequestedCoreWithoutItsLibraryIsABadOption() {
        BenchFailure f = assertThrows(BenchFailure.class, () -> CmsisNn.resolve(include, Map.of("cortex-m4", m4),
                List.of("cortex-m4", "cortex-m7"), v -> null));
        assertEquals(BenchFailure.BAD_OPTIONS, f.status());
        assertEquals("--kernels cmsis-nn on cortex-m7 needs CMSIS-NN built for it: --cmsis-nn-lib "
                + "cortex-m7=PATH/libcmsis-nn.a or CMSIS_NN_LIB_CORTEX_M7", f.getMessage());
        Map<String, String> blank = Map.of("CMSIS_NN_LIB_CORTEX_M4", " ");
        assertThrows(BenchFailure.class, () -> CmsisNn.resolve(include, Map.of(), List.of("cortex-m4"), blank::get));
    }

    @Test
    void missingOrWrongPathsAreBadOptions() throws IOException {
        assertBad("--kernels cmsis-nn needs CMSIS-NN's Include folder: --cmsis-nn-include DIR or CMSIS_NN_INCLUDE",
                null, Map.of("cortex-m4", m4));
        assertBad("CMSIS-NN include folder " + dir + " holds no arm_nnfunctions.h", dir, Map.of("cortex-m4", m4));
        assertBad("CMSIS-NN library for cortex-m4: " + dir + " is not a file", include, Map.of("cortex-m4", dir));
        assertBad("--cmsis-nn-lib cortex-m9=...: unknown core (use cortex-m3, cortex-m4, cortex-m7, cortex-m33 or "
                + "cortex-m55)", include, Map.of("cortex-m4", m4, "cortex-m9", m4));
        Path blank = Fixtures.cmsisNnInclude(dir.resolve("with blank"));
        assertBad("CMSIS-NN include folder '" + blank + "' has a blank in its path, which --cflags cannot carry",
                blank, Map.of("cortex-m4", m4));
    }

    private static void assertBad(String message, Path include, Map<String, Path> libraries) {
        BenchFailure f = assertThrows(BenchFailure.class,
                () -> CmsisNn.resolve(include, libraries, List.of("cortex-m4"), v -> null));
        assertEquals(BenchFailure.BAD_OPTIONS, f.status());
        assertEquals(message, f.getMessage());
        assertTrue(!f.getMessage().contains("\n"));
    }
}
