package dev.tflc.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A GNU ld link map's input sections summed by origin and {@link SectionGroup}. A model section
 * {@code .rodata.NAME} (or RISC-V's {@code .srodata.NAME}, AVR's {@code .progmem.data.NAME} and
 * {@code .progmemx.data.NAME}) whose NAME is one of the model's weight arrays counts as weights;
 * members of the kernel set's libraries (libcmsis-nn.a) are told from the other libraries.
 */
final class LinkMap {
    /** Where an input section comes from. */
    enum Origin {
        /** the generated folder's objects (build/obj/model/) */
        MODEL,
        /** the board runner, startup, semihosting and timer (build/obj/board/) */
        BOARD,
        /** the kernel set's static libraries (CMSIS-NN's libcmsis-nn.a), as linked */
        KERNEL_LIBRARY,
        /** libc, libm, libgcc and anything else */
        LIBRARY
    }

    private final Map<Origin, Map<SectionGroup, Long>> bytes;

    private LinkMap(Map<Origin, Map<SectionGroup, Long>> bytes) {
        this.bytes = bytes;
    }

    /**
     * Reads {@code build/firmware.map}, whose objects are in {@code build/obj/{model,board}/};
     * {@code kernelLibraries} as given to the linker.
     */
    static LinkMap read(Path build, Set<String> weightArrays, List<Path> kernelLibraries) throws IOException {
        Path map = build.resolve("firmware.map");
        return parse(Files.readAllLines(map), build.resolve("obj").toRealPath(), weightArrays, kernelLibraries,
                map.toString());
    }

    static LinkMap parse(List<String> lines, Path objects, Set<String> weightArrays, List<Path> kernelLibraries,
            String name) {
        Map<Origin, Map<SectionGroup, Long>> bytes = new EnumMap<>(Origin.class);
        for (Origin o : Origin.values()) {
            Map<SectionGroup, Long> groups = new EnumMap<>(SectionGroup.class);
            for (SectionGroup g : SectionGroup.values()) {
                groups.put(g, 0L);
            }
            bytes.put(o, groups);
        }
        String modelDir = objects.resolve("model") + File.separator;
        String boardDir = objects.resolve("board") + File.separator;
        // an archive member is "path/libx.a(member.o)", the path as the linker was given it
        List<String> kernelMembers = kernelLibraries.stream().map(lib -> lib + "(").toList();
        boolean started = false;
        SectionGroup output = null;
        String pending = null;
        for (String line : lines) {
            if (!started) {
                started = line.startsWith("Linker script and memory map");
                continue;
            }
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                output = SectionGroup.of(line.split("\\s+")[0]);
                pending = null;
                continue;
            }
            // an input section: " .text.name 0xADDR 0xSIZE file", possibly split after the name
            String[] f = line.trim().split("\\s+");
            String section;
            int at;
            boolean inputSection = line.matches("^ [.A-Za-z_].*");
            if (inputSection && f.length == 1) {
                pending = f[0];
                continue;
            } else if (inputSection && f.length >= 4 && f[1].startsWith("0x") && f[2].startsWith("0x")) {
                section = f[0];
                at = 1;
            } else if (pending != null && f.length >= 3 && f[0].startsWith("0x") && f[1].startsWith("0x")) {
                section = pending;
                at = 0;
            } else {
                pending = null;
                continue;
            }
            pending = null;
            if (output == null) {
                continue;
            }
            long size = Long.parseLong(f[at + 1].substring(2), 16);
            String file = String.join(" ", Arrays.copyOfRange(f, at + 2, f.length));
            Origin origin = file.startsWith(modelDir) ? Origin.MODEL
                    : file.startsWith(boardDir) ? Origin.BOARD
                    : kernelMembers.stream().anyMatch(file::startsWith) ? Origin.KERNEL_LIBRARY : Origin.LIBRARY;
            SectionGroup group = output;
            String constant = constant(section);
            if (origin == Origin.MODEL && (group == SectionGroup.RODATA || group == SectionGroup.TEXT)
                    && constant != null && weightArrays.contains(constant)) {
                group = SectionGroup.WEIGHTS;
            }
            bytes.get(origin).merge(group, size, Long::sum);
        }
        if (!started) {
            throw new BenchFailure(name + " is not a GNU ld map (no memory map)");
        }
        return new LinkMap(bytes);
    }

    /**
     * The constant a section {@code .rodata.NAME} holds, or {@code .srodata.NAME}: RISC-V's small read-only
     * data, where gcc puts constants of up to 8 bytes (a one-unit layer's bias); or AVR's program-memory
     * constants, {@code .progmem.data.NAME} ({@code __flash}) and {@code .progmemx.data.NAME}
     * ({@code __memx}), which its link script places in {@code .text}; else null.
     */
    private static String constant(String section) {
        for (String prefix : List.of(".rodata.", ".srodata.", ".progmem.data.", ".progmemx.data.")) {
            if (section.startsWith(prefix)) {
                return section.substring(prefix.length());
            }
        }
        return null;
    }

    long get(Origin origin, SectionGroup group) {
        return bytes.get(origin).get(group);
    }

    /** What this origin puts in flash besides weights: text + rodata + data. */
    long code(Origin origin) {
        return get(origin, SectionGroup.TEXT) + get(origin, SectionGroup.RODATA) + get(origin, SectionGroup.DATA);
    }
}
