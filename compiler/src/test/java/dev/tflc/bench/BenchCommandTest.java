package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.lower.Goal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** bench/run's options: names, defaults, --help, and one-line errors with exit status 2. */
class BenchCommandTest {
    static final Path ROOT = Fixtures.repository();

    record Run(int status, String out, String err) {
    }

    static Run bench(String... args) {
        return bench(Map.of(), args);
    }

    /** bench/run with {@code env} as its whole environment. */
    static Run bench(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        BenchCommand command = new BenchCommand();
        command.environment = env::get;
        CommandLine cmd = CommandLines.create(command, "bench");
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int status = cmd.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    static BenchConfig config(String... args) {
        return config(Map.of(), args);
    }

    static BenchConfig config(Map<String, String> env, String... args) {
        BenchCommand command = new BenchCommand();
        command.environment = env::get;
        new CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs(args);
        return command.config(List.of(args));
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        Run r = bench("--help");
        assertEquals(0, r.status());
        for (String option : List.of("--targets", "--opts", "--kernels", "--optimize", "--cmsis-nn-include", "--cmsis-nn-lib",
                "--models", "--jobs", "--markdown", "--json", "--models-dir", "--baseline", "--work", "--root")) {
            assertTrue(r.out().contains(option + "="), option + " missing from\n" + r.out());
        }
        for (OptionSpec o : new CommandLine(new BenchCommand()).getCommandSpec().options()) {
            if (!o.usageHelp()) {
                assertTrue(String.join(" ", o.description()).contains("default"), o.longestName() + " names no default");
            }
        }
        assertTrue(r.out().contains("(default: cortex-m4)") && r.out().contains("(default: -O2,-Os)"), r.out());
        assertTrue(r.out().contains("(default: portable)") && r.out().contains("$CMSIS_NN_INCLUDE"), r.out());
        assertTrue(r.out().contains("number of processors, " + Runtime.getRuntime().availableProcessors()), r.out());
    }

    @Test
    void defaultsAreCortexM4AtO2AndOsOverEverySharedModelWithResultsInBench() {
        BenchConfig c = config("--root", ROOT.toString());
        assertEquals(List.of("cortex-m4"), c.targets());
        assertEquals(List.of("-O2", "-Os"), c.opts());
        assertEquals(List.of("*"), c.models());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.jobs());
        assertEquals(ROOT.resolve("bench/results.md"), c.markdown());
        assertEquals(ROOT.resolve("bench/results.json"), c.json());
        assertEquals(c.modelsDir().toAbsolutePath().normalize().resolveSibling("benchmarks")
                .resolve("tflm-baseline.json"), c.baseline());
        assertNull(c.work());
        assertEquals(List.of("portable"), c.kernels());
        assertNull(c.cmsisNn());
        assertEquals(KernelBuild.PORTABLE, c.kernelBuild("portable", "cortex-m4"));
    }

    @Test
    void cmsisNnTakesItsPathsFromTheOptionsElseTheEnvironment(@TempDir Path dir) throws Exception {
        Path include = Fixtures.cmsisNnInclude(dir.resolve("Include"));
        Path m4 = Files.writeString(dir.resolve("m4.a"), "");
        Path m55 = Files.writeString(dir.resolve("m55.a"), "");
        Map<String, String> env = Map.of("CMSIS_NN_INCLUDE", include.toString(), "CMSIS_NN_LIB_CORTEX_M55", "/nowhere");
        BenchConfig c = config(env, "--root", ROOT.toString(), "--targets", "cortex-m4,cortex-m55",
                "--kernels", "portable, cmsis-nn,portable", "--cmsis-nn-lib", "cortex-m4=" + m4,
                "--cmsis-nn-lib", "cortex-m55=" + m55);
        assertEquals(List.of("portable", "cmsis-nn"), c.kernels());
        assertEquals(include, c.cmsisNn().include());
        assertEquals(Map.of("cortex-m4", m4, "cortex-m55", m55), c.cmsisNn().libraries());
        assertEquals(List.of("--cflags", "-I" + include, "--lib", m55.toString()),
                c.kernelBuild("cmsis-nn", "cortex-m55").runOnBoardOptions());
        BenchConfig onlyEnv = config(Map.of("CMSIS_NN_INCLUDE", include.toString(), "CMSIS_NN_LIB_CORTEX_M4",
                m4.toString()), "--root", ROOT.toString(), "--kernels", "cmsis-nn");
        assertEquals(List.of("cmsis-nn"), onlyEnv.kernels());
        assertEquals(Map.of("cortex-m4", m4), onlyEnv.cmsisNn().libraries());
        assertNull(config(env, "--root", ROOT.toString(), "--cmsis-nn-lib", "cortex-m4=/nowhere").cmsisNn(),
                "CMSIS-NN's options are ignored unless cmsis-nn is measured");
    }

    @Test
    void aRequestedCoreWithoutItsCmsisNnLibraryIsOneLineAndExitStatus2(@TempDir Path dir) throws Exception {
        Path include = Fixtures.cmsisNnInclude(dir.resolve("Include"));
        Path m4 = Files.writeString(dir.resolve("m4.a"), "");
        Run r = bench(Map.of("CMSIS_NN_INCLUDE", include.toString(), "CMSIS_NN_LIB_CORTEX_M4", m4.toString()),
                "--root", ROOT.toString(), "--targets", "cortex-m4,cortex-m55", "--kernels", "portable,cmsis-nn");
        assertEquals(2, r.status(), r.err());
        assertEquals("bench: --kernels cmsis-nn on cortex-m55 needs CMSIS-NN built for it: --cmsis-nn-lib "
                + "cortex-m55=PATH/libcmsis-nn.a or CMSIS_NN_LIB_CORTEX_M55\n", r.err());
    }

    @Test
    void listsAreCommaSeparatedAndTheLastRepeatedOptionCounts() {
        BenchConfig c = config("--root", ROOT.toString(), "--targets", "cortex-m3", "--targets", "cortex-m4, cortex-m55",
                "--opts", "-O2", "--models", "mlperf-tiny/*_int8,hello_world_int8", "--jobs", "3");
        assertEquals(List.of("cortex-m4", "cortex-m55"), c.targets());
        assertEquals(List.of("-O2"), c.opts());
        assertEquals(List.of("mlperf-tiny/*_int8", "hello_world_int8"), c.models());
        assertEquals(3, c.jobs());
    }

    @Test
    void eachKernelSetIsCompiledForEachGoalOfOptimizeSpeedByDefault() {
        assertEquals(List.of(Goal.SPEED), config("--root", ROOT.toString()).goals());
        assertEquals(List.of(Goal.SPEED, Goal.SIZE), config("--root", ROOT.toString(), "--optimize", "speed,size,speed").goals());
        assertEquals(List.of(Goal.SIZE), config("--root", ROOT.toString(), "--optimize", "size").goals());
    }

    @Test
    void theReproducingCommandLeavesOutRootAndQuotesForTheShell() {
        assertEquals(List.of("bench/run", "--models", "'mlperf-tiny/*_int8'", "--opts", "-O2"),
                BenchCommand.reproducing(List.of("--root", "/r", "--models", "mlperf-tiny/*_int8", "--root=/s",
                        "--opts", "-O2")));
        assertEquals(List.of("bench/run", "--work", "'it'\\''s'"), BenchCommand.reproducing(List.of("--work", "it's")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--jobs", "--jobs 0", "--jobs x", "--targets cortex-m0plus", "--targets foo",
        "--opts -O9", "--targets ,", "--models nothing_here", "--models-dir /nonexistent", "--kernels fastest",
        "--kernels ,", "--optimize fast", "--optimize ,", "--kernels cmsis-nn", "--cmsis-nn-lib cortex-m4", "--kernels cmsis-nn --cmsis-nn-include /nonexistent"})
    void badOptionsExitWith2AndOneLine(String args) {
        String[] words = ("--root " + ROOT + " " + args).split(" ");
        Run r = bench(words);
        assertEquals(2, r.status(), r.err());
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("bench: no TFLM baseline")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("bench: "), r.err());
    }

    @Test
    void unknownOptionsAndMissingValuesAreNamed() {
        assertEquals("bench: unknown option '--bogus' (see --help)\n", bench("--bogus").err());
        assertEquals("bench: --jobs needs a value (see --help)\n", bench("--jobs").err());
    }

    @Test
    void aFolderWithoutRunOnBoardIsNotTheRepository() {
        Run r = bench("--root", ROOT.resolve("compiler").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("is not the tflc repository (no targets/run-on-board); use --root"), r.err());
    }
}
