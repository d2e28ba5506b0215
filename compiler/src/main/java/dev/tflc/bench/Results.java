package dev.tflc.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark run found: the command line that reproduces it, the versions of the tools it used
 * (in order), the targets and kernel sets in the order asked for, the CMSIS-NN it used (null if none),
 * one {@link Measurement} per model, target, kernel set and optimisation level, and the models it
 * could not measure.
 */
record Results(List<String> command, Map<String, String> tools, List<String> targets, List<String> kernels,
        CmsisNn cmsisNn, List<Measurement> rows, List<Unsupported> unsupported) {
    Results {
        command = List.copyOf(command);
        tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
        targets = List.copyOf(targets);
        kernels = List.copyOf(kernels);
        rows = List.copyOf(rows);
        unsupported = List.copyOf(unsupported);
    }

    /** The rows measured on one target, in the order they were measured. */
    List<Measurement> rows(String target) {
        return rows.stream().filter(r -> r.target().equals(target)).toList();
    }
}
