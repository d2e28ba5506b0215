package dev.tflc.bench;

import dev.tflc.codegen.CGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * results.md: the command and tools, one table per target with a summary of the goals against TFLM
 * under it (TFLM's columns left out where the baseline has nothing for the target), the README's
 * footprint tables, a section per target family, the columns' definitions, the models left out.
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
        sb.append("# tflc on emulated boards\n\n");
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
            sb.append(MarkdownTable.render(withTflmIfAny(columns, rows), rows));
            sb.append(summary(rows, results.kernels(), MeasurementColumns.GOALS));
        }
        sb.append(readmeTables(results));
        sb.append('\n').append(legend(withTflmIfAny(columns, results.rows())));
        if (!results.unsupported().isEmpty()) {
            sb.append("\nNot measured, because tflc does not support them yet or they do not fit the board:\n\n");
            for (Unsupported u : results.unsupported()) {
                sb.append("- `").append(u.model().name()).append('`')
                        .append(u.target() == null ? "" : " on " + u.target()).append(": ")
                        .append(Format.oneLine(u.reason())).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code columns}, without TFLM's when the baseline has nothing for any of {@code rows}. */
    static List<Column<Measurement>> withTflmIfAny(List<Column<Measurement>> columns, List<Measurement> rows) {
        return rows.stream().anyMatch(r -> r.tflm() != null) ? columns : MeasurementColumns.withoutTflm(columns);
    }

    /**
     * The README's footprint tables ({@link MeasurementColumns#README}): a section per target family,
     * a table per target and optimisation level.
     */
    static String readmeTables(Results results) {
        StringBuilder sb = new StringBuilder("\n## The README's footprint tables, a section per target family\n");
        for (BoardFamily family : BoardFamily.values()) {
            List<String> targets = results.targets().stream().filter(t -> BoardFamily.of(t) == family
                    && !results.rows(t).isEmpty()).toList();
            if (targets.isEmpty()) {
                continue;
            }
            sb.append("\n### ").append(family.title()).append('\n');
            for (String target : targets) {
                for (String opt : results.rows(target).stream().map(Measurement::opt).distinct().toList()) {
                    List<Measurement> rows = results.rows(target).stream().filter(r -> r.opt().equals(opt)).toList();
                    List<Column<Measurement>> columns = withTflmIfAny(MeasurementColumns.README,
                            rows.stream().filter(r -> r.tflmCounterpart() != null).toList());
                    sb.append('\n').append(target).append(" (").append(rows.get(0).board()).append("; instructions: ")
                            .append(family.counting()).append("), ").append(opt);
                    if (columns.size() > MeasurementColumns.withoutTflm(columns).size()) {
                        sb.append(", tflc beside TFLM with the same kind of kernels (reference / CMSIS-NN; CMSIS-NN for "
                                + "`optimized`)");
                    }
                    sb.append(":\n\n").append(MarkdownTable.render(columns, rows));
                }
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
