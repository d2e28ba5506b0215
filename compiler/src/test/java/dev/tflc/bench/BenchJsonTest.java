package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchJsonTest {
    @Test
    void writesTwoSpaceIndentsOneValueALineAndBareEmptyContainers() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("a", "x \"quoted\"\nline");
        doc.put("list", List.of(1, 2));
        doc.put("empty", List.of());
        doc.put("none", Map.of());
        assertEquals("""
                {
                  "a": "x \\"quoted\\"\\nline",
                  "list": [
                    1,
                    2
                  ],
                  "empty": [],
                  "none": {}
                }
                """, BenchJson.write(doc));
    }

    @Test
    void wholeDoublesAreWholeNumbersAndNanIsNull() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("resolution", 40.0);
        doc.put("ratio", 6.434);
        doc.put("nan", Double.NaN);
        assertEquals("{\n  \"resolution\": 40,\n  \"ratio\": 6.434,\n  \"nan\": null\n}\n", BenchJson.write(doc));
        assertEquals("40", BenchJson.tree(40.0).toString());
    }
}
