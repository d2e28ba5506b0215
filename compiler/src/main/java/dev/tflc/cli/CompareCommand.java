package dev.tflc.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tflc compare MODEL --tflm DIR --target T}: named by the design, not built yet. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "The same model under TensorFlow Lite Micro and under tflc, measured side by side "
                + "(not available yet).")
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The .tflite model.")
    Path model;

    @Option(names = "--tflm", paramLabel = "DIR", description = "Your TensorFlow Lite Micro checkout, with its library built "
            + "(default: $TFLM_ROOT).")
    Path tflm;

    @Option(names = "--target", defaultValue = "cortex-m4", paramLabel = "TARGET",
            converter = OptionValues.TargetName.class, completionCandidates = OptionValues.TargetNames.class,
            description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--kernels", paramLabel = "SET", converter = OptionValues.Kernels.class,
            completionCandidates = OptionValues.Kernels.class,
            description = "tflc's kernel set: ${COMPLETION-CANDIDATES} (default: the target's).")
    String kernels;

    @Option(names = "--json", description = "Print the comparison as JSON.")
    boolean json;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Also write the comparison as JSON and HTML here.")
    Path output;

    @Override
    public Integer call() {
        throw new Main.UsageError("compare is not available yet");
    }
}
