package dev.tflc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code tflc compile}: placeholder until code generation lands. */
@Command(name = "compile", description = "Compile a model to a C folder.")
final class CompileCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new Main.UsageError("compile is not available yet");
    }
}
