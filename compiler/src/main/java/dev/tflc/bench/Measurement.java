package dev.tflc.bench;

import dev.tflc.lower.Goal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of the results: a model compiled for a target with a kernel set ({@code kernels}, the set
 * tflc preferred; {@code layers} counts the layers each set runs), built at one optimisation level
 * and run on the target's board, with its output check ("bit-exact" or "within tolerance ..."), the
 * figures of its report.json, the instruction count, the footprint, and TensorFlow Lite Micro's runs
 * for comparison (null when the baseline has none), and what tflc's lowering favoured ({@code goal}).
 */
record Measurement(SharedModel model, String target, String board, String kernels, Map<String, Integer> layers,
        String opt, String output, long macs, long arenaBytes, long lowerBoundBytes, InstructionCount count,
        Flash flash, Ram ram, TflmComparison tflm, Goal goal) {
    Measurement {
        layers = Collections.unmodifiableMap(new TreeMap<>(layers));
    }

    /** A row compiled for speed. */
    Measurement(SharedModel model, String target, String board, String kernels, Map<String, Integer> layers,
            String opt, String output, long macs, long arenaBytes, long lowerBoundBytes, InstructionCount count,
            Flash flash, Ram ram, TflmComparison tflm) {
        this(model, target, board, kernels, layers, opt, output, macs, arenaBytes, lowerBoundBytes, count, flash, ram,
                tflm, Goal.SPEED);
    }

    /** Instructions per multiply-accumulate, NaN for a model without MACs. */
    double instructionsPerMac() {
        return macs == 0 ? Double.NaN : (double) count.instructions() / macs;
    }

    /**
     * TFLM's runs where they compare with this row (TFLM was built at -O2 only; a row compiled for size
     * is held to tflc's own speed row, not to TFLM), else null.
     */
    TflmComparison tflmAtThisOpt() {
        return opt.equals(TflmBaseline.OPT) && goal == Goal.SPEED ? tflm : null;
    }

    /**
     * The TFLM run this row is measured against: TFLM with the same kind of kernels (CMSIS-NN for a
     * cmsis-nn row, reference kernels for a portable one) at this optimisation level; null if none.
     */
    TflmRun tflmCounterpart() {
        TflmComparison t = tflmAtThisOpt();
        return t == null ? null : t.run(kernels);
    }

    /** The layers that run on the preferred kernel set, of all layers that run code. */
    int layersOnKernels() {
        return layers.getOrDefault(kernels, 0);
    }

    int layersRun() {
        return layers.values().stream().mapToInt(Integer::intValue).sum();
    }
}
