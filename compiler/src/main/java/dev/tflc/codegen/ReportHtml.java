package dev.tflc.codegen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: report.json drawn for people, one self-contained file (inline CSS and SVG, no
 * script, no network). The memory plan is a chart with a box per run-time tensor (its arena offsets
 * over the steps it lives) and per scratch buffer, the arena's peak and the lower bound marked; then a
 * table per layer and the totals and target fit. Every figure comes from report.json, and the boxes
 * carry theirs as data attributes so that a test can hold the page to the JSON.
 */
public final class ReportHtml {
    /** The page style that tflc's other HTML pages (compare.html) share with report.html. */
    public static final String BASE_STYLE = "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}"
            + "table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:3px 8px}"
            + "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}";
    private static final int CHART_W = 960;
    private static final int CHART_H = 360;
    private static final int LEFT = 110;
    private static final int BOTTOM = 30;

    private ReportHtml() {
    }

    /** One box: a run-time tensor over its steps, or a layer's scratch at its step. */
    private record Box(String kind, int id, String label, long offset, long size, int first, int last) {
    }

    static String render(String reportJson) {
        JsonNode r;
        try {
            r = Json.MAPPER.readTree(reportJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        JsonNode ops = r.get("operators");
        Map<Integer, Box> tensors = new LinkedHashMap<>();
        List<Box> boxes = new ArrayList<>();
        for (JsonNode op : ops) {
            // an ADD done in a convolution's stores runs at the convolution's step
            JsonNode fused = op.get("fused");
            int step = fused != null && !fused.isNull() && fused.get("add").asInt() == op.get("index").asInt()
                    ? fused.get("layer").asInt() : op.get("index").asInt();
            for (String side : new String[] {"inputs", "outputs"}) {
                for (JsonNode t : op.get(side)) {
                    if (!t.has("offset") || t.get("offset").isNull() || t.get("offset").asLong() < 0) {
                        continue;
                    }
                    int id = t.get("tensor").asInt();
                    Box b = tensors.get(id);
                    // a part of a concatenation written in place: its rows span the output's bytes
                    // from its first to its last, between the other parts' rows
                    long size = t.get("size").asLong();
                    String label = t.get("name").asText();
                    if (t.has("row_bytes")) {
                        long rowBytes = t.get("row_bytes").asLong();
                        long stride = t.get("row_stride").asLong();
                        size = (size / rowBytes - 1) * stride + rowBytes;
                        label += " (rows of " + rowBytes + " bytes every " + stride + ")";
                    }
                    tensors.put(id, b == null
                            ? new Box("tensor", id, label, t.get("offset").asLong(), size, step, step)
                            : new Box("tensor", id, b.label(), b.offset(), b.size(), Math.min(b.first(), step),
                                    Math.max(b.last(), step)));
                }
            }
            JsonNode scratch = op.get("scratch");
            if (scratch != null && !scratch.isNull()) {
                boxes.add(new Box("scratch", step, op.get("kind").asText() + " scratch",
                        scratch.get("offset").asLong(), scratch.get("bytes").asLong(), step, step));
            }
        }
        boxes.addAll(0, tensors.values());
        long arena = r.get("arena_bytes").asLong();
        long lowerBound = r.get("lower_bound_bytes").asLong();
        int steps = Math.max(ops.size(), 1);

        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>tflc report: ")
                .append(esc(r.get("source").asText())).append("</title>\n<style>\n")
                .append(BASE_STYLE)
                .append("rect.tensor{fill:#4c8bd6;stroke:#1d4f8f;stroke-width:.5}")
                .append("rect.scratch{fill:#e39b3b;stroke:#8a5510;stroke-width:.5}")
                .append("line.peak{stroke:#c0392b;stroke-width:1.5}line.bound{stroke:#27ae60;stroke-width:1.5;")
                .append("stroke-dasharray:6 4}text{font:11px system-ui,sans-serif}\n</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(r.get("source").asText())).append("</h1>\n<p>compiled by tflc ")
                .append(esc(r.get("tflc_version").asText())).append(" for <b>").append(esc(r.get("target").asText()))
                .append("</b>, kernel sets ").append(esc(String.join(", ", texts(r.get("kernel_order")))))
                .append(", <code>--optimize ").append(esc(r.get("optimize").asText())).append("</code>")
                .append(", prefix <code>").append(esc(r.get("prefix").asText())).append("</code></p>\n");

        h.append("<h2>Memory plan</h2>\n<p>Each box is a run-time tensor (blue) or a layer's scratch (orange): ")
                .append("its arena offsets over the steps it lives. Arena <b id=\"arena-bytes\">")
                .append(num(arena)).append("</b> bytes (red line), lower bound <b id=\"lower-bound-bytes\">")
                .append(num(lowerBound)).append("</b> bytes (green dashes: the most bytes live at once).</p>\n");
        chart(h, boxes, arena, lowerBound, steps);

        h.append("<h2>Layers</h2>\n<table id=\"layers\">\n<tr><th>#</th><th>operator</th><th>implementation</th>")
                .append("<th>inputs</th><th>outputs</th><th>MACs</th><th>bytes read</th><th>bytes written</th>")
                .append("<th>weights</th></tr>\n");
        long totalMacs = 0;
        for (JsonNode op : ops) {
            long read = 0;
            long weights = 0;
            for (JsonNode t : op.get("inputs")) {
                read += t.get("bytes").asLong();
                if (t.has("constant")) {
                    weights += t.get("bytes").asLong();
                }
            }
            long written = 0;
            for (JsonNode t : op.get("outputs")) {
                written += t.get("bytes").asLong();
            }
            JsonNode impl = op.get("implementation");
            String function = impl.get("function").isNull() ? "(shares its input's memory)"
                    : impl.get("function").asText();
            totalMacs += op.get("macs").asLong();
            h.append("<tr class=\"layer\" data-index=\"").append(op.get("index").asInt()).append("\"><td class=\"n\">")
                    .append(op.get("index").asInt()).append("</td><td>").append(esc(op.get("kind").asText()))
                    .append("</td><td>").append(esc(impl.get("kernel_set").asText())).append(": <code>")
                    .append(esc(function)).append("</code></td><td>").append(shapes(op.get("inputs")))
                    .append("</td><td>").append(shapes(op.get("outputs"))).append("</td><td class=\"n macs\">")
                    .append(num(op.get("macs").asLong())).append("</td><td class=\"n\">").append(num(read))
                    .append("</td><td class=\"n\">").append(num(written)).append("</td><td class=\"n\">")
                    .append(num(weights)).append("</td></tr>\n");
        }
        h.append("</table>\n");

        JsonNode fit = r.get("fit");
        h.append("<h2>Totals and fit</h2>\n<table id=\"totals\">\n");
        row(h, "MACs per inference", "total-macs", num(totalMacs));
        row(h, "arena (bytes)", "total-arena", num(arena));
        row(h, "lower bound (bytes)", "total-lower-bound", num(lowerBound));
        row(h, "weights (bytes)", "total-weights", num(r.get("weight_bytes").asLong()));
        row(h, "per-channel tables (bytes)", "total-requant", num(r.get("requant_table_bytes").asLong()));
        row(h, "RAM needed: arena + stack estimate (bytes)", "fit-ram", num(fit.get("ram_needed_bytes").asLong()));
        row(h, "target RAM (bytes)", "fit-target-ram", fit.get("target_ram_bytes").isNull() ? "not stated"
                : num(fit.get("target_ram_bytes").asLong()));
        row(h, "flash needed, at least (bytes)", "fit-flash", num(fit.get("flash_needed_at_least_bytes").asLong()));
        row(h, "target flash (bytes)", "fit-target-flash", fit.get("target_flash_bytes").isNull() ? "not stated"
                : num(fit.get("target_flash_bytes").asLong()));
        row(h, "fits", "fit-fits", fit.get("fits").asBoolean() ? "yes" : "no");
        h.append("</table>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The plan as SVG: steps across, arena offsets up; a box per buffer, the peak and the bound as lines. */
    private static void chart(StringBuilder h, List<Box> boxes, long arena, long lowerBound, int steps) {
        double top = Math.max(arena, 1) * 1.08;
        double stepW = (double) (CHART_W - LEFT - 10) / steps;
        int plotH = CHART_H - BOTTOM - 10;
        h.append(String.format(Locale.ROOT, "<svg id=\"plan\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\">%n", CHART_W, CHART_H, CHART_W, CHART_H));
        h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"10\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" "
                + "stroke=\"#999\"/>%n", LEFT, CHART_W - LEFT - 10, plotH));
        for (Box b : boxes) {
            double x = LEFT + b.first() * stepW;
            double w = (b.last() - b.first() + 1) * stepW;
            double y = 10 + plotH - (b.offset() + b.size()) / top * plotH;
            double bh = Math.max(b.size() / top * plotH, 0.5);
            h.append(String.format(Locale.ROOT, "<rect class=\"%s\" data-id=\"%d\" data-offset=\"%d\" data-size=\"%d\" "
                    + "data-first=\"%d\" data-last=\"%d\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\">"
                    + "<title>%s: %s bytes at %s, steps %d..%d</title></rect>%n", b.kind(), b.id(), b.offset(), b.size(),
                    b.first(), b.last(), x, y, w, bh, esc(b.label()), num(b.size()), num(b.offset()), b.first(),
                    b.last()));
        }
        line(h, "peak", arena, top, plotH, "arena " + num(arena), LEFT - 4, 4);
        line(h, "bound", lowerBound, top, plotH, "lower bound " + num(lowerBound), CHART_W - 14, -4);
        h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">step 0</text><text x=\"%d\" y=\"%d\" "
                + "text-anchor=\"end\">step %d</text>%n", LEFT, CHART_H - 12, CHART_W - 10, CHART_H - 12, steps - 1));
        h.append("</svg>\n");
    }

    /** A horizontal line at {@code bytes}, labelled at x (text ending there), dy below it. */
    private static void line(StringBuilder h, String kind, long bytes, double top, int plotH, String label, int x,
            int dy) {
        double y = 10 + plotH - bytes / top * plotH;
        h.append(String.format(Locale.ROOT, "<line class=\"%s\" data-bytes=\"%d\" x1=\"%d\" x2=\"%d\" y1=\"%.2f\" "
                + "y2=\"%.2f\"/><text x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s</text>%n", kind, bytes, LEFT,
                CHART_W - 10, y, y, x, y + dy, esc(label)));
    }

    private static void row(StringBuilder h, String name, String id, String value) {
        h.append("<tr><th>").append(esc(name)).append("</th><td class=\"n\" id=\"").append(id).append("\">")
                .append(esc(value)).append("</td></tr>\n");
    }

    private static String shapes(JsonNode tensors) {
        List<String> s = new ArrayList<>();
        for (JsonNode t : tensors) {
            List<String> dims = new ArrayList<>();
            t.get("shape").forEach(d -> dims.add(d.asText()));
            s.add(String.join("x", dims) + (t.has("constant") ? " (const)" : ""));
        }
        return esc(String.join(", ", s));
    }

    private static List<String> texts(JsonNode array) {
        List<String> s = new ArrayList<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }

    private static String num(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** Text for HTML: markup characters escaped, control characters shown as \xNN. */
    public static String esc(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\x%02X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
