package dev.tflc.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The figures of one TensorFlow Lite Micro run in tflm-baseline.json (one model, core and kernel set,
 * built at -O2) that the benchmark shows beside its own; absent figures are null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record TflmRun(
        @JsonProperty("arena_used_bytes") Long arenaUsedBytes,
        @JsonProperty("ram_data_bss_bytes") Long ramDataBssBytes,
        @JsonProperty("flash_bytes") Long flashBytes,
        @JsonProperty("flash_excl_model_bytes") Long flashExclModelBytes,
        @JsonProperty("model_bytes") Long modelBytes,
        @JsonProperty("invoke_instructions") Long invokeInstructions,
        @JsonProperty("instructions_per_mac") Double instructionsPerMac,
        @JsonProperty("stack_high_water_bytes") Long stackHighWaterBytes) {
}
