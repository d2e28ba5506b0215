package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsJsonTest {
    static JsonNode json(Results results) throws Exception {
        String text = BenchJson.write(ResultsJson.document(results, MeasurementColumns.ALL));
        return BenchJson.MAPPER.readTree(text);
    }

    @Test
    void aRowHoldsEveryFigureUnderTheKeysResultsJsonHasAlwaysUsed() throws Exception {
        JsonNode row = json(Fixtures.results(List.of(Fixtures.measurement("-O2", "bit-exact", Fixtures.tflm())),
                List.of())).get("results").get(0);
        List<String> keys = new ArrayList<>();
        row.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("model", "suite", "target", "board", "kernels", "optimize", "layers_by_kernel_set", "opt",
                "macs", "instructions", "instruction_resolution", "instructions_per_mac", "arena_bytes", "lower_bound_bytes",
                "stack_bytes", "ram_bytes", "flash_bytes", "output", "tflm_O2", "vs_tflm"), keys);
        assertEquals("portable", row.get("kernels").asText());
        assertEquals("speed", row.get("optimize").asText());
        assertEquals("{\"portable\":10}", row.get("layers_by_kernel_set").toString());
        assertEquals("ad_autoencoder_int8", row.get("model").asText());
        assertEquals(1699720, row.get("instructions").asLong());
        assertTrue(row.get("instruction_resolution").isIntegralNumber());
        assertEquals(6.434, row.get("instructions_per_mac").asDouble());
        assertEquals(448, row.get("stack_bytes").asLong());
        assertEquals("{\"total\":276648,\"weights\":270880,\"code\":1164,\"code_text\":804,\"code_constants\":360,"
                + "\"code_library\":0,\"runtime\":4604,\"runtime_board\":3145,\"runtime_libraries\":1420,"
                + "\"excl_weights\":5768,\"excl_model_data\":5736}",
                sorted(row.get("flash_bytes"), "total", "weights", "code", "code_text", "code_constants", "code_library",
                        "runtime", "runtime_board", "runtime_libraries", "excl_weights", "excl_model_data"));
        assertEquals("{\"total\":1296,\"arena\":768,\"model_other\":0,\"runtime\":528}",
                sorted(row.get("ram_bytes"), "total", "arena", "model_other", "runtime"));
        JsonNode tflm = row.get("tflm_O2");
        assertEquals(List.of("ref", "cmsis", "name"), names(tflm));
        assertEquals(7.4, tflm.get("ref").get("instructions_per_mac").asDouble());
        assertEquals(1076, tflm.get("cmsis").get("stack_high_water_bytes").asLong());
        assertEquals("tiny__anomaly_detection_ad01_int8", tflm.get("name").asText());
        assertEquals("{\"tflm_kernels\":\"ref\",\"instructions\":{\"ratio\":0.8698,\"below\":1,\"met\":true},"
                + "\"arena_bytes\":{\"ratio\":0.3398,\"below\":1,\"met\":true},"
                + "\"flash_excl_model_data\":{\"ratio\":0.2441,\"below\":0.5,\"met\":true}}", row.get("vs_tflm").toString());
    }

    @Test
    void aCmsisNnRowIsMeasuredAgainstTflmWithCmsisNnAndTheDocumentNamesTheCmsisNnUsed() throws Exception {
        JsonNode doc = json(Fixtures.bothKernelSets(List.of(Fixtures.cmsisNn("-O2", 600000, Fixtures.tflm()))));
        assertEquals("[\"portable\",\"cmsis-nn\"]", doc.get("kernels").toString());
        assertEquals("{\"include\":\"/cmsis/Include\",\"libraries\":{\"cortex-m4\":\"/cmsis/m4/libcmsis-nn.a\"}}",
                doc.get("cmsis_nn").toString());
        JsonNode row = doc.get("results").get(0);
        assertEquals("cmsis-nn", row.get("kernels").asText());
        assertEquals("{\"cmsis-nn\":9,\"portable\":1}", row.get("layers_by_kernel_set").toString());
        assertEquals(5600, row.get("flash_bytes").get("code_library").asLong());
        JsonNode vs = row.get("vs_tflm");
        assertEquals("cmsis", vs.get("tflm_kernels").asText());
        assertEquals("{\"ratio\":1.0292,\"below\":1,\"met\":false}", vs.get("instructions").toString());
        assertEquals(0.2976, vs.get("arena_bytes").get("ratio").asDouble());
        assertEquals(0.3427, vs.get("flash_excl_model_data").get("ratio").asDouble());
        assertTrue(row.get("tflm_O2").has("ref"), "the row keeps both of TFLM's runs");
    }

    @Test
    void rowsWithoutATflmCounterpartHaveNoComparison() throws Exception {
        TflmComparison refOnly = new TflmComparison("n", Fixtures.TFLM_REF, null);
        JsonNode rows = json(Fixtures.bothKernelSets(List.of(Fixtures.cmsisNn("-O2", 1, refOnly),
                Fixtures.cmsisNn("-Os", 1, Fixtures.tflm())))).get("results");
        assertFalse(rows.get(0).has("vs_tflm"), rows.get(0).toString());
        assertFalse(rows.get(1).has("vs_tflm"), rows.get(1).toString());
    }

    @Test
    void withoutTflmRunsTheRowHasNoTflmAndAModelWithoutMacsHasNoRatio() throws Exception {
        Measurement m = Fixtures.measurement("-Os", "bit-exact", null);
        Measurement noMacs = new Measurement(m.model(), m.target(), m.board(), m.kernels(), m.layers(), m.opt(),
                m.output(), 0, 0, 0, m.count(), m.flash(), m.ram(), null);
        JsonNode rows = json(Fixtures.results(List.of(m, noMacs), List.of())).get("results");
        assertFalse(rows.get(0).has("tflm_O2"));
        assertFalse(rows.get(0).has("vs_tflm"));
        assertTrue(rows.get(1).get("instructions_per_mac").isNull());
    }

    @Test
    void theDocumentSaysHowItWasMadeAndWhatWasLeftOut() throws Exception {
        SharedModel svdf = new SharedModel("tflm-examples", "svdf_int8", Path.of("svdf_int8.tflite"));
        JsonNode doc = json(Fixtures.results(List.of(Fixtures.measurement("-O2", "bit-exact", null)),
                List.of(new Unsupported(svdf, null, "operator 1 (SVDF): \"unsupported\"\nsecond line"))));
        assertEquals(List.of("command", "tflc_version", "kernels", "tools", "method", "results", "unsupported"),
                names(doc));
        assertEquals("bench/run --opts -O2", doc.get("command").asText());
        assertEquals("[\"portable\"]", doc.get("kernels").toString());
        assertFalse(doc.has("cmsis_nn"));
        assertEquals("gcc 12", doc.get("tools").get("arm-none-eabi-gcc").asText());
        assertEquals(List.of("instructions", "flash_total", "flash_weights", "flash_code", "flash_runtime",
                "ram_total", "kernels", "tflm", "vs_tflm"), names(doc.get("method")));
        assertEquals("svdf_int8", doc.get("unsupported").get(0).get("model").asText());
        assertEquals("operator 1 (SVDF): \"unsupported\"\nsecond line", doc.get("unsupported").get(0).get("reason").asText());
    }

    @Test
    void pathsWithDotsNestObjects() {
        List<Column<String>> columns = List.of(Column.jsonOnly("a.b", s -> s), Column.jsonOnly("a.c", String::length),
                Column.tableOnly("only in the table", false, s -> s), Column.jsonOnly("d", s -> null),
                Column.<String>jsonOnly("e", s -> null).omittedFromJsonWhenNull());
        assertEquals("{\"a\":{\"b\":\"xy\",\"c\":2},\"d\":null}", ResultsJson.row(columns, "xy").toString());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The node's fields in the given order, as compact JSON (all must be there, none more). */
    private static String sorted(JsonNode node, String... keys) {
        assertEquals(keys.length, node.size(), node.toString());
        StringBuilder sb = new StringBuilder("{");
        for (String k : keys) {
            sb.append(sb.length() == 1 ? "" : ",").append('"').append(k).append("\":").append(node.get(k));
        }
        return sb.append('}').toString();
    }
}
