package dev.tflc.codegen;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Tensor;
import dev.tflc.reference.Interpreter;
import dev.tflc.target.Target;
import dev.tflc.testing.Outputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a graph's generated C over several invocations in one process, so that variable tensors carry
 * from one to the next: a driver beside the generated files reads each invocation's inputs from
 * standard input, calls model_reset before invocation {@code resetAt} (never before the first: the
 * first model_invoke must reset the state itself), and writes each invocation's outputs.
 */
final class SequenceRunner {
    /** The Java reference over the invocations, reset before invocation {@code resetAt}: what {@link #run} must equal. */
    static List<List<byte[]>> reference(Graph g, List<List<byte[]>> inputs, int resetAt) {
        Interpreter reference = new Interpreter(g);
        List<List<byte[]>> outputs = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            if (k == resetAt) {
                reference.reset();
            }
            outputs.add(reference.run(inputs.get(k)));
        }
        return outputs;
    }

    static final List<String> FLAGS = List.of("-std=c99", "-O1", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-Wvla");

    private static final String DRIVER = """
            #include <stdio.h>
            #include <stdlib.h>

            #include "model.h"

            int main(int argc, char **argv)
            {
                int n, reset_at, k, i;
                if (argc != 3) {
                    return 2;
                }
                n = atoi(argv[1]);
                reset_at = atoi(argv[2]);
                for (k = 0; k < n; k++) {
                    if (k == reset_at) {
                        model_reset();
                    }
                    for (i = 0; i < MODEL_INPUT_COUNT; i++) {
                        size_t need = model_input_bytes(i);
                        if (fread(model_input(i), 1, need, stdin) != need) {
                            return 2;
                        }
                    }
                    if (model_invoke() != 0) {
                        return 1;
                    }
                    for (i = 0; i < MODEL_OUTPUT_COUNT; i++) {
                        size_t m = model_output_bytes(i);
                        if (fwrite(model_output(i), 1, m, stdout) != m) {
                            return 1;
                        }
                    }
                }
                return fflush(stdout) == 0 ? 0 : 1;
            }
            """;

    private SequenceRunner() {
    }

    /** Each invocation's outputs from the generated C (portable kernels, host target). */
    static List<List<byte[]>> run(Graph g, List<List<byte[]>> invocations, int resetAt) throws Exception {
        CGenerator.Output out = CGenerator.generate(g, new CGenerator.Options("model", Target.load("host"), "portable",
                false, "sequence.tflite"));
        Path dir = Files.createTempDirectory("tflc-sequence-");
        try {
            Path c = dir.resolve("c");
            OutputFolder.write(c, out.files());
            Files.writeString(c.resolve("driver.c"), DRIVER, StandardCharsets.US_ASCII);
            HostCompiler.build(c, "gcc", FLAGS);
            List<byte[]> stdin = new ArrayList<>();
            invocations.forEach(stdin::addAll);
            byte[] all = HostCompiler.run(c, List.of("./prog", String.valueOf(invocations.size()),
                    String.valueOf(resetAt)), Outputs.concat(stdin));
            return split(g, all, invocations.size());
        } finally {
            OutputFolder.deleteTree(dir);
        }
    }

    /** Splits concatenated outputs into invocations and, within each, the graph's outputs. */
    static List<List<byte[]>> split(Graph g, byte[] all, int invocations) {
        List<List<byte[]>> result = new ArrayList<>();
        int pos = 0;
        for (int k = 0; k < invocations; k++) {
            List<byte[]> outs = new ArrayList<>();
            for (Tensor t : g.outputTensors()) {
                int n = (int) t.byteSize();
                if (pos + n > all.length) {
                    throw new AssertionError("the generated code wrote " + all.length + " bytes, fewer than "
                            + invocations + " invocations need");
                }
                byte[] part = new byte[n];
                System.arraycopy(all, pos, part, 0, n);
                outs.add(part);
                pos += n;
            }
            result.add(outs);
        }
        if (pos != all.length) {
            throw new AssertionError("the generated code wrote " + all.length + " bytes, " + invocations
                    + " invocations need " + pos);
        }
        return result;
    }
}
