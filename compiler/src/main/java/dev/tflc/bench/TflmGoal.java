package dev.tflc.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A comparison with TensorFlow Lite Micro that the results make easy to read per row: tflc's figure
 * over TFLM's counterpart ({@link Measurement#tflmCounterpart()}: TFLM with CMSIS-NN on cmsis-nn rows,
 * with its reference kernels on portable rows), met when the ratio is below {@code below}.
 * {@code key} names it in results.json, {@code figure} in the table, {@code claim} in the summary.
 */
record TflmGoal(String key, String figure, String claim, ToLongFunction<Measurement> ours,
        Function<TflmRun, Long> theirs, double below) {

    /** tflc's figure over TFLM's, or null where the row has no TFLM counterpart with that figure. */
    Double ratio(Measurement r) {
        TflmRun t = r.tflmCounterpart();
        Long theirFigure = t == null ? null : theirs.apply(t);
        return theirFigure == null || theirFigure <= 0 ? null : (double) ours.applyAsLong(r) / theirFigure;
    }

    /** Whether the row meets the goal, or null if there is nothing to compare with. */
    Boolean met(Measurement r) {
        Double ratio = ratio(r);
        return ratio == null ? null : ratio < below;
    }

    /** The goal as the table's header gives it: "instr ÷ TFLM (< 1)". */
    String header() {
        return figure + " ÷ TFLM (< " + Format.number(below) + ")";
    }

    /**
     * The ratio rounded down to three decimals, with ✓ when the goal is met and ✗ when not; empty
     * without a ratio. Rounding down keeps the number on the side of the goal its mark says: a ratio
     * of 0.9998 is 0.999 ✓, never 1.000 ✓.
     */
    String cell(Measurement r) {
        Double ratio = ratio(r);
        if (ratio == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%.3f %s", down(ratio, 3), ratio < below ? "✓" : "✗");
    }

    /** The ratio rounded down to four decimals for results.json, so it is below the goal exactly when met. */
    Double jsonRatio(Measurement r) {
        Double ratio = ratio(r);
        return ratio == null ? null : down(ratio, 4);
    }

    private static double down(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.FLOOR).doubleValue();
    }
}
