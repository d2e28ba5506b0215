package dev.tflc.bench;

import dev.tflc.codegen.OutputFolder;
import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.target.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * TensorFlow Lite Micro's side of a comparison: the project's interpreter harness
 * ({@code targets/tflm/harness.cc}) built against the user's checkout into a static library beside
 * the user's libtensorflow-microlite.a, and a model folder for targets/run-on-board (model.h, the
 * .tflite bytes and the arena in model.c, the model's operators for the resolver in tflm_ops.h), so
 * that the board runner measures the interpreter as it measures tflc's code.
 */
final class TflmHarness {
    /** The model.c array holding the .tflite: counted as the image's weights. */
    static final String MODEL_ARRAY = "tflc_tflm_model";
    /** The harness's exit status when AllocateTensors fails (the arena is too small). */
    static final int ALLOCATE_FAILED = 118;
    /** The kernel-set label of the interpreter's image in messages and folders. */
    static final String LABEL = "tflm";

    private static final List<String> CXX_FLAGS = List.of("-O2", "-std=c++17", "-fno-rtti", "-fno-exceptions",
            "-fno-threadsafe-statics", "-fno-unwind-tables", "-fno-asynchronous-unwind-tables",
            "-ffunction-sections", "-fdata-sections", "-Wall", "-Wextra");

    private final TflmLibrary library;
    private final Target target;
    private final Graph graph;
    private final byte[] model;
    private final Path unit;

    /** {@code unit}: the folder of this side's files (src/, harness/, the builds). */
    TflmHarness(TflmLibrary library, Target target, Graph graph, byte[] model, Path unit) {
        this.library = library;
        this.target = target;
        this.graph = graph;
        this.model = model.clone();
        this.unit = unit;
    }

    /** The builtin operators of the model, each once, in name order. */
    static List<String> operators(Graph g) {
        Set<String> kinds = new TreeSet<>();
        for (Operator op : g.operators()) {
            kinds.add(op.kind());
        }
        return List.copyOf(kinds);
    }

    /**
     * Writes the model folder with an arena of {@code arenaBytes} and returns the image to build,
     * linked with {@code harness} (from {@link #buildHarness}) and the user's library.
     */
    CompiledModel image(SharedModel m, long arenaBytes, Path harness, long macs) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("model.h", modelHeader().getBytes(StandardCharsets.UTF_8));
        files.put("model.tflite", model);
        files.put("model.c", modelSource(unit.resolve("src/model.tflite"), model.length, arenaBytes)
                .getBytes(StandardCharsets.UTF_8));
        OutputFolder.write(unit.resolve("src"), files);
        KernelBuild build = new KernelBuild(LABEL, List.of(), List.of(harness, library.library()));
        return new CompiledModel(m, graph, target.name(), build, unit, arenaBytes, 0, model.length, 0, macs,
                Map.of(), Set.of(MODEL_ARRAY));
    }

    /**
     * Compiles the harness with arm-none-eabi-g++ for the target against the checkout's headers, with
     * the resolver registering only the model's operators, into {@code harness/libtflc-tflm-harness.a};
     * a one-line failure with the compiler's log kept otherwise.
     */
    Path buildHarness(Path root) throws IOException, InterruptedException {
        Path dir = unit.resolve("harness");
        Files.createDirectories(dir);
        Map<String, String> calls = library.resolverCalls(operators(graph));
        Files.writeString(dir.resolve("tflm_ops.h"), opsHeader(calls));
        Files.writeString(dir.resolve("model.h"), modelHeader());
        Path object = dir.resolve("harness.o");
        Path archive = dir.resolve("libtflc-tflm-harness.a");
        Path log = dir.resolve("build-log.txt");
        List<String> cmd = new ArrayList<>(List.of("arm-none-eabi-g++"));
        cmd.addAll(List.of(target.cflags().trim().split("\\s+")));
        cmd.addAll(CXX_FLAGS);
        cmd.addAll(library.defines());
        cmd.add("-I" + dir);
        cmd.add("-I" + root.resolve("targets/boards/common"));
        for (Path inc : library.includes()) {
            cmd.add("-isystem"); // its headers' own warnings are not ours
            cmd.add(inc.toString());
        }
        cmd.addAll(List.of("-c", root.resolve("targets/tflm/harness.cc").toString(), "-o", object.toString()));
        tool(cmd, log, "compiling the interpreter harness against " + library.root());
        Files.deleteIfExists(archive);
        tool(List.of("arm-none-eabi-ar", "rcs", archive.toString(), object.toString()), log,
                "archiving the interpreter harness");
        return archive;
    }

    private static void tool(List<String> cmd, Path log, String what) throws IOException, InterruptedException {
        Files.writeString(log, String.join(" ", cmd) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new BenchFailure(BenchFailure.BAD_OPTIONS, cmd.get(0) + " not found (Debian: apt-get install "
                    + "gcc-arm-none-eabi libstdc++-arm-none-eabi-newlib)");
        }
        if (!p.waitFor(BoardRunner.TIME_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new BenchFailure(what + " did not finish (log: " + log + ")");
        }
        if (p.exitValue() != 0) {
            String text = Files.readString(log);
            String error = text.lines().filter(l -> l.contains("error:")).findFirst()
                    .orElseGet(() -> BoardRunner.lastLine(text)).trim();
            String hint = error.matches(".*fatal error: c[a-z]+: No such file.*")
                    ? " (the C++ headers for arm-none-eabi-g++: Debian's libstdc++-arm-none-eabi-newlib)" : "";
            throw new BenchFailure(BenchFailure.BAD_OPTIONS, what + " failed: " + error + hint + " (log: " + log + ")");
        }
    }

    /** tflm_ops.h: how many operators the resolver holds and the calls that register them. */
    static String opsHeader(Map<String, String> calls) {
        StringBuilder h = new StringBuilder();
        h.append("/* The model's operators for TensorFlow Lite Micro's resolver (generated by tflc compare). */\n")
                .append("#define TFLC_TFLM_OP_COUNT ").append(calls.size()).append('\n')
                .append("#define TFLC_TFLM_ADD_OPS(resolver) \\\n    do { \\\n");
        for (Map.Entry<String, String> e : calls.entrySet()) {
            h.append("        if ((resolver).").append(e.getValue()).append("() != kTfLiteOk) { return -1; } /* ")
                    .append(e.getKey()).append(" */ \\\n");
        }
        return h.append("    } while (0)\n").toString();
    }

    /** model.h: the model API as tflc's generated header declares it, which the board runner calls. */
    String modelHeader() {
        return """
                /* tflc's model API, implemented by TensorFlow Lite Micro (targets/tflm/harness.cc); generated by
                 * tflc compare. */
                #ifndef MODEL_H
                #define MODEL_H

                #include <stddef.h>

                #define MODEL_INPUT_COUNT %d
                #define MODEL_OUTPUT_COUNT %d

                #ifdef __cplusplus
                extern "C" {
                #endif
                void *model_input(int index);
                const void *model_output(int index);
                size_t model_input_bytes(int index);
                size_t model_output_bytes(int index);
                int model_invoke(void);
                void model_reset(void);
                #ifdef __cplusplus
                }
                #endif

                #endif
                """.formatted(graph.inputs().size(), graph.outputs().size());
    }

    /**
     * model.c: the .tflite, used in place by the interpreter (the assembler includes {@code tflite},
     * an absolute path, so that each try of an arena compiles in no time), and its tensor arena.
     */
    static String modelSource(Path tflite, long modelBytes, long arenaBytes) {
        String path = tflite.toAbsolutePath().toString();
        if (!path.matches("[^\"\\\\\\n]+")) {
            throw new BenchFailure(BenchFailure.BAD_OPTIONS, "the work folder's path " + path
                    + " cannot be given to the assembler (a quote, backslash or line break in it)");
        }
        return """
                /* The model for TensorFlow Lite Micro (%d bytes of .tflite, model.tflite here) and its tensor
                 * arena; generated by tflc compare. */
                #include "model.h"

                extern const unsigned char %s[];
                extern unsigned char tflc_tflm_arena[];
                extern const unsigned long tflc_tflm_arena_bytes;

                /* The .tflite in a section of its own (read-only, 16-byte aligned), counted as the weights. */
                __asm__(".section .rodata.%s, \\\"a\\\", %%progbits\\n"
                        ".balign 16\\n"
                        ".global %s\\n"
                        ".type %s, %%object\\n"
                        "%s:\\n"
                        ".incbin \\\"%s\\\"\\n"
                        ".size %s, %d\\n"
                        ".previous\\n");

                unsigned char tflc_tflm_arena[%d] __attribute__((aligned(16)));
                const unsigned long tflc_tflm_arena_bytes = %dul;
                """.formatted(modelBytes, MODEL_ARRAY, MODEL_ARRAY, MODEL_ARRAY, MODEL_ARRAY, MODEL_ARRAY, path,
                MODEL_ARRAY, modelBytes, arenaBytes, arenaBytes);
    }
}
