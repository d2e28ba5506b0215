package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Help lists every option of every command, and mistakes get a suggestion. */
class HelpTest {
    @Test
    void everyCommandsHelpListsEachOptionItAccepts() {
        Map<String, CommandLine> commands = Main.commandLine().getSubcommands();
        assertTrue(commands.keySet().containsAll(java.util.List.of("compile", "info", "run", "demo", "help")));
        for (Map.Entry<String, CommandLine> c : commands.entrySet()) {
            if (c.getKey().equals("help")) {
                continue;
            }
            MainTest.Result viaOption = MainTest.tflc(new byte[0], c.getKey(), "--help");
            MainTest.Result viaHelp = MainTest.tflc(new byte[0], "help", c.getKey());
            assertEquals(0, viaOption.code(), c.getKey());
            assertEquals(viaOption.text(), viaHelp.text(), c.getKey());
            for (OptionSpec o : c.getValue().getCommandSpec().options()) {
                for (String name : o.names()) {
                    assertTrue(viaOption.text().contains(name), c.getKey() + " --help lacks " + name);
                }
            }
        }
    }

    @Test
    void compileHelpGivesEachValueAndDefault() {
        String help = MainTest.tflc(new byte[0], "compile", "--help").text().replaceAll("\\s+", " ");
        for (String s : new String[] {"host, cortex-m0plus, cortex-m3, cortex-m4", "(default: host)", "portable",
            "optimized, portable, cmsis-nn", "plain, cmake, make, arduino, platformio, zephyr", "(default: plain)", "(default: model)",
            "--max-arena=BYTES", "--ram=BYTES", "--flash=BYTES", "--optimize=GOAL", "--java=PACKAGE",
            "size (a shared kernel for every layer) (default: speed)"}) {
            assertTrue(help.contains(s), s);
        }
    }

    @Test
    void tflcAlonePrintsTheUsageAndExits2() {
        MainTest.Result r = MainTest.tflc(new byte[0]);
        assertEquals(2, r.code());
        assertTrue(r.text().startsWith("Usage: tflc"), r.text());
        assertTrue(r.text().contains("compile"));
        assertTrue(MainTest.tflc(new byte[0], "help").text().startsWith("Usage: tflc"));
    }

    @Test
    void aMistypedOptionOrValueGetsASuggestionOnOneLine() {
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", "m.tflite", "-o", "x", "--tagret", "cortex-m4");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("did you mean --target?"), r.err());
        r = MainTest.tflc(new byte[0], "compile", "m.tflite", "-o", "x", "--target", "cortex-m5");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'--target'") && r.err().contains("did you mean cortex-m55?"), r.err());
        r = MainTest.tflc(new byte[0], "compile", "m.tflite", "-o", "x", "--kernels", "portabel");
        assertTrue(r.err().contains("'--kernels'") && r.err().contains("did you mean portable?"), r.err());
        r = MainTest.tflc(new byte[0], "compile", "m.tflite", "-o", "x", "--format", "cmkae");
        assertTrue(r.err().contains("'--format'") && r.err().contains("did you mean cmake?"), r.err());
        r = MainTest.tflc(new byte[0], "compile", "m.tflite", "-o", "x", "--optimize", "sise");
        assertTrue(r.err().contains("'--optimize'") && r.err().contains("did you mean size?"), r.err());
        assertFalse(r.err().contains("m.tflite"), "an error about an option names the option, not the model");
    }
}
