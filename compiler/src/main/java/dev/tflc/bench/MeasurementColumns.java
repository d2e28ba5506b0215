package dev.tflc.bench;

import dev.tflc.lower.Goal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The columns of the benchmark's results, in table order: what the Markdown table shows (with the
 * legend's definitions) and what each row of results.json holds. A new figure is one more entry
 * here, plus its field in {@link Measurement}.
 */
final class MeasurementColumns {
    private MeasurementColumns() {
    }

    /** What each row is measured against, in {@code vs_tflm} of results.json and in the table's summary. */
    static final TflmGoal FEWER_INSTRUCTIONS = new TflmGoal("instructions", "instructions",
            "fewer instructions than TFLM", r -> r.count().instructions(), TflmRun::invokeInstructions, 1);
    static final TflmGoal SMALLER_ARENA = new TflmGoal("arena_bytes", "arena", "arena smaller than TFLM's",
            Measurement::arenaBytes, TflmRun::arenaUsedBytes, 1);
    static final TflmGoal HALF_THE_FLASH = new TflmGoal("flash_excl_model_data", "flash excl. model data",
            "flash excl. model data under half of TFLM's flash excl. model", r -> r.flash().exclModelData(),
            TflmRun::flashExclModelBytes, 0.5);
    static final List<TflmGoal> GOALS = List.of(FEWER_INSTRUCTIONS, SMALLER_ARENA, HALF_THE_FLASH);

    static final List<Column<Measurement>> ALL = List.of(
            Column.text("model", "model", r -> r.model().name()),
            Column.jsonOnly("suite", r -> r.model().suite()),
            Column.jsonOnly("target", Measurement::target),
            Column.jsonOnly("board", Measurement::board),
            Column.<Measurement>of("kernels", false, MeasurementColumns::kernels, "kernels", Measurement::kernels)
                    .definedAs("""
                    the kernel set tflc prefers: portable (its own C), optimized (its own C specialised per
                      layer) or cmsis-nn (calls into CMSIS-NN, whose library is built once by CMSIS-NN's own
                      build, at its own flags whatever the row's opt); "(n/m layers)" when the set runs only n
                      of the m layers, portable the others; "--optimize size" when compiled for size (a shared
                      kernel for every layer; such rows are held to the speed row, not to TFLM)."""),
            Column.jsonOnly("optimize", r -> r.goal().label()),
            Column.jsonOnly("layers_by_kernel_set", Measurement::layers),
            Column.text("opt", "opt", Measurement::opt),
            Column.<Measurement>count("MACs", "macs", Measurement::macs),
            Column.<Measurement>count("instructions", "instructions", r -> r.count().instructions()).definedAs("""
                    executed instructions per inference, counted around `model_invoke()`: on Cortex-M
                      boards QEMU `-icount shift=0` and a timer, on RISC-V the `minstret` counter, on AVR QEMU's
                      execution log (targets/README.md); instructions, not cycles. TFLM: one `Invoke()`."""),
            Column.jsonOnly("instruction_resolution", r -> r.count().resolution()),
            tflm("TFLM instructions", TflmRun::invokeInstructions),
            goal(FEWER_INSTRUCTIONS),
            Column.of("instr/MAC", true,
                    r -> r.macs() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", r.instructionsPerMac()),
                    "instructions_per_mac", r -> r.macs() == 0 ? null : Math.round(r.instructionsPerMac() * 1000) / 1000.0),
            Column.<Measurement>count("arena", "arena_bytes", Measurement::arenaBytes).definedAs("""
                    the planned tensor arena, CMSIS-NN's scratch buffers included (report.json
                      `arena_bytes`). TFLM: `arena_used_bytes()`, its scratch buffers included."""),
            Column.jsonOnly("lower_bound_bytes", Measurement::lowerBoundBytes),
            Column.jsonOnly("stack_bytes", r -> r.count().stackBytes()),
            tflm("TFLM arena", TflmRun::arenaUsedBytes),
            goal(SMALLER_ARENA),
            Column.<Measurement>count("RAM", "ram_bytes.total", r -> r.ram().total()).definedAs("""
                    `.data` + `.bss` of the whole firmware, arena included, stack not (as TFLM's RAM data+bss)."""),
            Column.jsonOnly("ram_bytes.arena", r -> r.ram().arena()),
            Column.jsonOnly("ram_bytes.model_other", r -> r.ram().modelOther()),
            Column.jsonOnly("ram_bytes.runtime", r -> r.ram().runtime()),
            tflm("TFLM RAM", TflmRun::ramDataBssBytes),
            Column.<Measurement>count("weights", "flash_bytes.weights", r -> r.flash().weights()).definedAs("""
                    the model's constant arrays (weights and biases: the `TFLC_ALIGNED` arrays of
                      model.c), summed from their `.rodata.<name>` input sections (`.srodata.<name>` too on RISC-V,
                      `.progmem.data.<name>` and `.progmemx.data.<name>` on AVR) in the link map; always equal
                      to report.json `weight_bytes`."""),
            Column.<Measurement>count("code", "flash_bytes.code", r -> r.flash().code()).definedAs("""
                    everything else the generated folder's objects put in flash after `--gc-sections`:
                      `.text` (kernels, layer calls) and the other `.rodata`/`.data` (per-channel multipliers and
                      shifts, layer parameters, the kernel sums CMSIS-NN's MVE kernels take), plus on cmsis-nn rows
                      the members of libcmsis-nn.a that are linked; results.json splits it into `code_text` and
                      `code_constants`, and gives the library's part as `code_library`."""),
            Column.jsonOnly("flash_bytes.code_text", r -> r.flash().codeText()),
            Column.jsonOnly("flash_bytes.code_constants", r -> r.flash().codeConstants()),
            Column.jsonOnly("flash_bytes.code_library", r -> r.flash().codeLibrary()),
            Column.<Measurement>count("runtime", "flash_bytes.runtime", r -> r.flash().runtime()).definedAs("""
                    the rest of the image: the board runner and startup (`runtime_board` in
                      results.json), libc/libm/libgcc (`runtime_libraries`) and alignment."""),
            Column.jsonOnly("flash_bytes.runtime_board", r -> r.flash().board()),
            Column.jsonOnly("flash_bytes.runtime_libraries", r -> r.flash().libraries()),
            Column.<Measurement>count("flash excl. weights", "flash_bytes.excl_weights", r -> r.flash().exclWeights())
                    .definedAs("""
                    = code + runtime: the counterpart of TFLM's "flash excl. model" (its
                      interpreter, kernels, libraries and harness; its model is the whole .tflite flatbuffer, which
                      also holds the quantization parameters that are part of our code)."""),
            Column.<Measurement>count("flash excl. model data", "flash_bytes.excl_model_data",
                    r -> r.flash().exclModelData()).definedAs("""
                    = flash excl. weights minus the per-channel tables computed from the model's
                      quantization parameters (multipliers and shifts; CMSIS-NN's kernel sums on MVE): flash that
                      holds nothing of the model, like TFLM's "flash excl. model", whose .tflite holds the weights
                      and those quantization parameters."""),
            tflm("TFLM flash excl. model", TflmRun::flashExclModelBytes),
            goal(HALF_THE_FLASH),
            Column.<Measurement>count("flash", "flash_bytes.total", r -> r.flash().total()).definedAs("""
                    = `.vectors` + `.text` + `.ARM.extab`/`.ARM.exidx` + `.rodata` + `.data`
                      (`size -A` of the target's toolchain) = weights + code + runtime."""),
            tflm("TFLM flash", TflmRun::flashBytes),
            Column.<Measurement>of("output", false,
                    r -> r.output().equals(GoldenCheck.BIT_EXACT) ? "exact" : "≈", "output", Measurement::output)
                    .definedAs("""
                    exact = bit-exact with the golden output; ≈ = float output within 1e-5 relative /
                      1e-6 absolute of it."""),
            Column.<Measurement>jsonOnly("tflm_O2", Measurement::tflm).omittedFromJsonWhenNull(),
            Column.<Measurement>jsonOnly("vs_tflm.tflm_kernels",
                    r -> r.tflmCounterpart() == null ? null : TflmBaseline.kernelsFor(r.kernels()))
                    .omittedFromJsonWhenNull(),
            goalInJson(FEWER_INSTRUCTIONS),
            goalInJson(SMALLER_ARENA),
            goalInJson(HALF_THE_FLASH));

    /**
     * The footprint tables of the README, one per target family: per row the instructions, arena and
     * flash, each beside TFLM's with the same kind of kernels where the baseline has it.
     */
    static final List<Column<Measurement>> README = List.of(
            Column.text("model", "model", r -> r.model().name()),
            Column.tableOnly("kernels", false, MeasurementColumns::kernels),
            Column.<Measurement>count("instructions", "instructions", r -> r.count().instructions()),
            counterpart("TFLM", TflmRun::invokeInstructions),
            Column.tableOnly("instr/MAC", true,
                    r -> r.macs() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", r.instructionsPerMac())),
            Column.<Measurement>count("arena", "arena_bytes", Measurement::arenaBytes),
            counterpart("TFLM", TflmRun::arenaUsedBytes),
            Column.<Measurement>count("weights", "flash_bytes.weights", r -> r.flash().weights()),
            Column.<Measurement>count("code", "flash_bytes.code", r -> r.flash().code()),
            Column.<Measurement>count("flash excl. weights", "flash_bytes.excl_weights", r -> r.flash().exclWeights()),
            Column.<Measurement>count("excl. model data", "flash_bytes.excl_model_data", r -> r.flash().exclModelData()),
            counterpart("TFLM excl. model", TflmRun::flashExclModelBytes),
            Column.tableOnly("output", false, r -> r.output().equals(GoldenCheck.BIT_EXACT) ? "exact" : "≈"));

    /** Whether a column shows TFLM's figures or a comparison with them (its header names TFLM). */
    static boolean comparesWithTflm(Column<Measurement> c) {
        return c.inTable() && c.header().contains("TFLM");
    }

    /** {@code columns} without those that show TFLM's figures: for rows the baseline has nothing for. */
    static List<Column<Measurement>> withoutTflm(List<Column<Measurement>> columns) {
        return columns.stream().filter(c -> !comparesWithTflm(c)).toList();
    }

    /** TFLM's figure with the same kind of kernels as the row (its counterpart), at this opt; empty if none. */
    private static Column<Measurement> counterpart(String header, Function<TflmRun, Long> figure) {
        return Column.tableOnly(header, true, r -> {
            TflmRun t = r.tflmCounterpart();
            Long v = t == null ? null : figure.apply(t);
            return v == null ? "" : Format.count(v);
        });
    }

    /** The kernel set, and how many layers it runs when it is not all of them. */
    static String kernels(Measurement r) {
        int on = r.layersOnKernels();
        int all = r.layersRun();
        String set = r.goal() == Goal.SPEED ? r.kernels() : r.kernels() + " --optimize " + r.goal().label();
        return on == all ? set : set + " (" + on + "/" + all + " layers)";
    }

    /** TFLM's figure with reference kernels / with CMSIS-NN, on the rows that compare with TFLM's build. */
    private static Column<Measurement> tflm(String header, Function<TflmRun, Long> figure) {
        return Column.tableOnly(header + " ref / cmsis", true, r -> {
            TflmComparison t = r.tflmAtThisOpt();
            if (t != null && TflmBaseline.CMSIS.equals(TflmBaseline.kernelsFor(r.kernels()))) {
                // a cmsis-nn row compares with TFLM with CMSIS-NN only
                Long cmsis = t.cmsis() == null ? null : figure.apply(t.cmsis());
                return cmsis == null ? "" : TflmBaseline.CMSIS + " " + Format.count(cmsis);
            }
            Long ref = t == null || t.ref() == null ? null : figure.apply(t.ref());
            Long cmsis = t == null || t.cmsis() == null ? null : figure.apply(t.cmsis());
            if (ref == null && cmsis == null) {
                return "";
            }
            return (ref == null ? "-" : Format.count(ref)) + " / " + (cmsis == null ? "-" : Format.count(cmsis));
        });
    }

    /** A goal's ratio in the table, ✓ or ✗, defined in the legend. */
    private static Column<Measurement> goal(TflmGoal g) {
        return Column.tableOnly(g.header(), true, g::cell).definedAs(g.figure() + " ÷ TFLM's, against TFLM with "
                + "CMSIS-NN on cmsis-nn and optimized rows and\n  with its reference kernels on portable rows (-O2 "
                + "rows), rounded down: ✓ " + g.claim() + ", ✗ not.");
    }

    /**
     * A goal in results.json, {@code vs_tflm.<key>}: {"ratio": 0.9994, "below": 1, "met": true} (ratio
     * rounded down), left out of rows without TFLM's figure.
     */
    private static Column<Measurement> goalInJson(TflmGoal g) {
        return Column.<Measurement>jsonOnly("vs_tflm." + g.key(), r -> {
            Double ratio = g.jsonRatio(r);
            if (ratio == null) {
                return null;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ratio", ratio);
            m.put("below", g.below());
            m.put("met", g.met(r));
            return m;
        }).omittedFromJsonWhenNull();
    }
}
