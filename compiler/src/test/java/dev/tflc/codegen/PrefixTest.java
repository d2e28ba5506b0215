package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Prefixes that would collide with generated or included files, or are not portable C names, are refused. */
class PrefixTest {
    @ParameterizedTest
    @ValueSource(strings = {"main", "Main", "MAIN", "tflc", "tflc_kernels", "tflc_fixed_point", "tflc_conv2d_s8",
        "TFLC_add_s8", "int", "while", "static", "string", "String", "stdint", "math", "arm_nnfunctions", "cmsis_nn",
        "Arduino", "_model", "__x", "9lives", "my-model", "", "a23456789012345678901234567890123"})
    void collidingOrNonPortablePrefixesAreRefused(String prefix) {
        assertNotNull(Prefix.problem(prefix), prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "kws", "sine", "person_detect", "Model2", "a234567890123456789012345678901"})
    void plainIdentifiersAreAccepted(String prefix) {
        assertNull(Prefix.problem(prefix), prefix);
    }

    @Test
    void noRuntimeFileCanBeNamedByAPrefix() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("../runtime-c"))) {
            List<String> stems = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .map(n -> n.replaceAll("\\.[ch]$", "")).toList();
            assertFalse(stems.isEmpty());
            for (String stem : stems) {
                if (stem.matches("[A-Za-z][A-Za-z0-9_]*")) {
                    assertNotNull(Prefix.problem(stem), stem);
                }
            }
        }
    }
}
