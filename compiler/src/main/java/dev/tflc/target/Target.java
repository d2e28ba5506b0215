package dev.tflc.target;

import dev.tflc.ir.IrException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * A compilation target, read from {@code targets/<name>.properties}: core, ISA features, compiler
 * flags, the alignment of the arena and weights, its kernel sets in order of preference, and the RAM
 * and flash of its part (0: not stated) with the stack the generated code needs at most, and whether
 * its constants live in a program memory of their own ({@code program.memory=separate}: AVR, where the
 * generated constant arrays and the kernels' constant parameters carry {@code TFLC_ROM}), the
 * largest array its C compiler takes ({@code max.array.bytes}; 0: no limit), and the bits of its C
 * compiler's {@code double} ({@code double.bits}: 64, or 32 where {@code double} is {@code float}).
 */
public record Target(String name, String core, String arch, String fpu, boolean dsp, String mve, String cflags,
        int alignment, List<String> kernelOrder, String cmsisNnCompiler, long ramBytes, long flashBytes,
        long stackEstimateBytes, String board, boolean separateProgramMemory, long maxArrayBytes, int doubleBits) {

    public static final List<String> NAMES = List.of("host", "cortex-m0plus", "cortex-m3", "cortex-m4", "cortex-m7",
            "cortex-m33", "cortex-m55", "riscv32", "atmega328p", "atmega2560");

    /** This target with the RAM and flash of the user's part where given (null: the descriptor's). */
    public Target withMemory(Long ram, Long flash) {
        return new Target(name, core, arch, fpu, dsp, mve, cflags, alignment, kernelOrder, cmsisNnCompiler,
                ram != null ? ram : ramBytes, flash != null ? flash : flashBytes, stackEstimateBytes, board,
                separateProgramMemory, maxArrayBytes, doubleBits);
    }

    public static Target load(String name) {
        if (!NAMES.contains(name)) {
            throw new IrException("unknown target '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        }
        Properties p = new Properties();
        try (InputStream in = Target.class.getResourceAsStream("/tflc/targets/" + name + ".properties")) {
            if (in == null) {
                throw new IllegalStateException("target descriptor " + name + ".properties is not on the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int alignment = Integer.parseInt(p.getProperty("alignment", "4").trim());
        if (alignment < 1 || Integer.bitCount(alignment) != 1) {
            throw new IllegalStateException("target " + name + ": alignment " + alignment + " is not a power of two");
        }
        return new Target(name, p.getProperty("core", ""), p.getProperty("arch", ""), p.getProperty("fpu", ""),
                Boolean.parseBoolean(p.getProperty("dsp", "false")), p.getProperty("mve", "none"),
                p.getProperty("cflags", "").trim(), alignment, List.of(p.getProperty("kernels.order", "portable").trim().split("\\s*,\\s*")),
                p.getProperty("cmsis-nn.compiler", "gcc").trim(), Long.parseLong(p.getProperty("ram", "0").trim()),
                Long.parseLong(p.getProperty("flash", "0").trim()),
                Long.parseLong(p.getProperty("stack.estimate", "0").trim()),
                p.getProperty("board", "").trim(), separateProgramMemory(name, p),
                Long.parseLong(p.getProperty("max.array.bytes", "0").trim()),
                Integer.parseInt(p.getProperty("double.bits", "64").trim()));
    }

    private static boolean separateProgramMemory(String name, Properties p) {
        String memory = p.getProperty("program.memory", "shared").trim();
        if (!memory.equals("shared") && !memory.equals("separate")) {
            throw new IllegalStateException("target " + name + ": program.memory is 'shared' or 'separate', not '"
                    + memory + "'");
        }
        return memory.equals("separate");
    }
}
