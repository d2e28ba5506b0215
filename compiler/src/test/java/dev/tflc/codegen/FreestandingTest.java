package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import dev.tflc.target.Target;
import dev.tflc.testing.CBatch;
import dev.tflc.testing.CBuild;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated folder includes no standard header it does not use, so it builds where the C library is
 * small or absent: a file includes {@code <string.h>} only if it calls memcpy, memmove, memset or
 * memcmp, {@code <math.h>} only if it calls a float math function, {@code <stdio.h>} only as the
 * {@code --main} runner (which must), and every other standard header only if it uses a name the header
 * declares (but the API's header, which gives its caller {@code <stdint.h>} for the tensors' element
 * types); an integer model includes {@code <math.h>} nowhere.
 *
 * <p>And the model files (the runner left out) of every shared integer model, with the target's default
 * kernels and with the portable ones, compile freestanding: {@code -ffreestanding -nostdinc} with
 * xtensa-lx106-elf-gcc, a GCC that has no C library of its own, given only its own headers (the
 * freestanding ones: stddef.h, stdint.h, limits.h, ...) and a {@code string.h} that declares the four
 * functions GCC requires of every freestanding environment (memcpy, memmove, memset, memcmp; GCC's
 * manual, "C Language"), nothing else. The objects, linked together, then need no symbol but those four
 * and libgcc's integer helpers (xtensa's lx106 has no 64-bit multiply): no other C library function and,
 * the core having no FPU, none of libgcc's soft-float routines, which any float arithmetic would call.
 */
class FreestandingTest {
    /** Per standard header the generated code may include, the names it declares that the code may use. */
    private static final Map<String, Pattern> DECLARES = Map.of(
            "stddef.h", words("size_t|NULL|ptrdiff_t|offsetof"),
            "stdint.h", words("u?int(8|16|32|64|ptr|max)_t|U?INT(8|16|32|64|PTR|MAX)_(MAX|MIN|C)"),
            "limits.h", words("CHAR_BIT|S?CHAR_(MAX|MIN)|UCHAR_MAX|U?(SHRT|INT|LONG|LLONG)_MAX|(SHRT|INT|LONG|LLONG)_MIN"),
            "float.h", words("(FLT|DBL)_[A-Z_]+"),
            "string.h", calls("memcpy|memmove|memset|memcmp"),
            "math.h", calls("(exp|exp2|expm1|log|log2|log10|log1p|sqrt|cbrt|tanh|sinh|cosh|sin|cos|tan|atan|atan2|"
                    + "fabs|floor|ceil|round|lround|trunc|rint|lrint|nearbyint|pow|fmod|fmin|fmax|hypot|erf)f?"
                    + "|signbit|isnan|isinf|isfinite"),
            "stdio.h", words("fread|fwrite|fprintf|printf|puts|putchar|getchar|fflush|stdin|stdout|stderr|EOF"),
            "arm_acle.h", calls("__sxtb16|__sxtab16|__smlad|__smlabb|__smlatt|__smlabt|__smlatb|__ssat|__usat"),
            "arm_mve.h", calls("v(ld|st)r[bhw]q(_z)?_[su](8|16|32)|vmladavaq_[su]8|vctp(8|16|32)q|v(add|mul)q(_n)?_[su]32"));

    /** The functions GCC requires of a freestanding environment, the only ones the stub string.h declares. */
    private static final Set<String> FREESTANDING = Set.of("memcpy", "memmove", "memset", "memcmp");
    /** libgcc's integer helpers (multiply, divide, shifts, bit counts on long long): always there. */
    private static final Pattern LIBGCC_INTEGER = Pattern.compile(
            "__(mul|div|udiv|mod|umod|udivmod|ashl|ashr|lshr|clz|ctz|ffs|popcount|parity|cmp|ucmp|neg|bswap)[sdt]i[234]");

    private static final Pattern INCLUDE = Pattern.compile("(?m)^\\s*#\\s*include\\s*<([^>]+)>");

    private static Pattern words(String alternatives) {
        return Pattern.compile("\\b(" + alternatives + ")\\b");
    }

    private static Pattern calls(String alternatives) {
        return Pattern.compile("\\b(" + alternatives + ")\\s*\\(");
    }

    /** A generated folder (prefix {@code prefix}) of a shared model, and whether the model is integer-only. */
    private record Generated(String name, String prefix, Map<String, byte[]> files, boolean integer) {
    }

    private static List<Generated> generated;

    /** Every shared model compiled with --main, with the host's default kernels and with the portable ones. */
    private static synchronized List<Generated> generated() {
        if (generated == null) {
            List<Generated> out = new ArrayList<>();
            Target host = Target.load("host");
            for (Path model : SharedModels.all()) {
                Graph g = ModelReader.read(model).main();
                boolean integer = g.tensors().stream().noneMatch(t -> t.type() == TensorType.FLOAT32);
                for (String kernels : List.of(host.kernelOrder().get(0), "portable")) {
                    String prefix = "m" + out.size();
                    out.add(new Generated(SharedModels.name(model) + " (" + kernels + " kernels)", prefix,
                            CGenerator.generate(g, new CGenerator.Options(prefix, host, kernels, true,
                                    SharedModels.name(model) + ".tflite")).files(), integer));
                }
            }
            generated = List.copyOf(out);
        }
        return generated;
    }

    @Test
    void eachFileIncludesOnlyTheStandardHeadersItUses() {
        int integerFolders = 0;
        int mathFolders = 0;
        for (Generated gen : generated()) {
            Set<String> all = new TreeSet<>();
            for (Map.Entry<String, byte[]> f : gen.files().entrySet()) {
                String file = f.getKey();
                if (!file.endsWith(".c") && !file.endsWith(".h")) {
                    continue;
                }
                String text = new String(f.getValue(), StandardCharsets.UTF_8);
                String code = withoutCommentsAndStrings(text);
                Matcher m = INCLUDE.matcher(text);
                Set<String> included = new TreeSet<>();
                while (m.find()) {
                    included.add(m.group(1));
                }
                for (String h : included) {
                    if (file.equals(gen.prefix() + ".h") && h.equals("stdint.h")) {
                        continue; // the API's header gives its caller the tensors' element types
                    }
                    Pattern names = DECLARES.get(h);
                    if (names == null) {
                        fail(gen.name() + ": " + file + " includes <" + h + ">, which generated code has no use for");
                    }
                    assertTrue(names.matcher(code).find(), gen.name() + ": " + file + " includes <" + h
                            + "> but uses nothing it declares");
                }
                assertEquals(file.equals("main.c"), included.contains("stdio.h"),
                        gen.name() + ": " + file + ": <stdio.h> belongs to the runner (main.c) alone");
                all.addAll(included);
            }
            if (gen.integer()) {
                integerFolders++;
                assertFalse(all.contains("math.h") || all.contains("float.h"),
                        gen.name() + ", an integer model, includes " + all);
            } else if (all.contains("math.h")) {
                mathFolders++;
            }
        }
        // the cases the rules are about occur: integer models, and float ones that do call expf & co.
        assertTrue(integerFolders >= 16, integerFolders + " integer folders");
        assertTrue(mathFolders >= 2, mathFolders + " float folders with <math.h>");
    }

    @Test
    void integerModelsCompileFreestandingAndNeedNoLibraryFunction(@TempDir Path tmp) throws Exception {
        CBatch batch = new CBatch();
        int n = 0;
        for (Generated gen : generated()) {
            if (gen.integer()) {
                Path folder = tmp.resolve(gen.prefix());
                OutputFolder.write(folder, gen.files());
                assertTrue(batch.add(new CBatch.Member(gen.prefix(), new long[0], new long[0]), folder), gen.name());
                n++;
            }
        }
        assertTrue(n >= 16, n + " integer folders");
        Path dir = tmp.resolve("freestanding");
        batch.write(dir);
        Files.delete(dir.resolve("batch_main.c")); // the batch's own runner, hosted
        Path stubs = tmp.resolve("stubs");
        Files.createDirectories(stubs);
        Files.writeString(stubs.resolve("string.h"), """
                /* The freestanding environment GCC requires: these four functions, nothing else. */
                #include <stddef.h>
                void *memcpy(void *restrict dest, const void *restrict src, size_t n);
                void *memmove(void *dest, const void *src, size_t n);
                void *memset(void *s, int c, size_t n);
                int memcmp(const void *a, const void *b, size_t n);
                """);
        String cc = CBuild.XTENSA;
        // -O0: no call optimized away, so the symbols below are every one the code makes (CompilersAgreeTest
        // builds the same sources at -O2, for its warnings)
        List<String> flags = new ArrayList<>(CBuild.WARNINGS);
        flags.addAll(List.of("-O0", "-mlongcalls", "-ffreestanding", "-nostdinc", "-isystem", gccFile(cc, "include"), "-isystem",
                gccFile(cc, "include-fixed"), "-isystem", stubs.toString()));
        List<String> objects = HostCompiler.compile(dir, cc, flags);
        List<String> link = new ArrayList<>(List.of(cc, "-nostdlib", "-Wl,-r", "-o", "all.o"));
        link.addAll(objects);
        HostCompiler.run(dir, link, null);
        String undefined = new String(HostCompiler.run(dir, List.of("xtensa-lx106-elf-nm", "-u", "all.o"), null),
                StandardCharsets.UTF_8);
        Set<String> needed = new TreeSet<>();
        for (String line : undefined.split("\n")) {
            String[] f = line.trim().split("\\s+");
            String symbol = f[f.length - 1];
            if (!symbol.isEmpty() && !FREESTANDING.contains(symbol) && !LIBGCC_INTEGER.matcher(symbol).matches()) {
                needed.add(symbol);
            }
        }
        assertEquals(Set.of(), needed, "the integer models need more than a freestanding environment");
    }

    /** {@code cc -print-file-name=NAME}: one of the compiler's own folders. */
    private static String gccFile(String cc, String name) throws Exception {
        return new String(HostCompiler.run(Path.of("."), List.of(cc, "-print-file-name=" + name), null),
                StandardCharsets.UTF_8).strip();
    }

    /** C text with comments, string and character literals blanked, so that only code is searched. */
    static String withoutCommentsAndStrings(String c) {
        return c.replaceAll("(?s)/\\*.*?\\*/|//[^\\n]*|\"(\\\\.|[^\"\\\\\\n])*\"|'(\\\\.|[^'\\\\\\n])*'", " ");
    }
}
