package dev.tflc.bench;

import dev.tflc.target.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * The families of emulated boards the benchmark runs on, each with the tools its figures depend on
 * and how its firmware counts instructions (targets/README.md).
 */
enum BoardFamily {
    CORTEX_M("Cortex-M", List.of("arm-none-eabi-gcc", "qemu-system-arm"),
            "QEMU `-icount shift=0`, a timer read around `model_invoke()`"),
    RISC_V("RISC-V", List.of("riscv64-unknown-elf-gcc", "qemu-system-riscv32"),
            "the `minstret` counter read around `model_invoke()`"),
    AVR("AVR", List.of("avr-gcc", "qemu-system-avr"),
            "QEMU's execution log, from entering `tflc_bench_begin` to entering `tflc_bench_end`");

    private final String title;
    private final List<String> tools;
    private final String counting;

    BoardFamily(String title, List<String> tools, String counting) {
        this.title = title;
        this.tools = tools;
        this.counting = counting;
    }

    String title() {
        return title;
    }

    /** How the family's firmware counts the instructions of one inference. */
    String counting() {
        return counting;
    }

    /** The family of a target's emulated board, or null when the benchmark has no board for it. */
    static BoardFamily of(String target) {
        if (!Target.NAMES.contains(target)) {
            return null;
        }
        Target t = Target.load(target);
        if (t.board().isEmpty()) {
            return null;
        }
        return t.core().startsWith("cortex-m") ? CORTEX_M : t.core().startsWith("rv32") ? RISC_V
                : t.core().startsWith("avr") ? AVR : null;
    }

    /** The benchmarkable targets, in Target.NAMES order. */
    static List<String> targets() {
        return Target.NAMES.stream().filter(t -> of(t) != null).toList();
    }

    /** The tools of the families of {@code targets}, each once, in family order. */
    static List<String> tools(List<String> targets) {
        List<String> tools = new ArrayList<>();
        for (BoardFamily f : values()) {
            if (targets.stream().anyMatch(t -> of(t) == f)) {
                tools.addAll(f.tools);
            }
        }
        return tools;
    }
}
