package dev.tflc.bench;

import dev.tflc.codegen.CGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * results.md: the command and tools, one table per target with a summary of the goals against TFLM
 * under it, the columns' definitions, the models left out.
 */
final class ResultsMarkdown {
    private static final String LEGEND = """
            Columns (bytes unless named; TFLM = TensorFlow Lite Micro from ../shared/benchmarks/tflm-baseline.json,
            built at -O2 only and so shown on the -O2 rows: with reference kernels / with CMSIS-NN on portable
            rows, with CMSIS-NN alone (`cmsis N`) on cmsis-nn and optimized rows):

            """;

    private ResultsMarkdown() {
    }

    static String render(Results results, List<Column<Measurement>> columns) {
        StringBuilder sb = new StringBuilder();
        sb.append("# tflc on emulated Cortex-M boards\n\n");
        sb.append('`').append(String.join(" ", results.command())).append('`')
                .append(" (tflc ").append(CGenerator.VERSION).append(", ")
                .append(String.join(" and ", results.kernels())).append(" kernels; ")
                .append(String.join("; ", results.tools().values())).append(").\n");
        for (String target : results.targets()) {
            List<Measurement> rows = results.rows(target);
            if (rows.isEmpty()) {
                continue;
            }
            sb.append("\n### ").append(target).append(" (").append(rows.get(0).board())
                    .append(", instructions exact to ").append(Format.number(rows.get(0).count().resolution()))
                    .append(")\n\n");
            sb.append(MarkdownTable.render(columns, rows));
            sb.append(summary(rows, results.kernels(), MeasurementColumns.GOALS));
        }
        sb.append('\n').append(legend(columns));
        if (!results.unsupported().isEmpty()) {
            sb.append("\nNot measured, because tflc does not support them yet:\n\n");
            for (Unsupported u : results.unsupported()) {
                sb.append("- `").append(u.model().name()).append("`: ").append(Format.oneLine(u.reason()))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Per kernel set, how many of the rows compared with TFLM meet each goal, naming the models that do
     * not; empty when no row compares with TFLM.
     */
    static String summary(List<Measurement> rows, List<String> kernels, List<TflmGoal> goals) {
        StringBuilder sb = new StringBuilder();
        for (String k : kernels) {
            List<String> parts = new ArrayList<>();
            for (TflmGoal g : goals) {
                List<Measurement> compared = rows.stream().filter(r -> r.kernels().equals(k) && g.met(r) != null)
                        .toList();
                if (compared.isEmpty()) {
                    continue;
                }
                List<String> missed = compared.stream().filter(r -> !g.met(r)).map(r -> r.model().name()).toList();
                parts.add(g.claim() + ": " + (compared.size() - missed.size()) + " of " + compared.size()
                        + (missed.isEmpty() ? "" : " (not " + String.join(", ", missed) + ")"));
            }
            if (!parts.isEmpty()) {
                sb.append("- ").append(k).append(" against ").append(TflmBaseline.counterpart(k)).append(", ")
                        .append(TflmBaseline.OPT).append(": ").append(String.join("; ", parts)).append(".\n");
            }
        }
        return sb.isEmpty() ? "" : "\n" + sb;
    }

    /** What the columns mean: the definition of each table column that has one. */
    static String legend(List<Column<Measurement>> columns) {
        StringBuilder sb = new StringBuilder(LEGEND);
        for (Column<Measurement> c : columns) {
            if (c.inTable() && c.definition() != null) {
                // a definition is a sentence ("the planned arena ...") or a sum ("= code + runtime ...")
                String sep = c.definition().startsWith("= ") ? " " : ": ";
                sb.append("- **").append(c.header()).append("**").append(sep).append(c.definition()).append('\n');
            }
        }
        return sb.toString();
    }
}
