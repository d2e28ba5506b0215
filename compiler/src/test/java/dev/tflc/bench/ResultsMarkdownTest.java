package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.lower.Goal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsMarkdownTest {
    static final String HEADER = "| model | kernels | opt | MACs | instructions | TFLM instructions ref / cmsis "
            + "| instructions ÷ TFLM (< 1) | instr/MAC | arena | TFLM arena ref / cmsis | arena ÷ TFLM (< 1) | RAM "
            + "| TFLM RAM ref / cmsis | weights | code | runtime | flash excl. weights | flash excl. model data "
            + "| TFLM flash excl. model ref / cmsis | flash excl. model data ÷ TFLM (< 0.5) | flash | TFLM flash ref / cmsis "
            + "| output |";

    @Test
    void oneTablePerTargetWithTflmBesideTheO2RowsOnly() {
        TflmComparison refOnly = new TflmComparison("n", Fixtures.TFLM_REF, null);
        String md = ResultsMarkdown.render(Fixtures.results(List.of(Fixtures.measurement("-O2", "bit-exact", Fixtures.tflm()),
                Fixtures.measurement("-Os", "bit-exact", Fixtures.tflm()),
                Fixtures.measurement("-O2", "within tolerance (max abs diff 1.0e-07)", refOnly)), List.of()),
                MeasurementColumns.ALL);
        List<String> lines = md.lines().toList();
        assertEquals("# tflc on emulated boards", lines.get(0));
        assertEquals("`bench/run --opts -O2` (tflc 0.1.0, portable kernels; gcc 12).", lines.get(2));
        assertEquals("### cortex-m4 (mps2-an386, instructions exact to 40)", lines.get(4));
        assertEquals(HEADER, lines.get(6));
        assertEquals("|---|---|---|" + "---:|".repeat(19) + "---|", lines.get(7));
        assertEquals("| ad_autoencoder_int8 | portable | -O2 | 264,192 | 1,699,720 | 1,954,014 / 582,942 | 0.869 ✓ | 6.43 "
                + "| 768 | 2,260 / 2,580 | 0.339 ✓ | 1,296 | 3,104 / 3,424 | 270,880 | 1,164 | 4,604 | 5,768 | 5,736 "
                + "| 23,496 / 34,920 | 0.244 ✓ | 276,648 | 300,472 / 311,896 | exact |", lines.get(8));
        assertEquals("| ad_autoencoder_int8 | portable | -Os | 264,192 | 1,699,720 |  |  | 6.43 | 768 |  |  | 1,296 |  "
                + "| 270,880 | 1,164 | 4,604 | 5,768 | 5,736 |  |  | 276,648 |  | exact |", lines.get(9));
        assertTrue(lines.get(10).contains("| 1,954,014 / - |") && lines.get(10).endsWith("| ≈ |"), lines.get(10));
        assertEquals("- portable against TFLM with its reference kernels, -O2: fewer instructions than TFLM: 2 of 2; "
                + "arena smaller than TFLM's: 2 of 2; flash excl. model data under half of TFLM's flash excl. model: "
                + "2 of 2.", lines.get(12));
    }

    @Test
    void cmsisNnRowsCompareWithTflmWithCmsisNnAndTheSummaryNamesTheRowsThatMissAGoal() {
        Measurement faster = Fixtures.cmsisNn("-O2", 560000, Fixtures.tflm());
        Measurement slower = new Measurement(new SharedModel("mlperf-tiny", "kws_dscnn_int8", Path.of("kws.tflite")),
                faster.target(), faster.board(), faster.kernels(), faster.layers(), faster.opt(), faster.output(),
                faster.macs(), faster.arenaBytes(), faster.lowerBoundBytes(), new InstructionCount(600000, 40.0, 512),
                faster.flash(), faster.ram(), faster.tflm());
        String md = ResultsMarkdown.render(Fixtures.bothKernelSets(List.of(
                Fixtures.measurement("-O2", "bit-exact", Fixtures.tflm()), faster, slower,
                Fixtures.cmsisNn("-Os", 560000, Fixtures.tflm()))), MeasurementColumns.ALL);
        List<String> lines = md.lines().toList();
        assertEquals("`bench/run --kernels portable,cmsis-nn` (tflc 0.1.0, portable and cmsis-nn kernels; gcc 12).",
                lines.get(2));
        assertEquals("| ad_autoencoder_int8 | cmsis-nn (9/10 layers) | -O2 | 264,192 | 560,000 | cmsis 582,942 | 0.960 ✓ "
                + "| 2.12 | 768 | cmsis 2,580 | 0.297 ✓ | 1,296 | cmsis 3,424 | 270,880 | 7,400 | 4,600 | 12,000 | 11,968 "
                + "| cmsis 34,920 | 0.342 ✓ | 282,880 | cmsis 311,896 | exact |", lines.get(9));
        assertTrue(lines.get(10).startsWith("| kws_dscnn_int8 | cmsis-nn (9/10 layers) | -O2 | 264,192 | 600,000 "
                + "| cmsis 582,942 | 1.029 ✗ |"), lines.get(10));
        assertTrue(lines.get(11).contains("| 560,000 |  |  |"), lines.get(11));
        assertEquals("", lines.get(12));
        assertEquals("- portable against TFLM with its reference kernels, -O2: fewer instructions than TFLM: 1 of 1; "
                + "arena smaller than TFLM's: 1 of 1; flash excl. model data under half of TFLM's flash excl. model: "
                + "1 of 1.", lines.get(13));
        assertEquals("- cmsis-nn against TFLM with CMSIS-NN, -O2: fewer instructions than TFLM: 1 of 2 (not kws_dscnn_int8); "
                + "arena smaller than TFLM's: 2 of 2; flash excl. model data under half of TFLM's flash excl. model: "
                + "2 of 2.", lines.get(14));
    }

    @Test
    void aRowCompiledForSizeIsNamedSoAndHeldToNoTflmGoal() {
        Measurement speed = Fixtures.measurement("-O2", "bit-exact", Fixtures.tflm());
        Measurement size = new Measurement(speed.model(), speed.target(), speed.board(), "optimized", speed.layers(),
                speed.opt(), speed.output(), speed.macs(), speed.arenaBytes(), speed.lowerBoundBytes(), speed.count(),
                speed.flash(), speed.ram(), speed.tflm(), Goal.SIZE);
        String md = ResultsMarkdown.render(Fixtures.results(List.of(speed, size), List.of()), MeasurementColumns.ALL);
        List<String> lines = md.lines().toList();
        assertEquals("| ad_autoencoder_int8 | optimized --optimize size (0/10 layers) | -O2 | 264,192 | 1,699,720 |  |  "
                + "| 6.43 | 768 |  |  | 1,296 |  | 270,880 | 1,164 | 4,604 | 5,768 | 5,736 |  |  | 276,648 |  | exact |",
                lines.get(9));
        assertEquals("", lines.get(10));
        assertTrue(lines.get(11).startsWith("- portable against TFLM with its reference kernels, -O2: fewer instructions "
                + "than TFLM: 1 of 1;"), lines.get(11));
        assertTrue(md.contains("| ad_autoencoder_int8 | optimized --optimize size (0/10 layers) | 1,699,720 |  | 6.43 | 768 |  |"),
                md);
    }

    @Test
    void theReadmeTablesAreASectionPerFamilyWithTflmOnlyWhereTheBaselineHasTheTarget() {
        Measurement m4 = Fixtures.measurement("-O2", "bit-exact", Fixtures.tflm());
        Measurement rv = new Measurement(m4.model(), "riscv32", "riscv-virt", "portable", m4.layers(), "-O2", "bit-exact",
                m4.macs(), m4.arenaBytes(), m4.lowerBoundBytes(), new InstructionCount(2205962, 1.0, 400), m4.flash(),
                m4.ram(), null);
        Results results = new Results(List.of("bench/run", "--targets", "cortex-m4,riscv32"),
                java.util.Map.of("arm-none-eabi-gcc", "gcc 12"), List.of("cortex-m4", "riscv32"), List.of("portable"),
                null, List.of(m4, rv), List.of());
        String md = ResultsMarkdown.render(results, MeasurementColumns.ALL);
        List<String> lines = md.lines().toList();
        int at = lines.indexOf("## The README's footprint tables, a section per target family");
        assertTrue(at > 0, md);
        List<String> expected = List.of("", "### Cortex-M", "",
                "cortex-m4 (mps2-an386; instructions: QEMU `-icount shift=0`, a timer read around `model_invoke()`), -O2, "
                        + "tflc beside TFLM with the same kind of kernels (reference / CMSIS-NN; CMSIS-NN for `optimized`):",
                "",
                "| model | kernels | instructions | TFLM | instr/MAC | arena | TFLM | weights | code | flash excl. weights "
                        + "| excl. model data | TFLM excl. model | output |",
                "|---|---|" + "---:|".repeat(10) + "---|",
                "| ad_autoencoder_int8 | portable | 1,699,720 | 1,954,014 | 6.43 | 768 | 2,260 | 270,880 | 1,164 | 5,768 "
                        + "| 5,736 | 23,496 | exact |",
                "", "### RISC-V", "",
                "riscv32 (riscv-virt; instructions: the `minstret` counter read around `model_invoke()`), -O2:", "",
                "| model | kernels | instructions | instr/MAC | arena | weights | code | flash excl. weights "
                        + "| excl. model data | output |",
                "|---|---|" + "---:|".repeat(7) + "---|",
                "| ad_autoencoder_int8 | portable | 2,205,962 | 8.35 | 768 | 270,880 | 1,164 | 5,768 | 5,736 | exact |", "");
        assertEquals(expected, lines.subList(at + 1, at + 1 + expected.size()));
        // the riscv32 table of every figure has no TFLM column either
        String riscv = lines.stream().filter(l -> l.startsWith("| model | kernels | opt |")).toList().get(1);
        assertTrue(!riscv.contains("TFLM") && riscv.contains("| instructions | instr/MAC | arena |"), riscv);
    }

    @Test
    void withoutTflmThereIsNoSummary() {
        assertEquals("", ResultsMarkdown.summary(List.of(Fixtures.measurement("-O2", "bit-exact", null),
                Fixtures.cmsisNn("-O2", 1, null)), List.of("portable", "cmsis-nn"), MeasurementColumns.GOALS));
    }

    @Test
    void theLegendDefinesTheColumnsInTableOrder() {
        String legend = ResultsMarkdown.legend(MeasurementColumns.ALL);
        List<String> defined = legend.lines().filter(l -> l.startsWith("- **"))
                .map(l -> l.substring(4, l.indexOf("**", 4))).toList();
        assertEquals(List.of("kernels", "instructions", "instructions ÷ TFLM (< 1)", "arena", "arena ÷ TFLM (< 1)",
                "RAM", "weights", "code", "runtime", "flash excl. weights", "flash excl. model data",
                "flash excl. model data ÷ TFLM (< 0.5)",
                "flash", "output"), defined);
        assertTrue(legend.contains("- **flash excl. weights** = code + runtime: the counterpart"), legend);
        assertTrue(legend.contains("- **arena**: the planned tensor arena, CMSIS-NN's scratch buffers included"), legend);
        assertTrue(legend.contains("- **flash excl. model data ÷ TFLM (< 0.5)**: flash excl. model data ÷ TFLM's, "
                + "against TFLM with CMSIS-NN on cmsis-nn and optimized rows and\n  with its reference kernels on portable rows (-O2 "
                + "rows), rounded down: ✓ flash excl. model data under half of TFLM's flash excl. model, ✗ not.\n"),
                legend);
    }

    @Test
    void modelsNotMeasuredAreListedWithTheirReasonOnOneLine() {
        SharedModel svdf = new SharedModel("tflm-examples", "svdf_int8", Path.of("svdf_int8.tflite"));
        String md = ResultsMarkdown.render(Fixtures.results(List.of(Fixtures.measurement("-O2", "bit-exact", null)),
                List.of(new Unsupported(svdf, null, "unsupported operator SVDF\nat 1"))), MeasurementColumns.ALL);
        assertTrue(md.endsWith("\nNot measured, because tflc does not support them yet or they do not fit the board:\n\n"
                + "- `svdf_int8`: unsupported operator SVDF at 1\n"), md);
    }
}
