package dev.tflc.bench;

import java.util.List;

/** A Markdown table of rows, one column for each {@link Column} that has a header. */
final class MarkdownTable {
    private MarkdownTable() {
    }

    static <R> String render(List<Column<R>> columns, List<R> rows) {
        List<Column<R>> shown = columns.stream().filter(Column::inTable).toList();
        StringBuilder sb = new StringBuilder();
        line(sb, shown.stream().map(Column::header).toList());
        sb.append('|');
        for (Column<R> c : shown) {
            sb.append(c.numeric() ? "---:|" : "---|");
        }
        sb.append('\n');
        for (R row : rows) {
            line(sb, shown.stream().map(c -> c.cell().apply(row)).toList());
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
