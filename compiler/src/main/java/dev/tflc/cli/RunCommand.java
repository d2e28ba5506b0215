package dev.tflc.cli;

import dev.tflc.reference.Interpreter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tflc run MODEL}: the Java reference on raw input bytes from stdin, raw outputs to stdout. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the Java reference: raw inputs on stdin, raw outputs on stdout.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The .tflite model.")
    Path model;

    @Override
    public Integer call() throws IOException {
        byte[] in = System.in.readAllBytes();
        java.util.List<byte[]> outputs = Models.withMainGraph(model, g -> new Interpreter(g).run(Interpreter.splitInputs(g, in)));
        OutputStream out = System.out;
        for (byte[] b : outputs) {
            out.write(b);
        }
        out.flush();
        return 0;
    }
}
