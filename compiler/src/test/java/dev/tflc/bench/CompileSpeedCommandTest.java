package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** bench/compile-speed's options only; it times nothing here. */
class CompileSpeedCommandTest {
    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = CommandLines.create(new CompileSpeedCommand(), "compile-speed");
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return new String[] {String.valueOf(cmd.execute(args)), out.toString(), err.toString()};
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String[] r = run("--help");
        assertEquals("0", r[0]);
        for (String o : new String[] {"--runs=N", "--models=PATTERN", "--tflc=FILE", "--root=DIR", "--models-dir=DIR"}) {
            assertTrue(r[1].contains(o), o + " missing from\n" + r[1]);
        }
        assertTrue(r[1].contains("(default: 5)"), r[1]);
    }

    @Test
    void defaultsAreFiveRunsOfEveryModel() {
        CompileSpeedCommand c = new CompileSpeedCommand();
        new CommandLine(c).parseArgs();
        assertEquals(5, c.runs);
        assertEquals("*", c.models);
    }

    @Test
    void badOptionsExitWith2AndOneLine() {
        for (String[] args : new String[][] {{"--runs", "0"}, {"--runs", "x"}, {"--frobnicate"},
            {"--tflc", "/nonexistent/tflc"}}) {
            String[] r = run(args);
            assertEquals("2", r[0], String.join(" ", args) + ": " + r[2]);
            assertEquals(1, r[2].lines().count(), r[2]);
            assertTrue(r[2].startsWith("compile-speed: "), r[2]);
        }
    }
}
