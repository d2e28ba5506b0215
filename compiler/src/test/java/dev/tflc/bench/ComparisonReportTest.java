package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** What {@code tflc compare} prints and writes, from made-up figures. */
class ComparisonReportTest {
    static Comparison comparison(boolean same) {
        Comparison.Side tflm = new Comparison.Side("TensorFlow Lite Micro", "CMSIS-NN kernels", "/t/lib.a", 22_832,
                22_820L, 3, 24_000, 145_000, 91_064, 53_936, 7_700_000, 40, 1_900);
        Comparison.Side tflc = new Comparison.Side("tflc", "optimized", null, 16_256, null, null, 17_000, 78_000,
                24_064, 53_936, 3_850_000, 40, 950);
        return new Comparison("kws.tflite", 53_936, "cortex-m4", "mps2-an386", "-O2", 2_656_768, Comparison.INPUT_PATTERN,
                tflm, tflc, same, 12);
    }

    @Test
    void theTableHasEveryFigureOfBothSidesAndTheirRatio() {
        String t = ComparisonReport.table(comparison(true));
        assertTrue(t.startsWith("kws.tflite on cortex-m4 (mps2-an386, -O2): TFLM with its CMSIS-NN kernels vs tflc "
                + "with its optimized kernels; 2,656,768 MACs per inference\n\n"), t);
        assertTrue(t.contains("| arena (bytes) | 22,832 | 16,256 | 0.71 |\n"), t);
        assertTrue(t.contains("| instructions per inference | 7,700,000 | 3,850,000 | 0.50 |\n"), t);
        assertTrue(t.contains("| flash: weights (TFLM: the .tflite) | 53,936 | 53,936 | 1.00 |\n"), t);
        assertTrue(t.contains("| stack (bytes) | 1,900 | 950 | 0.50 |\n"), t);
        assertTrue(t.contains("| outputs identical | yes | yes |  |\n"), t);
        assertTrue(ComparisonReport.table(comparison(false)).contains("| outputs identical | no | no |  |\n"));
    }

    @Test
    void theJsonAndThePageCarryTheSameFigures() throws Exception {
        Comparison c = comparison(true);
        JsonNode j = BenchJson.MAPPER.readTree(ComparisonReport.json(c));
        assertEquals(22_832, j.at("/tflm/arena_bytes").asLong());
        assertEquals(22_820, j.at("/tflm/arena_used_bytes").asLong());
        assertTrue(j.at("/tflc/arena_used_bytes").isNull());
        assertEquals(3_850_000, j.at("/tflc/instructions").asLong());
        assertEquals(40, j.at("/tflc/instruction_resolution").asLong());
        assertTrue(j.get("outputs_identical").asBoolean());
        assertEquals(BenchJson.MAPPER.treeToValue(j, Comparison.class), c, "the JSON reads back as it was");
        String html = ComparisonReport.html(c);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<tr><th>instructions per inference</th><td class=\"n\">7,700,000</td>"
                + "<td class=\"n\">3,850,000</td><td class=\"n\">0.50</td></tr>"), html);
        assertTrue(html.contains("<td class=\"same\">yes</td>"), html);
        assertTrue(html.contains("<code>/t/lib.a</code>"), html);
    }
}
