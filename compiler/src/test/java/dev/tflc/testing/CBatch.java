package dev.tflc.testing;

import dev.tflc.codegen.HostCompiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Several generated models, each compiled with its own {@code --prefix}, built into one C program and
 * run in one process: one compiler run and one start instead of one per model. The runtime files the
 * models share (same name, same bytes) are taken once; a model whose runtime file of some name differs
 * from the batch's does not join it ({@link #add} says so). The program reads each member's inputs from
 * standard input in member order, resets and invokes it, and writes its outputs in the same order.
 */
public final class CBatch {
    /** Files of a generated folder that a batch does not take: its own runner, reports, the manifest. */
    private static final Set<String> SKIPPED = Set.of("main.c", "report.json", "report.html", ".tflc-manifest.json");

    /** One member: its prefix, the byte sizes of its inputs and outputs. */
    public record Member(String prefix, long[] inputBytes, long[] outputBytes) {
    }

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<Member> members = new ArrayList<>();

    /**
     * Adds the generated folder {@code dir} (compiled with {@code --prefix prefix}), unless a file of
     * the same name with other contents is already in the batch; returns whether it was added.
     */
    public boolean add(Member member, Path dir) throws IOException {
        Map<String, byte[]> mine = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && !SKIPPED.contains(name) && (name.endsWith(".c") || name.endsWith(".h"))) {
                    mine.put(name, Files.readAllBytes(p));
                }
            }
        }
        for (Map.Entry<String, byte[]> e : mine.entrySet()) {
            byte[] there = files.get(e.getKey());
            if (there != null && !Arrays.equals(there, e.getValue())) {
                return false;
            }
        }
        if (!mine.containsKey(member.prefix() + ".h") || !mine.containsKey(member.prefix() + ".c")) {
            throw new IllegalArgumentException(dir + " has no " + member.prefix() + ".c and .h");
        }
        files.putAll(mine);
        members.add(member);
        return true;
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /**
     * Writes the batch into the empty folder {@code dir}, builds it with {@code cc} and {@code flags},
     * runs it on the members' inputs (one list per member, in member order) and returns each member's
     * outputs.
     */
    public List<List<byte[]>> run(Path dir, String cc, List<String> flags, List<List<byte[]>> inputs)
            throws IOException, InterruptedException {
        if (inputs.size() != members.size()) {
            throw new IllegalArgumentException(inputs.size() + " input lists for " + members.size() + " members");
        }
        write(dir);
        HostCompiler.build(dir, cc, flags);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        for (List<byte[]> list : inputs) {
            for (byte[] b : list) {
                in.write(b);
            }
        }
        byte[] out = HostCompiler.run(dir, List.of("./prog"), in.toByteArray());
        List<List<byte[]>> result = new ArrayList<>();
        int at = 0;
        for (Member m : members) {
            List<byte[]> outputs = new ArrayList<>();
            for (long n : m.outputBytes()) {
                if (at + n > out.length) {
                    throw new IllegalStateException("the batch wrote " + out.length + " bytes, fewer than its members' outputs");
                }
                outputs.add(Arrays.copyOfRange(out, at, at + (int) n));
                at += (int) n;
            }
            result.add(outputs);
        }
        if (at != out.length) {
            throw new IllegalStateException("the batch wrote " + out.length + " bytes, not its members' " + at);
        }
        return result;
    }

    /** Writes the batch's sources (its members' files and its runner, batch_main.c) into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        Files.writeString(dir.resolve("batch_main.c"), mainSource());
    }

    /** The batch's runner: a table of the members' entry points, then one loop. */
    private String mainSource() {
        StringBuilder sb = new StringBuilder();
        sb.append("/* Test batch: ").append(members.size()).append(" models in one program. */\n");
        sb.append("#include <stdio.h>\n#include <stddef.h>\n\n");
        for (Member m : members) {
            sb.append("#include \"").append(m.prefix()).append(".h\"\n");
        }
        sb.append("""

                struct member {
                    const char *name;
                    int inputs, outputs;
                    void *(*input)(int);
                    const void *(*output)(int);
                    size_t (*input_bytes)(int);
                    size_t (*output_bytes)(int);
                    void (*reset)(void);
                    int (*invoke)(void);
                };

                static const struct member members[] = {
                """);
        for (Member m : members) {
            String p = m.prefix();
            String u = p.toUpperCase(java.util.Locale.ROOT);
            sb.append(String.format("    { \"%s\", %s_INPUT_COUNT, %s_OUTPUT_COUNT, %s_input, %s_output, %s_input_bytes, "
                    + "%s_output_bytes, %s_reset, %s_invoke },%n", p, u, u, p, p, p, p, p, p));
        }
        sb.append("""
                };

                int main(void)
                {
                    size_t m;
                    int i;
                    for (m = 0; m < sizeof members / sizeof members[0]; m++) {
                        const struct member *x = &members[m];
                        for (i = 0; i < x->inputs; i++) {
                            size_t need = x->input_bytes(i);
                            if (fread(x->input(i), 1, need, stdin) != need) {
                                fprintf(stderr, "%s: input %d needs %lu bytes\\n", x->name, i, (unsigned long)need);
                                return 2;
                            }
                        }
                        x->reset();
                        if (x->invoke() != 0) {
                            fprintf(stderr, "%s: invoke failed\\n", x->name);
                            return 1;
                        }
                        for (i = 0; i < x->outputs; i++) {
                            size_t n = x->output_bytes(i);
                            if (fwrite(x->output(i), 1, n, stdout) != n) {
                                return 1;
                            }
                        }
                    }
                    if (getchar() != EOF) {
                        fprintf(stderr, "batch: more input than the members' inputs take\\n");
                        return 2;
                    }
                    return fflush(stdout) == 0 ? 0 : 1;
                }
                """);
        return sb.toString();
    }
}
