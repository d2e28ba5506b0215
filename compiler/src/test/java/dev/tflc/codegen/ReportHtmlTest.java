package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tflc.ir.Graph;
import dev.tflc.target.Target;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.SharedModels;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * report.html opened in headless Chromium (Debian's {@code chromium}): the page as Chromium built it
 * (its DOM) has one box per run-time tensor and scratch buffer of report.json, at the JSON's offsets,
 * sizes and steps, the peak and lower-bound lines at the JSON's figures, a row per layer and the
 * JSON's totals; the screenshot (kept under {@code target/report-html/}) shows the chart's colours.
 */
class ReportHtmlTest {
    static Stream<String> models() {
        return Stream.of("mlperf-tiny/kws_dscnn_int8", "mlperf-tiny/ic_resnet8_int8", "tflm-examples/keyword_scrambled_svdf_int8");
    }

    private static final List<String> CHROMIUM = List.of("chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void chromiumRendersThePlanAndItsFiguresAreReportJsons(String model, @TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("out");
        Graph g = ModelReader.read(SharedModels.root().resolve(model + ".tflite")).main();
        OutputFolder.write(dir, CGenerator.generate(g, new CGenerator.Options("model", Target.load("cortex-m4"), null,
                false, model + ".tflite")).files());
        JsonNode json = Json.MAPPER.readTree(Files.readString(dir.resolve("report.json")));
        String page = dir.resolve("report.html").toUri().toString();
        List<String> dumpDom = new java.util.ArrayList<>(CHROMIUM);
        dumpDom.addAll(List.of("--user-data-dir=" + tmp.resolve("profile1"), "--dump-dom", page));
        String dom = new String(HostCompiler.run(tmp, dumpDom, null));

        // One box per run-time tensor (first and last step it appears in) and per scratch buffer.
        Map<String, long[]> expected = new HashMap<>();
        for (JsonNode op : json.get("operators")) {
            // an ADD done in a convolution's stores ("fused") runs at the convolution's step
            JsonNode fused = op.get("fused");
            int step = !fused.isNull() && fused.get("add").asInt() == op.get("index").asInt()
                    ? fused.get("layer").asInt() : op.get("index").asInt();
            for (String side : List.of("inputs", "outputs")) {
                for (JsonNode t : op.get(side)) {
                    if (t.has("offset") && !t.get("offset").isNull()) { // null: never stored
                        String key = "tensor " + t.get("tensor").asInt();
                        long[] e = expected.get(key);
                        expected.put(key, e == null
                                ? new long[] {t.get("offset").asLong(), t.get("size").asLong(), step, step}
                                : new long[] {e[0], e[1], Math.min(e[2], step), Math.max(e[3], step)});
                    }
                }
            }
            if (!op.get("scratch").isNull()) {
                expected.put("scratch " + step, new long[] {op.get("scratch").get("offset").asLong(),
                    op.get("scratch").get("bytes").asLong(), step, step});
            }
        }
        Matcher m = Pattern.compile("<rect class=\"(tensor|scratch)\" data-id=\"(\\d+)\" data-offset=\"(\\d+)\" "
                + "data-size=\"(\\d+)\" data-first=\"(\\d+)\" data-last=\"(\\d+)\"").matcher(dom);
        Set<String> seen = new HashSet<>();
        while (m.find()) {
            String key = m.group(1) + " " + m.group(2);
            long[] e = expected.get(key);
            assertTrue(e != null, model + ": a box for " + key + ", which report.json does not have");
            long[] got = {Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)),
                Long.parseLong(m.group(6))};
            assertEquals(List.of(e[0], e[1], e[2], e[3]), List.of(got[0], got[1], got[2], got[3]), model + " " + key);
            assertTrue(seen.add(key), model + ": two boxes for " + key);
        }
        assertEquals(expected.keySet(), seen, model + ": a box for every run-time tensor and scratch buffer");
        assertTrue(dom.contains("<line class=\"peak\" data-bytes=\"" + json.get("arena_bytes").asLong() + "\""), model);
        assertTrue(dom.contains("<line class=\"bound\" data-bytes=\"" + json.get("lower_bound_bytes").asLong() + "\""),
                model);
        assertEquals(json.get("operators").size(), count(dom, "<tr class=\"layer\""), model + ": a row per layer");
        long macs = 0;
        for (JsonNode op : json.get("operators")) {
            macs += op.get("macs").asLong();
        }
        assertEquals(json.get("macs").asLong(), macs);
        assertTrue(dom.contains("id=\"total-macs\">" + num(macs) + "<"), model);
        assertTrue(dom.contains("id=\"total-arena\">" + num(json.get("arena_bytes").asLong()) + "<"), model);
        assertTrue(dom.contains("id=\"total-weights\">" + num(json.get("weight_bytes").asLong()) + "<"), model);
        assertTrue(dom.contains("id=\"fit-ram\">" + num(json.get("fit").get("ram_needed_bytes").asLong()) + "<"), model);

        // The screenshot, kept for people to look at, shows the boxes' colours.
        Path shots = Path.of("target", "report-html");
        Files.createDirectories(shots);
        Path png = shots.resolve(model.replace('/', '_') + ".png").toAbsolutePath();
        List<String> screenshot = new java.util.ArrayList<>(CHROMIUM);
        screenshot.addAll(List.of("--user-data-dir=" + tmp.resolve("profile2"), "--window-size=1200,900",
                "--screenshot=" + png, page));
        HostCompiler.run(tmp, screenshot, null);
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(pixels(image, 0x4c8bd6) > 1000, model + ": the tensor boxes are drawn");
        assertTrue(pixels(image, 0xc0392b) > 50, model + ": the peak line is drawn");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String num(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static int pixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
