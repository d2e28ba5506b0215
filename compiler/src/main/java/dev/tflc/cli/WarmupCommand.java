package dev.tflc.cli;

import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.target.Target;
import dev.tflc.ir.Model;
import dev.tflc.tflite.ModelReader;
import dev.tflc.tflite.ModelWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code tflc warmup} (hidden): reads, checks and compiles the demo model for every target into a
 * temporary folder, which it removes.
 * The launcher runs it once after building the compiler to record the classes a compile loads in a
 * class-data-sharing archive, which every later run maps instead of loading them again.
 */
@Command(name = "warmup", hidden = true, mixinStandardHelpOptions = true, description = "Exercise the compiler once (for the launcher).")
final class WarmupCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
        Model model = ModelReader.read(ModelWriter.write(WarmupModel.build()), "demo.tflite");
        Path dir = Files.createTempDirectory("tflc-warmup-");
        try {
            for (String target : Target.NAMES) {
                CGenerator.Output out = CGenerator.generate(model.main(), new CGenerator.Options("model",
                        Target.load(target), "portable", true, "demo.tflite"));
                OutputFolder.write(dir, out.files());
            }
        } finally {
            OutputFolder.deleteTree(dir);
        }
        return 0;
    }
}
