package dev.tflc.bench;

import dev.tflc.codegen.ReportHtml;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * A {@link Comparison} for people and machines: one Markdown table (what {@code tflc compare}
 * prints), the JSON ({@code --json}, compare.json) and an HTML page in report.html's style
 * (compare.html).
 */
public final class ComparisonReport {
    private ComparisonReport() {
    }

    /** One figure of both sides. */
    private record Row(String figure, String tflm, String tflc, String ratio) {
    }

    private static final List<Column<Row>> COLUMNS = List.of(
            Column.tableOnly("", false, Row::figure),
            Column.tableOnly("TFLM", true, Row::tflm),
            Column.tableOnly("tflc", true, Row::tflc),
            Column.tableOnly("tflc / TFLM", true, Row::ratio));

    /** The figures, in the table's order. */
    private static List<Row> rows(Comparison c) {
        List<Row> rows = new ArrayList<>();
        rows.add(row("arena (bytes)", c, Comparison.Side::arenaBytes));
        rows.add(row("RAM data+bss (bytes)", c, Comparison.Side::ramBytes));
        rows.add(row("flash (bytes)", c, Comparison.Side::flashBytes));
        rows.add(row("flash: runtime + kernels", c, Comparison.Side::flashCodeBytes));
        rows.add(row("flash: weights (TFLM: the .tflite)", c, Comparison.Side::flashWeightBytes));
        rows.add(row("instructions per inference", c, Comparison.Side::instructions));
        rows.add(row("stack (bytes)", c, Comparison.Side::stackBytes));
        String same = c.outputsIdentical() ? "yes" : "no";
        rows.add(new Row("outputs identical", same, same, ""));
        return rows;
    }

    private static Row row(String figure, Comparison c, ToLongFunction<Comparison.Side> f) {
        long tflm = f.applyAsLong(c.tflm());
        long tflc = f.applyAsLong(c.tflc());
        return new Row(figure, Format.count(tflm), Format.count(tflc), ratio(tflc, tflm));
    }

    private static String ratio(long tflc, long tflm) {
        return tflm == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) tflc / tflm);
    }

    /** The line above the table: model, target, kernels on both sides. */
    public static String heading(Comparison c) {
        return String.format(Locale.ROOT, "%s on %s (%s, %s): TFLM with its %s vs tflc with its %s kernels; "
                + "%s MACs per inference", c.model(), c.target(), c.board(), c.opt(), c.tflm().kernels(),
                c.tflc().kernels(), Format.count(c.macs()));
    }

    /** The heading and the Markdown table, as {@code tflc compare} prints them. */
    public static String table(Comparison c) {
        return heading(c) + "\n\n" + MarkdownTable.render(COLUMNS, rows(c));
    }

    /** The comparison as JSON, ending with a newline. */
    public static String json(Comparison c) {
        return BenchJson.write(c);
    }

    /** compare.html: the heading, the table and how each figure was found, self-contained. */
    public static String html(Comparison c) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>tflc compare: ")
                .append(ReportHtml.esc(c.model())).append("</title>\n<style>\n").append(ReportHtml.BASE_STYLE)
                .append("td.same{color:#1e7d32;font-weight:bold}td.differ{color:#c0392b;font-weight:bold}")
                .append("\n</style>\n</head>\n<body>\n<h1>").append(ReportHtml.esc(c.model()))
                .append(": TensorFlow Lite Micro vs tflc</h1>\n<p>").append(ReportHtml.esc(heading(c))).append("</p>\n");
        h.append("<table id=\"comparison\">\n<tr><th></th><th>TFLM</th><th>tflc</th><th>tflc / TFLM</th></tr>\n");
        for (Row r : rows(c)) {
            String cls = r.figure().equals("outputs identical") ? (c.outputsIdentical() ? "same" : "differ") : "n";
            h.append("<tr><th>").append(ReportHtml.esc(r.figure())).append("</th><td class=\"").append(cls)
                    .append("\">").append(ReportHtml.esc(r.tflm())).append("</td><td class=\"").append(cls)
                    .append("\">").append(ReportHtml.esc(r.tflc())).append("</td><td class=\"n\">")
                    .append(ReportHtml.esc(r.ratio())).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>How</h2>\n<ul>\n")
                .append("<li>Both images run one inference on QEMU's ").append(ReportHtml.esc(c.board()))
                .append(" with <code>-icount shift=0</code>, on the same input: ")
                .append(ReportHtml.esc(c.input())).append(".</li>\n")
                .append("<li>TFLM: the project's harness linked with <code>").append(ReportHtml.esc(c.tflm().library()))
                .append("</code>; its arena is the smallest that worked (").append(c.tflm().arenaTries())
                .append(" runs; <code>arena_used_bytes()</code> said ")
                .append(c.tflm().arenaUsedBytes() == null ? "-" : Format.count(c.tflm().arenaUsedBytes()))
                .append("). Its model is the .tflite, read in place from flash.</li>\n")
                .append("<li>RAM: .data + .bss of the image (the arena included, the stack not); flash: text, rodata, ")
                .append("weights and the .data image; stack: the high-water mark of the run.</li>\n")
                .append("<li>Instructions: the board's timer read around one inference, to within ")
                .append(Format.number(c.tflc().instructionResolution())).append(" instructions.</li>\n</ul>\n")
                .append("</body>\n</html>\n");
        return h.toString();
    }
}
