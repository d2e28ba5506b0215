package dev.tflc.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the board runner's firmware reports for one inference: executed instructions (QEMU
 * {@code -icount shift=0}, from a timer read around {@code model_invoke()}), exact to within
 * {@code resolution} instructions, and the stack's high-water mark in bytes.
 */
record InstructionCount(long instructions, double resolution, long stackBytes) {
    private static final Pattern LINE = Pattern.compile(
            "tflc: instructions=(\\d+) resolution=([0-9.]+) .*?stack=(\\d+)");

    /** The count in a run's log ({@code tflc: instructions=N resolution=R ... stack=S ...}), if any. */
    static Optional<InstructionCount> parse(String log) {
        Matcher m = LINE.matcher(log);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new InstructionCount(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                Long.parseLong(m.group(3))));
    }
}
