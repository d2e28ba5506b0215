package dev.tflc.cli;

import dev.tflc.ir.IrException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code tflc} command line. Exit codes: 0 success, 2 bad input, bad options or an unsupported
 * model (one line on standard error), 1 an internal error or a failing host tool.
 */
@Command(name = "tflc", mixinStandardHelpOptions = true, version = "tflc 0.1.0",
        description = "Compiles TensorFlow Lite models to dependency-free C.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "'tflc help COMMAND' or 'tflc COMMAND --help' lists a command's options."},
        subcommands = {CompileCommand.class, InfoCommand.class, RunCommand.class, DemoCommand.class,
                QuantizeCommand.class, CompareCommand.class, WarmupCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int BAD_INPUT = 2;

    @Option(names = "--verbose", description = "Show Java stack traces on internal errors.",
            scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @Override
    public void run() {
        // `tflc` alone: the usage, and the exit code of a command line that did not say what to do.
        new CommandLine(this).usage(System.out);
        throw new NoCommand();
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** The picocli model of the whole command line (for tests and help). */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String... args) {
        return execute(CommandLine.defaultFactory(), args);
    }

    /** As {@link #execute(String...)}, with the commands made by {@code factory} (tests set their environment). */
    static int execute(CommandLine.IFactory factory, String... args) {
        CommandLine cmd = new CommandLine(new Main(), factory).setCaseInsensitiveEnumValuesAllowed(true);
        boolean verbose = List.of(args).contains("--verbose");
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof NoCommand) {
                return BAD_INPUT;
            }
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
            err.println("tflc: internal error: " + oneLine(String.valueOf(e.getMessage()))
                    + (verbose ? "" : " (--verbose shows where)"));
            return 1;
        });
        cmd.setParameterExceptionHandler((e, a) -> {
            CommandLine where = e.getCommandLine();
            String command = where.getCommandName().equals("tflc") ? "tflc" : "tflc " + where.getCommandName();
            String message = e.getMessage();
            if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                message += "; did you mean " + String.join(" or ", u.getSuggestions().subList(0,
                        Math.min(2, u.getSuggestions().size()))) + "?";
            }
            cmd.getErr().println("tflc: error: " + (command.equals("tflc") ? "" : where.getCommandName() + ": ")
                    + oneLine(message) + " ('" + command + " --help' lists the options)");
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

    /** `tflc` with no command: the usage was printed. */
    private static final class NoCommand extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
