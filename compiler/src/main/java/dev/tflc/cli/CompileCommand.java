package dev.tflc.cli;

import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.target.Target;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tflc compile MODEL -o DIR}: a self-contained C folder. */
@Command(name = "compile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compile a model to a self-contained C folder.",
            "DIR keeps your other files: tflc replaces only files it wrote there before and that are unedited "
                    + "(its manifest " + OutputFolder.MANIFEST + " lists them), and refuses to overwrite anything else."})
final class CompileCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The .tflite model.")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path output;

    @Mixin
    TargetOptions targetOptions;

    @Option(names = "--prefix", defaultValue = "model", paramLabel = "NAME", converter = OptionValues.PrefixName.class,
            description = "Name of the C API and its files NAME.h, NAME.c: a C identifier of at most 31 characters, "
                    + "not main, tflc*, arm_*, a C keyword or a standard header's name (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--main", description = "Add main.c: raw inputs on stdin, raw outputs on stdout.")
    boolean main;

    @Option(names = "--format", defaultValue = "plain", paramLabel = "FORMAT", converter = OptionValues.Format.class,
            completionCandidates = OptionValues.Format.class,
            description = "Output layout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--java", paramLabel = "PACKAGE", converter = OptionValues.JavaPackage.class,
            description = "Also write a Java binding: DIR/java/PACKAGE-PATH/CLASS.java (CLASS from NAME: model -> Model) "
                    + "and its JNI glue DIR/java/NAME_jni.c; the class comment says how to build and load it.")
    String javaPackage;

    @Override
    public Integer call() {
        Target t = targetOptions.target();
        String k = targetOptions.preferredKernels();
        CGenerator.Output out = Models.withMainGraph(model, g -> CGenerator.generate(g,
                new CGenerator.Options(prefix, t, k, main, model.getFileName().toString(), format, javaPackage,
                        targetOptions.goal(), targetOptions.maxArena())).fitting());
        OutputFolder.write(output, out.files());
        System.err.println(String.format("tflc: wrote %s: arena %,d bytes (lower bound %,d), weights %,d bytes, %,d MACs",
                output, out.report().arenaBytes(), out.report().lowerBoundBytes(), out.report().weightBytes(),
                out.report().macs()));
        return 0;
    }
}
