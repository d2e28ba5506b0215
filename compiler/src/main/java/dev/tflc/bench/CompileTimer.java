package dev.tflc.bench;

import dev.tflc.codegen.OutputFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times {@code TFLC compile MODEL -o DIR} as a separate process, the whole process from start to exit
 * (JVM start included), each run into a fresh folder that is removed afterwards.
 */
final class CompileTimer {
    private final Path tflc;
    private final Path scratch;

    /** {@code tflc}: the launcher to time; {@code scratch}: where the output folders go. */
    CompileTimer(Path tflc, Path scratch) {
        this.tflc = tflc;
        this.scratch = scratch;
    }

    CompileTiming time(SharedModel model, int runs) throws IOException, InterruptedException {
        List<Long> nanos = new ArrayList<>();
        int status = 0;
        String message = "";
        for (int i = 0; i < runs; i++) {
            Path out = scratch.resolve(model.name() + "-" + i);
            Path err = scratch.resolve(model.name() + "-" + i + ".err");
            ProcessBuilder pb = new ProcessBuilder(tflc.toString(), "compile", model.file().toString(), "-o",
                    out.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
            long start = System.nanoTime();
            int exit = pb.start().waitFor();
            nanos.add(System.nanoTime() - start);
            if (exit != 0 && status == 0) {
                status = exit;
                message = Format.oneLine(Files.readString(err).lines().findFirst().orElse(""));
            }
            Files.deleteIfExists(err);
            if (Files.exists(out)) {
                OutputFolder.deleteTree(out);
            }
        }
        return new CompileTiming(model.name(), nanos, status, message);
    }
}
