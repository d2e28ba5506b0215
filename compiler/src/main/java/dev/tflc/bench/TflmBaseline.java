package dev.tflc.bench;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tflc.lower.cmsisnn.CmsisNnKernels;
import dev.tflc.lower.optimized.OptimizedKernels;
import dev.tflc.lower.portable.PortableKernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * TensorFlow Lite Micro's figures for the shared models ({@code ../shared/benchmarks/tflm-baseline.json}):
 * {@code models} by upstream name (with the model file's size) and {@code runs}, one per model, core
 * ({@code m4}, ...) and kernel set ({@code ref}, {@code cmsis}), all built at -O2.
 */
final class TflmBaseline {
    /** The optimisation level TFLM was built at: its figures compare with our rows at this level. */
    static final String OPT = "-O2";

    /** TFLM's kernel sets in the baseline: its reference kernels, and CMSIS-NN's. */
    static final String REF = "ref";
    static final String CMSIS = "cmsis";

    /**
     * Shared model name -> its key in tflm-baseline.json (whose names come from the upstream paths);
     * the file sizes must agree as well, else the baseline is not shown for it.
     */
    static final Map<String, String> NAMES = Map.of(
            "kws_dscnn_int8", "tiny__keyword_spotting_kws_ref_model",
            "kws_dscnn_float", "tiny__keyword_spotting_kws_ref_model_float32",
            "vww_mobilenet_int8", "tiny__visual_wake_words_vww_96_int8",
            "ic_resnet8_int8", "tiny__image_classification_pretrainedResnet_quant",
            "ad_autoencoder_int8", "tiny__anomaly_detection_ad01_int8",
            "hello_world_int8", "tflm__examples_hello_world_models_hello_world_int8",
            "hello_world_float", "tflm__examples_hello_world_models_hello_world_float",
            "micro_speech_int8", "tflm__examples_micro_speech_models_micro_speech_quantized",
            "person_detect_int8", "tflm__models_person_detect",
            "keyword_scrambled_svdf_int8", "tflm__models_keyword_scrambled_8bit");

    /** No baseline: every lookup finds nothing. */
    static final TflmBaseline NONE = new TflmBaseline(BenchJson.MAPPER.createObjectNode(),
            BenchJson.MAPPER.createArrayNode());

    private final JsonNode models;
    private final JsonNode runs;

    private TflmBaseline(JsonNode models, JsonNode runs) {
        this.models = models;
        this.runs = runs;
    }

    static TflmBaseline read(Path file) throws IOException {
        JsonNode root;
        try {
            root = BenchJson.MAPPER.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new BenchFailure("TFLM baseline " + file + ": bad JSON: " + Format.oneLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        }
        if (root == null || !root.path("runs").isArray() || !root.path("models").isObject()) {
            throw new BenchFailure(file + " has no \"models\" and \"runs\"");
        }
        return new TflmBaseline(root.get("models"), root.get("runs"));
    }

    /** TFLM's runs of this model on this core, if it has any. */
    Optional<TflmComparison> compare(SharedModel m, String target) throws IOException {
        Optional<TflmRun> ref = run(m, target, REF);
        Optional<TflmRun> cmsis = run(m, target, CMSIS);
        if (ref.isEmpty() && cmsis.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TflmComparison(NAMES.get(m.name()), ref.orElse(null), cmsis.orElse(null)));
    }

    /**
     * TFLM's kernels that a tflc kernel set compares with: CMSIS-NN ({@code cmsis}) for cmsis-nn, the
     * reference kernels ({@code ref}, portable C like ours) for portable.
     */
    static String kernelsFor(String tflcKernels) {
        if (tflcKernels.equals(CmsisNnKernels.NAME) || tflcKernels.equals(OptimizedKernels.NAME)) {
            return CMSIS; // optimized: tflc's own kernels, held to TFLM with CMSIS-NN's figures
        }
        if (tflcKernels.equals(PortableKernels.NAME)) {
            return REF;
        }
        throw new IllegalArgumentException("no TFLM counterpart for kernel set " + tflcKernels);
    }

    /** "TFLM with CMSIS-NN" or "TFLM with its reference kernels": the counterpart of a tflc kernel set, in words. */
    static String counterpart(String tflcKernels) {
        return CMSIS.equals(kernelsFor(tflcKernels)) ? "TFLM with CMSIS-NN" : "TFLM with its reference kernels";
    }

    /** TFLM's run of this model on this core with "ref" or "cmsis" kernels, if the model files agree. */
    Optional<TflmRun> run(SharedModel m, String target, String kernels) throws IOException {
        String key = NAMES.get(m.name());
        JsonNode model = key == null ? null : models.get(key);
        if (model == null || !model.path("model_file_bytes").isNumber()
                || model.get("model_file_bytes").asLong() != Files.size(m.file())) {
            return Optional.empty();
        }
        String cpu = target.replace("cortex-", "");
        for (JsonNode run : runs) {
            if (key.equals(run.path("model").textValue()) && cpu.equals(run.path("cpu").textValue())
                    && kernels.equals(run.path("kernels").textValue())) {
                return Optional.of(BenchJson.MAPPER.treeToValue(run, TflmRun.class));
            }
        }
        return Optional.empty();
    }
}
