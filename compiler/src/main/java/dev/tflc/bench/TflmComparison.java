package dev.tflc.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * TensorFlow Lite Micro's runs of the same model on the same core: with its reference kernels and
 * with CMSIS-NN (either may be absent), and the model's name in tflm-baseline.json.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ref", "cmsis", "name"})
record TflmComparison(@JsonProperty("name") String name, @JsonProperty("ref") TflmRun ref,
        @JsonProperty("cmsis") TflmRun cmsis) {

    /** The run with TFLM's counterpart of a tflc kernel set (see {@link TflmBaseline#kernelsFor}), or null. */
    TflmRun run(String tflcKernels) {
        return TflmBaseline.CMSIS.equals(TflmBaseline.kernelsFor(tflcKernels)) ? cmsis : ref;
    }
}
