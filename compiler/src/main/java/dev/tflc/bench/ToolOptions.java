package dev.tflc.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every benchmark tool takes (a picocli mixin): where the tflc repository and the shared models
 * are, and --help; and the command's output streams.
 */
final class ToolOptions {
    @Option(names = "--root", paramLabel = "DIR", description = "The tflc repository (default: the working "
            + "directory; the launcher passes its own).")
    Path root = Path.of("").toAbsolutePath();

    @Option(names = "--models-dir", paramLabel = "DIR", description = "The shared models (default: "
            + "ROOT/../shared/models, or $TFLC_SHARED_MODELS).")
    Path modelsDir;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** A comma-separated option value as a list, blanks around items removed; never empty. */
    static List<String> list(String value) {
        List<String> items = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (items.isEmpty()) {
            throw new BenchFailure(BenchFailure.BAD_OPTIONS, "empty list '" + value + "'");
        }
        return items;
    }

    Path root() {
        return root.toAbsolutePath();
    }

    Path modelsDir() {
        return modelsDir != null ? modelsDir : SharedModel.defaultDir(root());
    }

    /** The arguments as given on the command line. */
    List<String> args() {
        return command.commandLine().getParseResult().originalArgs();
    }

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }
}
