package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.target.Target;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-channel requantization tables as the generated source stores them, read back from the C
 * text: int32 multipliers and int8 shifts (at most 5 bytes per channel), no two arrays with the same
 * type and values (a table two layers share is stored once), and report.json's
 * {@code requant_table_bytes} is what the source stores. The outputs of the shared models with the
 * tables are GeneratedCodeTest's (portable) and OptimizedKernelsOnCortexM4Test's (optimized).
 */
class RequantTablesTest {
    private static final Pattern ARRAY = Pattern.compile(
            "static const (int8_t|int32_t) (\\w+_(multipliers|shifts))\\[(\\d+)\\] = \\{([^}]*)\\};");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"optimized", "portable"})
    void vwwStoresEachDistinctTableOnceInAtMostFiveBytesPerChannel(String kernels) {
        Graph g = ModelReader.read(SharedModels.root().resolve("mlperf-tiny/vww_mobilenet_int8.tflite")).main();
        CGenerator.Output out = CGenerator.generate(g, new CGenerator.Options("model", Target.load("cortex-m4"),
                kernels, false, "vww.tflite"));
        String c = new String(out.files().get("model.c"), StandardCharsets.UTF_8);
        Matcher m = ARRAY.matcher(c);
        long stored = 0;
        Set<String> contents = new HashSet<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            String type = m.group(1);
            assertEquals(m.group(3).equals("shifts") ? "int8_t" : "int32_t", type, m.group(2));
            int count = Integer.parseInt(m.group(4));
            String values = m.group(5).replaceAll("\\s+", "");
            assertEquals(count, values.split(",").length, m.group(2));
            assertTrue(contents.add(type + ":" + values), m.group(2) + " repeats an earlier array's values");
            stored += (long) count * (type.equals("int8_t") ? 1 : 4);
            names.add(m.group(2));
        }
        assertTrue(names.size() >= 2, "tables found: " + names);
        assertEquals(stored, out.report().requantTableBytes());
        long channels = 0;
        for (Operator op : g.operators()) {
            if (List.of("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED").contains(op.kind())) {
                Tensor filter = g.tensor(op.input(1));
                channels += filter.quantization().isPerChannel() ? filter.quantization().count() : 1;
            }
        }
        assertTrue(stored <= 5 * channels, stored + " bytes of tables for " + channels + " channels");
    }
}
