package dev.tflc.cli;

import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.HostCompiler;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.Model;
import dev.tflc.reference.Interpreter;
import dev.tflc.tflite.ModelWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tflc demo}: compiles a model the project makes itself, builds it with the host C compiler,
 * runs it, and prints its outputs beside the Java reference's with its footprint.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Compile, build and run a small model tflc makes itself.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Also write the generated folder and demo.tflite here (default: nothing is kept); "
                    + "it follows compile's rules: your other files are kept.")
    Path output;

    @Override
    public Integer call() throws Exception {
        Model model = DemoModel.build();
        Graph g = model.main();
        Path dir = Files.createTempDirectory("tflc-demo-");
        try {
            CGenerator.Output out = CGenerator.generate(g, new CGenerator.Options("model", Target.load("host"),
                    "portable", true, "demo.tflite"));
            OutputFolder.write(dir, out.files());
            if (output != null) {
                Map<String, byte[]> kept = new LinkedHashMap<>(out.files());
                kept.put("demo.tflite", ModelWriter.write(model));
                OutputFolder.write(output, kept);
            }
            System.out.println("tflc demo: " + model.description());
            System.out.println("  layers: " + String.join(" -> ", g.operators().stream().map(o -> o.kind()).toList()));
            System.out.println("  compiled to " + (output != null ? output : "a temporary folder") + ": "
                    + out.files().keySet().stream().filter(f -> f.endsWith(".c") || f.endsWith(".h")).count()
                    + " C files");
            long code = HostCompiler.build(dir);
            System.out.println("  built with " + HostCompiler.compiler() + " " + String.join(" ", HostCompiler.FLAGS));
            byte[] input = DemoModel.input();
            byte[] generated = HostCompiler.run(dir, List.of("./prog"), input);
            byte[] reference = new Interpreter(g).run(List.of(input)).get(0);
            System.out.println();
            System.out.println("  class   generated C   Java reference   probability");
            for (int i = 0; i < reference.length; i++) {
                System.out.printf("  %5d   %11d   %14d   %10.3f%n", i, i < generated.length ? generated[i] : 0,
                        reference[i], (reference[i] + 128) / 256.0);
            }
            boolean same = Arrays.equals(generated, reference);
            System.out.println(same ? "  outputs match bit for bit" : "  OUTPUTS DIFFER");
            System.out.println();
            System.out.printf("  footprint: arena %,d bytes (lower bound %,d), weights %,d bytes, code %,d bytes "
                    + "(host text, kernels + model, without main.c)%n", out.report().arenaBytes(),
                    out.report().lowerBoundBytes(), out.report().weightBytes(), code);
            System.out.printf("  work: %,d MACs per inference%n", out.report().macs());
            if (output == null) {
                System.out.println("  (run 'tflc demo -o DIR' to keep the generated C)");
            }
            return same ? 0 : 1;
        } finally {
            OutputFolder.deleteTree(dir);
        }
    }
}
