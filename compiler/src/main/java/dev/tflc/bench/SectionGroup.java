package dev.tflc.bench;

/**
 * How the benchmark groups a firmware's allocated output sections, as targets/run-on-board does:
 * text (.vectors, .text, .ARM.extab, .ARM.exidx), rodata, weights, data and bss.
 */
enum SectionGroup {
    TEXT, RODATA, WEIGHTS, DATA, BSS;

    /** The group of an allocated output section, or null for anything else (stack, debug, attributes). */
    static SectionGroup of(String outputSection) {
        return switch (outputSection) {
            case ".vectors", ".text", ".ARM.extab", ".ARM.exidx" -> TEXT;
            case ".rodata" -> RODATA;
            case ".weights" -> WEIGHTS;
            case ".data" -> DATA;
            case ".bss" -> BSS;
            default -> null;
        };
    }

    /** Whether the group's bytes are in flash (all but bss). */
    boolean inFlash() {
        return this != BSS;
    }
}
