package dev.tflc.cli;

import dev.tflc.ir.IrException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code tflc} command line. Exit codes: 0 success, 2 bad input or unsupported model, 1 internal error. */
@Command(name = "tflc", mixinStandardHelpOptions = true, version = "tflc 0.1.0",
        description = "Compiles TensorFlow Lite models to dependency-free C.",
        subcommands = {InfoCommand.class, RunCommand.class, CompileCommand.class, DemoCommand.class})
public final class Main implements Runnable {
    public static final int BAD_INPUT = 2;

    @Option(names = "--verbose", description = "Show Java stack traces on errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cmd = new CommandLine(new Main());
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (verbose) {
                e.printStackTrace(err);
            }
            if (e instanceof IrException ir) {
                err.println("tflc: error: " + oneLine(ir.diagnostic()));
                return BAD_INPUT;
            }
            if (e instanceof dev.tflc.codegen.HostCompiler.ToolException t) {
                err.println("tflc: error: " + oneLine(t.getMessage()));
                return 1;
            }
            if (e instanceof UsageError u) {
                err.println("tflc: error: " + oneLine(u.getMessage()));
                return BAD_INPUT;
            }
            err.println("tflc: internal error: " + oneLine(String.valueOf(e)) + (verbose ? "" : " (--verbose shows where)"));
            return 1;
        });
        cmd.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = cmd.getErr();
            err.println("tflc: error: " + oneLine(e.getMessage()));
            err.println("Try 'tflc --help'.");
            return BAD_INPUT;
        });
        return cmd.execute(args);
    }

    static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    /** A problem with the command's own arguments or files (not the model): exit code 2. */
    public static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageError(String message) {
            super(message);
        }
    }
}
