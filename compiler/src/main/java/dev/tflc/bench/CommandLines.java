package dev.tflc.bench;

import dev.tflc.ir.IrException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The picocli command line of a benchmark tool: options may be repeated (the last one counts, so a
 * launcher's defaults can be overridden), and every error is one line "NAME: message" on standard
 * error with exit status 2 for bad options, the {@link BenchFailure}'s own status, or 1.
 */
final class CommandLines {
    private CommandLines() {
    }

    static CommandLine create(Object command, String name) {
        CommandLine cmd = new CommandLine(command).setOverwrittenOptionsAllowed(true);
        cmd.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(name + ": " + Format.oneLine(problem(e)) + " (see --help)");
            return BenchFailure.BAD_OPTIONS;
        });
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof BenchFailure f) {
                err.println(name + ": " + Format.oneLine(f.getMessage()));
                return f.status();
            }
            if (e instanceof IrException ir) {
                err.println(name + ": " + Format.oneLine(ir.diagnostic()));
            } else if (e instanceof InterruptedException) {
                err.println(name + ": interrupted");
            } else {
                err.println(name + ": " + Format.oneLine(String.valueOf(e)));
            }
            return BenchFailure.FAILED;
        });
        return cmd;
    }

    /** What is wrong with the arguments, in the words bench/run has always used where it can. */
    static String problem(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            return "unknown option '" + u.getUnmatched().get(0) + "'";
        }
        if (e instanceof MissingParameterException m && m.getMissing().size() == 1
                && m.getMissing().get(0) instanceof OptionSpec o) {
            return o.longestName() + " needs a value";
        }
        return e.getMessage();
    }
}
