package dev.tflc.bench;

import dev.tflc.ir.Graph;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A shared model compiled by tflc for one target with one kernel set ({@code build}: how to build it):
 * its graph, the folder of its unit of work (the generated C in {@code unit/src}, one build per
 * optimisation level beside it), the figures of its report.json, the number of layers each kernel set
 * runs (layers that are only a view of their input left out), and the names of its weight arrays (to
 * tell them from the rest in the link map). {@code tableBytes}: the constant arrays derived from the
 * model beside the weights (per-channel multipliers and shifts, CMSIS-NN kernel sums).
 */
record CompiledModel(SharedModel model, Graph graph, String target, KernelBuild build, Path unit, long arenaBytes,
        long lowerBoundBytes, long weightBytes, long tableBytes, long macs, Map<String, Integer> layers,
        Set<String> weightArrays) {
    CompiledModel {
        layers = Collections.unmodifiableMap(new TreeMap<>(layers));
    }

    /** The generated folder. */
    Path src() {
        return unit.resolve("src");
    }

    /** The kernel set tflc preferred. */
    String kernels() {
        return build.kernels();
    }

    /** "model target kernels", to name it in messages (with "--optimize size" for size). */
    String label() {
        return model.name() + " " + target + " " + build.label();
    }
}
