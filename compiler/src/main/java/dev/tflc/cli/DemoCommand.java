package dev.tflc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code tflc demo}: placeholder until code generation lands. */
@Command(name = "demo", description = "Compile, build and run a model the project makes itself.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new Main.UsageError("demo is not available yet");
    }
}
