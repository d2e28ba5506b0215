package dev.tflc.cli;

import dev.tflc.ir.Model;
import dev.tflc.quantize.PostTraining;
import dev.tflc.quantize.Samples;
import dev.tflc.tflite.ModelReader;
import dev.tflc.tflite.ModelWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tflc quantize FLOAT.tflite --calibration DIR -o INT8.tflite [--io int8|float]}: parses options. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = {"Post-training full-integer quantization of a float or hybrid model, as TensorFlow Lite's "
                + "converter does it: int8 weights (per output channel for CONV_2D and DEPTHWISE_CONV_2D, per "
                + "tensor for FULLY_CONNECTED), int32 biases, int8 activations from the ranges the Java reference "
                + "sees over the calibration set.",
                "Operators it handles: ${dev.tflc.quantize.operators}.",
                "It never overwrites a file it did not write: when INT8.tflite exists and is not a model tflc "
                + "quantize wrote, it writes nothing and exits 2."})
final class QuantizeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FLOAT.tflite", description = "The float (or hybrid) model.")
    Path model;

    @Option(names = "--calibration", required = true, paramLabel = "DIR",
            description = "Folder of representative inputs, one file per sample: the raw little-endian bytes of "
                    + "every input in input order (what 'tflc run' reads), or a float32 .npy for a one-input model.")
    Path calibration;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "INT8.tflite", description = "The quantized model.")
    Path output;

    @Option(names = "--io", paramLabel = "int8|float", defaultValue = "INT8",
            description = "Type of the model's inputs and outputs: int8 (default) or float (a QUANTIZE after each "
                    + "input, a DEQUANTIZE before each output).")
    Io io;

    enum Io { INT8, FLOAT }

    static {
        System.setProperty("dev.tflc.quantize.operators", String.join(", ", PostTraining.operators()));
    }

    @Override
    public Integer call() throws IOException {
        refuseForeignFile(output);
        PrintStream err = System.err;
        int[] count = new int[1];
        Model quantized = Models.withMainGraph(model, g -> {
            PostTraining.check(g);
            List<List<byte[]>> samples = Samples.read(calibration, g);
            count[0] = samples.size();
            return PostTraining.quantize(g, samples, io == Io.FLOAT, done -> progress(err, done, samples.size()));
        });
        Path tmp = output.resolveSibling(output.getFileName() + ".tflc-tmp");
        Files.write(tmp, ModelWriter.write(quantized));
        Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        err.println("tflc quantize: wrote " + output + " (" + quantized.main().operators().size() + " operators, "
                + count[0] + (count[0] == 1 ? " calibration sample)" : " calibration samples)"));
        return 0;
    }

    /** Draws the calibration bar on one line of standard error (only its last state when that is not a terminal). */
    private static void progress(PrintStream err, int done, int total) {
        if (System.console() == null && done < total) {
            return;
        }
        int width = 30;
        int filled = (int) ((long) done * width / total);
        err.print("\rcalibrating [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
        if (done == total) {
            err.println();
        }
        err.flush();
    }

    /** An existing output is replaced only when it is a model quantize wrote. */
    private static void refuseForeignFile(Path output) {
        if (!Files.exists(output)) {
            return;
        }
        boolean ours;
        try {
            ours = Files.isRegularFile(output)
                    && ModelReader.read(output).description().startsWith(PostTraining.DESCRIPTION);
        } catch (RuntimeException e) {
            ours = false;
        }
        if (!ours) {
            throw new Main.UsageError(output + " exists and is not a model tflc quantize wrote; not overwriting it");
        }
    }
}
