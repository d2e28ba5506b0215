package dev.tflc.bench;

import java.util.List;

/**
 * The wall times of running one compile as a separate process several times (nanoseconds, in run
 * order), and how it ended: the exit status of the first run that failed (else 0) and its first line
 * on standard error.
 */
record CompileTiming(String model, List<Long> nanos, int exitStatus, String message) {
    CompileTiming {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        nanos = List.copyOf(nanos);
    }

    /** The middle time; with an even number of runs, the mean of the two middle ones. */
    long medianNanos() {
        List<Long> sorted = nanos.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    long minNanos() {
        return nanos.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    /** "compiled", or "exit S" when a run failed (tflc exits 2 on a model it does not support). */
    String result() {
        return exitStatus == 0 ? "compiled" : "exit " + exitStatus;
    }

    /** Columns of the compile-speed table. */
    static final List<Column<CompileTiming>> COLUMNS = List.of(
            Column.tableOnly("model", false, CompileTiming::model),
            Column.tableOnly("runs", true, t -> Format.count(t.nanos().size())),
            Column.tableOnly("median", true, t -> milliseconds(t.medianNanos())),
            Column.tableOnly("min", true, t -> milliseconds(t.minNanos())),
            Column.tableOnly("result", false, CompileTiming::result));

    /** Nanoseconds as whole milliseconds: {@code 1,234 ms}. */
    static String milliseconds(long nanos) {
        return Format.count(Math.round(nanos / 1e6)) + " ms";
    }
}
