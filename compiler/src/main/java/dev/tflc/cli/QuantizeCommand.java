package dev.tflc.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tflc quantize FLOAT.tflite --calibration DIR -o INT8.tflite}: named by the design, not built yet. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = "Post-training int8 quantization of a float model (not available yet).")
final class QuantizeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FLOAT.tflite", description = "The float model.")
    Path model;

    @Option(names = "--calibration", required = true, paramLabel = "DIR",
            description = "Folder of representative inputs (raw tensor bytes, one file per sample).")
    Path calibration;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "INT8.tflite", description = "The quantized model.")
    Path output;

    @Override
    public Integer call() {
        throw new Main.UsageError("quantize is not available yet");
    }
}
