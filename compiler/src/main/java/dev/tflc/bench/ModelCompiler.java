package dev.tflc.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.codegen.Report;
import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first step of a measurement: compiles a model with tflc (prefix {@code model}, the kernel set
 * preferred, the build's goal) for a target into {@code WORK/<model>-<target>-<kernels>[-size]/src}, the folder
 * targets/run-on-board builds.
 */
final class ModelCompiler {
    private static final Pattern WEIGHT_ARRAY = Pattern.compile(
            "^static const (?:TFLC_ROM )?[A-Za-z0-9_]+ ([A-Za-z_][A-Za-z0-9_]*)\\[\\d+\\] TFLC_ALIGNED\\b", Pattern.MULTILINE);

    private ModelCompiler() {
    }

    static CompiledModel compile(SharedModel m, Graph g, String target, KernelBuild build, Path work) {
        return compile(m, g, target, build, work, null);
    }

    /** As {@link #compile(SharedModel, Graph, String, KernelBuild, Path)}, the arena held to {@code maxArena} bytes (null: no budget). */
    static CompiledModel compile(SharedModel m, Graph g, String target, KernelBuild build, Path work, Long maxArena) {
        CGenerator.Output out = CGenerator.generate(g, new CGenerator.Options("model", Target.load(target),
                build.kernels(), false, m.name() + ".tflite", "plain", null, build.goal(), maxArena)).fitting();
        Path unit = work.resolve(m.name() + "-" + target + "-" + build.label().replace(" --optimize ", "-"));
        OutputFolder.write(unit.resolve("src"), out.files());
        Report report = out.report();
        return new CompiledModel(m, g, target, build, unit, report.arenaBytes(), report.lowerBoundBytes(),
                report.weightBytes(), report.requantTableBytes() + report.otherTableBytes(), report.macs(),
                layers(report.json()),
                weightArrays(new String(out.files().get("model.c"), StandardCharsets.UTF_8)));
    }

    /**
     * The names of the weight arrays in a generated model.c: its {@code TFLC_ALIGNED} constant arrays
     * (in program memory, {@code TFLC_ROM}, on AVR).
     */
    static Set<String> weightArrays(String source) {
        Set<String> names = new HashSet<>();
        Matcher m = WEIGHT_ARRAY.matcher(source);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Kernel set -> the number of report.json operators it implements, by name; aliased operators
     * (a view of their input, no code) are left out.
     */
    static Map<String, Integer> layers(String reportJson) {
        JsonNode report;
        try {
            report = BenchJson.MAPPER.readTree(reportJson);
        } catch (JsonProcessingException e) {
            throw new BenchFailure("report.json is not JSON: " + Format.oneLine(e.getOriginalMessage()));
        }
        Map<String, Integer> layers = new TreeMap<>();
        for (JsonNode op : report.path("operators")) {
            String set = op.path("implementation").path("kernel_set").textValue();
            if (set != null && !op.path("aliased").asBoolean(false)) {
                layers.merge(set, 1, Integer::sum);
            }
        }
        return layers;
    }
}
