package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolVersionsTest {
    @Test
    void aToolThatIsNotThereHasAnUnknownVersionAndTheOrderIsKept() {
        var versions = ToolVersions.of(List.of("tflc-no-such-tool-b", "tflc-no-such-tool-a"));
        assertEquals(List.of("tflc-no-such-tool-b", "tflc-no-such-tool-a"), List.copyOf(versions.keySet()));
        assertEquals("tflc-no-such-tool-a (version unknown)", versions.get("tflc-no-such-tool-a"));
    }

    @Test
    void aToolsVersionIsTheFirstLineOfItsVersionOutput() {
        String java = ToolVersions.version("java");
        assertFalse(java.contains("\n") || java.endsWith("(version unknown)"), java);
    }
}
