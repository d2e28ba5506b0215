package dev.tflc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The firmware's output sections by {@link SectionGroup}, from {@code arm-none-eabi-size -A -d} (size.txt). */
record SectionSizes(Map<SectionGroup, Long> bytes) {
    SectionSizes {
        bytes = Map.copyOf(bytes);
    }

    static SectionSizes read(Path sizeTxt) throws IOException {
        return parse(Files.readAllLines(sizeTxt));
    }

    /** Lines "SECTION SIZE ADDRESS"; headers, totals and unallocated sections are passed over. */
    static SectionSizes parse(List<String> lines) {
        Map<SectionGroup, Long> bytes = new EnumMap<>(SectionGroup.class);
        for (SectionGroup g : SectionGroup.values()) {
            bytes.put(g, 0L);
        }
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[1].matches("\\d+")) {
                continue;
            }
            SectionGroup group = SectionGroup.of(f[0]);
            if (group != null) {
                bytes.merge(group, Long.parseLong(f[1]), Long::sum);
            }
        }
        return new SectionSizes(bytes);
    }

    long get(SectionGroup group) {
        return bytes.get(group);
    }

    /** text + rodata + weights + data. */
    long flash() {
        return bytes.entrySet().stream().filter(e -> e.getKey().inFlash()).mapToLong(Map.Entry::getValue).sum();
    }

    /** data + bss, stack excluded. */
    long ram() {
        return get(SectionGroup.DATA) + get(SectionGroup.BSS);
    }
}
