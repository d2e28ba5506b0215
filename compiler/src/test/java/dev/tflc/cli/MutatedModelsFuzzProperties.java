package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tflc.ir.Tensor;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.CBatch;
import dev.tflc.testing.CBuild;
import dev.tflc.testing.SharedModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.statistics.Statistics;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;

/**
 * Mutated real models never crash the compiler: every outcome is either a complete folder, or exit
 * code 2 with one {@code tflc: error: } line and no folder. Never exit code 1, never a stack trace,
 * each case within 20 seconds. Every mutant that compiles is then built and run (after each property,
 * in batches of {@value #BATCH} models per program, with gcc or clang at -O0, -O1 or -O2, always under
 * AddressSanitizer and UndefinedBehaviorSanitizer) on a random input, and its outputs must equal the
 * Java reference's: bit for bit for integers, within the float tolerance for floats. A mutant whose
 * run fails is kept under {@code target/fuzz-failures/} to reproduce it.
 */
class MutatedModelsFuzzProperties {
    private static final List<String> MODELS = List.of("tflm-examples/hello_world_int8.tflite",
            "tflm-examples/simple_add_int8.tflite", "tflm-examples/micro_speech_int8.tflite",
            "mlperf-tiny/kws_dscnn_int8.tflite", "mlperf-tiny/ad_autoencoder_int8.tflite",
            "tflm-examples/keyword_scrambled_svdf_int8.tflite");
    /** Mutants built into one program. */
    static final int BATCH = 48;
    /** Compilers and optimisation levels, taken in turn by successive batches. */
    private static final List<CBuild> BUILDS = List.of(new CBuild("gcc", "-O0", true), new CBuild("clang", "-O1", true),
            new CBuild("gcc", "-O2", true), new CBuild("clang", "-O0", true), new CBuild("gcc", "-O1", true),
            new CBuild("clang", "-O2", true));
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final AtomicInteger BATCHES = new AtomicInteger();
    private static final AtomicInteger RAN = new AtomicInteger();
    /** Mutants that compiled during the current property, built and run after it. */
    private static final List<Compiled> COMPILED = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A compiled mutant: what was done to it, its bytes, its prefix and its output folder. */
    private record Compiled(String what, byte[] bytes, String prefix, Path dir, Path out) {
    }
    private static final Map<String, byte[]> BYTES = new ConcurrentHashMap<>();
    private static final Map<String, boolean[]> WEIGHTS = new ConcurrentHashMap<>();
    /** Mutations per try: 1 in CI; the fuzz profile ({@code mvn test -Pfuzz}) raises it. */
    private static final int ROUNDS = Integer.getInteger("tflc.fuzz.rounds", 1);

    private static final int[] SPECIAL_INTS = {0, -1, 1, 2, 3, 7, 255, 65535, 1 << 16, 1 << 24, 1 << 30,
        Integer.MAX_VALUE, Integer.MIN_VALUE};

    private static byte[] model(String name) {
        return BYTES.computeIfAbsent(name, n -> SharedModels.read(SharedModels.root().resolve(n))).clone();
    }

    @Provide
    Arbitrary<String> models() {
        return Arbitraries.of(MODELS);
    }

    // ------------------------------------------------------------------ byte level

    @Property(tries = 1500, shrinking = ShrinkingMode.OFF)
    void flippedBytesAreCompiledOrRejectedCleanly(@ForAll("models") String name, @ForAll long seed) {
        for (int round = 0; round < ROUNDS; round++) {
            flippedBytesOnce(name, seed + round * 0x9E3779B97F4A7C15L);
        }
    }

    private void flippedBytesOnce(String name, long seed) {
        Random rnd = new Random(seed);
        byte[] b = model(name);
        boolean[] weights = WEIGHTS.computeIfAbsent(name, n -> weightBytes(model(n)));
        int flips = 1 + rnd.nextInt(8);
        for (int i = 0; i < flips; i++) {
            // Mostly outside the weights: a flipped weight compiles like the original, only slower.
            int at = rnd.nextInt(b.length);
            for (int retry = 0; retry < 20 && weights[at] && rnd.nextInt(10) != 0; retry++) {
                at = rnd.nextInt(b.length);
            }
            if (rnd.nextBoolean()) {
                b[at] ^= (byte) (1 << rnd.nextInt(8));
            } else {
                // Overwrite an aligned 32-bit word (offsets, lengths, indices) with an edge value.
                at = Math.min(at & ~3, b.length - 4);
                int value = rnd.nextBoolean() ? SPECIAL_INTS[rnd.nextInt(SPECIAL_INTS.length)] : rnd.nextInt();
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
            }
        }
        check("flip", b);
    }

    /** Which bytes of a model are the contents of its larger buffers (weights). */
    private static boolean[] weightBytes(byte[] bytes) {
        boolean[] inside = new boolean[bytes.length];
        Model m = Model.getRootAsModel(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        for (int i = 0; i < m.buffersLength(); i++) {
            ByteBuffer data = m.buffers(i).dataAsByteBuffer();
            if (data != null && data.remaining() > 64) {
                Arrays.fill(inside, data.position(), data.limit(), true);
            }
        }
        return inside;
    }

    @Property(tries = 400, shrinking = ShrinkingMode.OFF)
    void truncatedModelsAreRejectedCleanly(@ForAll("models") String name, @ForAll long seed) {
        for (int round = 0; round < ROUNDS; round++) {
            truncatedModelsOnce(name, seed + round * 0x9E3779B97F4A7C15L);
        }
    }

    private void truncatedModelsOnce(String name, long seed) {
        byte[] b = model(name);
        byte[] cut = Arrays.copyOf(b, new Random(seed).nextInt(b.length));
        check("truncate", cut);
    }

    // ------------------------------------------------------------------ field level

    @Property(tries = 1200, shrinking = ShrinkingMode.OFF)
    void mutatedFieldsAreCompiledOrRejectedCleanly(@ForAll("models") String name, @ForAll long seed) {
        for (int round = 0; round < ROUNDS; round++) {
            mutatedFieldsOnce(name, seed + round * 0x9E3779B97F4A7C15L);
        }
    }

    private void mutatedFieldsOnce(String name, long seed) {
        Random rnd = new Random(seed);
        ModelT m = ModelT.deserializeFromBinary(model(name));
        int mutations = 1 + rnd.nextInt(3);
        List<String> applied = new ArrayList<>();
        for (int i = 0; i < mutations; i++) {
            applied.add(mutate(m, rnd));
        }
        byte[] b;
        try {
            b = m.serializeToBinary();
        } catch (RuntimeException e) {
            Statistics.label("outcome").collect("unserializable");
            return;
        }
        Statistics.label("mutation").collect(applied.get(0));
        check("fields " + applied, b);
    }

    private static String mutate(ModelT m, Random rnd) {
        SubGraphT g = m.getSubgraphs()[0];
        TensorT[] tensors = g.getTensors();
        OperatorT[] ops = g.getOperators();
        TensorT t = tensors[rnd.nextInt(tensors.length)];
        OperatorT op = ops[rnd.nextInt(ops.length)];
        int choice = rnd.nextInt(13);
        switch (choice) {
            case 0 -> {
                int[] shape = t.getShape() == null || t.getShape().length == 0 ? new int[] {1} : t.getShape();
                shape[rnd.nextInt(shape.length)] = dimension(rnd);
                t.setShape(shape);
                return "shape";
            }
            case 1 -> {
                int[] shape = new int[rnd.nextInt(7)];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = rnd.nextInt(4) == 0 ? dimension(rnd) : 1 + rnd.nextInt(8);
                }
                t.setShape(shape);
                return "rank";
            }
            case 2 -> {
                boolean input = rnd.nextBoolean() && op.getInputs().length > 0;
                int[] slots = input ? op.getInputs() : op.getOutputs();
                slots[rnd.nextInt(slots.length)] = index(rnd, tensors.length);
                return "tensor index";
            }
            case 3 -> {
                t.setBuffer(Integer.toUnsignedLong(index(rnd, m.getBuffers().length)));
                return "buffer index";
            }
            case 4 -> {
                QuantizationParametersT q = quantization(t);
                float[] scales = q.getScale();
                float[] pick = {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.MIN_VALUE, 1e30f, rnd.nextFloat()};
                scales[rnd.nextInt(scales.length)] = pick[rnd.nextInt(pick.length)];
                q.setScale(scales);
                return "scale";
            }
            case 5 -> {
                QuantizationParametersT q = quantization(t);
                long[] zps = q.getZeroPoint() == null || q.getZeroPoint().length == 0 ? new long[1] : q.getZeroPoint();
                long[] pick = {-129, -128, 127, 128, 255, 1 << 20, Long.MIN_VALUE, Long.MAX_VALUE, rnd.nextLong()};
                zps[rnd.nextInt(zps.length)] = pick[rnd.nextInt(pick.length)];
                q.setZeroPoint(rnd.nextInt(4) == 0 ? Arrays.copyOf(zps, zps.length + 1) : zps);
                return "zero point";
            }
            case 6 -> {
                QuantizationParametersT q = quantization(t);
                q.setQuantizedDimension(rnd.nextInt(6) - 1);
                if (rnd.nextBoolean()) {
                    q.setScale(Arrays.copyOf(q.getScale(), 1 + rnd.nextInt(70)));
                }
                return "quantized dimension";
            }
            case 7 -> {
                if (rnd.nextBoolean()) {
                    op.setOpcodeIndex(Integer.toUnsignedLong(index(rnd, m.getOperatorCodes().length)));
                } else {
                    OperatorCodeT code = m.getOperatorCodes()[rnd.nextInt(m.getOperatorCodes().length)];
                    code.setBuiltinCode(rnd.nextInt(210));
                }
                return "opcode";
            }
            case 8 -> {
                mutateOptions(op, rnd);
                return "options";
            }
            case 9 -> {
                int[] in = op.getInputs();
                if (in.length > 0) {
                    int drop = rnd.nextInt(in.length);
                    int[] fewer = new int[in.length - 1];
                    for (int i = 0, j = 0; i < in.length; i++) {
                        if (i != drop) {
                            fewer[j++] = in[i];
                        }
                    }
                    op.setInputs(rnd.nextBoolean() ? fewer : new int[] {});
                }
                return "removed input";
            }
            case 10 -> {
                t.setType((byte) rnd.nextInt(20));
                return "tensor type";
            }
            case 11 -> {
                int[] io = rnd.nextBoolean() ? g.getInputs() : g.getOutputs();
                if (io.length > 0) {
                    io[rnd.nextInt(io.length)] = index(rnd, tensors.length);
                }
                return "graph input or output";
            }
            default -> {
                BufferT buf = m.getBuffers()[rnd.nextInt(m.getBuffers().length)];
                int[] data = buf.getData() == null ? new int[0] : buf.getData();
                buf.setData(Arrays.copyOf(data, data.length == 0 ? rnd.nextInt(64) : rnd.nextInt(data.length * 2)));
                return "buffer data length";
            }
        }
    }

    private static QuantizationParametersT quantization(TensorT t) {
        QuantizationParametersT q = t.getQuantization();
        if (q == null || q.getScale() == null || q.getScale().length == 0) {
            q = new QuantizationParametersT();
            q.setScale(new float[] {0.5f});
            q.setZeroPoint(new long[] {0});
            t.setQuantization(q);
        }
        return q;
    }

    private static int dimension(Random rnd) {
        int[] pick = {0, -1, -7, 1, 2, 3, 64, 65536, 1 << 20, Integer.MAX_VALUE, Integer.MIN_VALUE};
        return pick[rnd.nextInt(pick.length)];
    }

    private static int index(Random rnd, int count) {
        int[] pick = {-1, -2, count, count + 1, Integer.MAX_VALUE, Integer.MIN_VALUE};
        return rnd.nextInt(3) == 0 ? pick[rnd.nextInt(pick.length)] : rnd.nextInt(Math.max(count, 1));
    }

    /** Sets one numeric field of the operator's builtin options (stride, padding, activation...) to an edge value. */
    private static void mutateOptions(OperatorT op, Random rnd) {
        Object options = op.getBuiltinOptions() == null ? null : op.getBuiltinOptions().getValue();
        if (options == null) {
            return;
        }
        List<Method> setters = Arrays.stream(options.getClass().getMethods())
                .filter(x -> x.getName().startsWith("set") && x.getParameterCount() == 1)
                .filter(x -> List.of(int.class, byte.class, float.class, boolean.class, long.class, int[].class)
                        .contains(x.getParameterTypes()[0]))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
        if (setters.isEmpty()) {
            return;
        }
        Method set = setters.get(rnd.nextInt(setters.size()));
        int v = SPECIAL_INTS[rnd.nextInt(SPECIAL_INTS.length)];
        Class<?> type = set.getParameterTypes()[0];
        Object value = type == int.class ? (Object) v
                : type == byte.class ? (Object) (byte) (rnd.nextBoolean() ? v : rnd.nextInt(8))
                : type == float.class ? (Object) (rnd.nextBoolean() ? Float.NaN : (float) v)
                : type == long.class ? (Object) (long) v
                : type == boolean.class ? (Object) rnd.nextBoolean()
                : new int[] {v, 1 + rnd.nextInt(4), dimension(rnd)};
        try {
            set.invoke(options, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ the contract

    private static void check(String what, byte[] bytes) {
        String prefix = "fz" + PREFIXES.incrementAndGet();
        boolean kept = false;
        Path dir;
        try {
            dir = Files.createTempDirectory("tflc-fuzz-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path file = dir.resolve("m.tflite");
            Path out = dir.resolve("out");
            Files.write(file, bytes);
            long start = System.nanoTime();
            MainTest.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> MainTest.tflc(new byte[0], "compile", file.toString(), "-o", out.toString(), "--main",
                            "--prefix", prefix),
                    what);
            long millis = (System.nanoTime() - start) / 1_000_000;
            Statistics.label("tflc time").collect(millis < 10 ? "< 10 ms" : millis < 100 ? "< 100 ms"
                    : millis < 1000 ? "< 1 s" : ">= 1 s");
            assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in"), what + ": " + r.err());
            if (r.code() == 2) {
                Statistics.label("outcome").collect("rejected");
                assertTrue(r.err().startsWith("tflc: error: ") && r.err().indexOf('\n') == r.err().length() - 1,
                        what + ": " + r.err());
                assertFalse(Files.exists(out), what + ": no output folder");
                return;
            }
            assertEquals(0, r.code(), what + ": " + r.err());
            for (String f : List.of(prefix + ".h", prefix + ".c", "main.c", "report.json")) {
                assertTrue(Files.isRegularFile(out.resolve(f)), what + ": " + f);
            }
            Statistics.label("outcome").collect("compiled");
            COMPILED.add(new Compiled(what, bytes, prefix, dir, out));
            kept = true;
        } catch (IOException e) {
            fail(what + ": " + e);
        } finally {
            if (!kept) {
                dev.tflc.codegen.OutputFolder.deleteTree(dir);
            }
        }
    }

    /** Builds and runs every mutant the property compiled, against the reference on random inputs. */
    @AfterProperty
    void buildAndRunCompiledMutants() throws Exception {
        List<Compiled> all;
        synchronized (COMPILED) {
            all = new ArrayList<>(COMPILED);
            COMPILED.clear();
        }
        try {
            for (int from = 0; from < all.size();) {
                CBatch batch = new CBatch();
                List<Compiled> members = new ArrayList<>();
                int next = from;
                for (; next < all.size() && members.size() < BATCH; next++) {
                    Compiled c = all.get(next);
                    dev.tflc.ir.Graph g = ModelReader.read(c.bytes(), c.what()).main();
                    CBatch.Member m = new CBatch.Member(c.prefix(),
                            g.inputTensors().stream().mapToLong(Tensor::byteSize).toArray(),
                            g.outputTensors().stream().mapToLong(Tensor::byteSize).toArray());
                    if (!batch.add(m, c.out())) {
                        break;
                    }
                    members.add(c);
                }
                runBatch(batch, members);
                from = next;
            }
        } finally {
            for (Compiled c : all) {
                dev.tflc.codegen.OutputFolder.deleteTree(c.dir());
            }
        }
    }

    private static void runBatch(CBatch batch, List<Compiled> members) throws Exception {
        CBuild build = BUILDS.get(BATCHES.getAndIncrement() % BUILDS.size());
        List<List<byte[]>> inputs = new ArrayList<>();
        List<List<byte[]>> expected = new ArrayList<>();
        List<dev.tflc.ir.Graph> graphs = new ArrayList<>();
        for (Compiled c : members) {
            dev.tflc.ir.Graph g = ModelReader.read(c.bytes(), c.what()).main();
            Random rnd = new Random(Arrays.hashCode(c.bytes()));
            List<byte[]> in = new ArrayList<>();
            for (Tensor t : g.inputTensors()) {
                in.add(randomInput(t, rnd));
            }
            graphs.add(g);
            inputs.add(in);
            try {
                expected.add(dev.tflc.reference.Interpreter.run(g, in));
            } catch (RuntimeException e) {
                fail(keep(c) + ": compiled, but the reference cannot run it: " + e);
            }
        }
        Path dir = Files.createTempDirectory("tflc-fuzz-batch-");
        List<List<byte[]>> actual;
        try {
            actual = assertTimeoutPreemptively(Duration.ofSeconds(240), () -> batch.run(dir.resolve("c"),
                    build.cc(), build.flags(), inputs), "a batch of " + members.size() + " mutants with " + build);
        } catch (dev.tflc.codegen.HostCompiler.ToolException e) {
            // The tool's own report names the failing member's file (fzN.c) or prefix (fzN:).
            String report = e.getMessage().substring(e.getMessage().indexOf(" failed: ") + 1);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(fz\\d+)[.:]").matcher(report);
            String culprit = m.find() ? m.group(1) : null;
            for (Compiled c : members) {
                if (c.prefix().equals(culprit)) {
                    fail(keep(c) + ": " + report);
                }
            }
            throw e;
        } finally {
            dev.tflc.codegen.OutputFolder.deleteTree(dir);
        }
        for (int i = 0; i < members.size(); i++) {
            dev.tflc.ir.Graph g = graphs.get(i);
            for (int k = 0; k < g.outputTensors().size(); k++) {
                byte[] want = expected.get(i).get(k);
                byte[] got = actual.get(i).get(k);
                String what = members.get(i).what() + ", output " + k + " (" + build + ")";
                if (g.outputTensors().get(k).type() == dev.tflc.ir.TensorType.FLOAT32) {
                    String mismatch = dev.tflc.testing.Outputs.floatMismatch(want, got);
                    if (mismatch != null) {
                        fail(keep(members.get(i)) + ": " + what + ": " + mismatch);
                    }
                } else if (!Arrays.equals(want, got)) {
                    fail(keep(members.get(i)) + ": " + what + ": generated C differs from the reference");
                }
            }
        }
        RAN.addAndGet(members.size());
        System.out.println("fuzz: " + members.size() + " compiled mutants built with " + build
                + ", run on random inputs, equal to the reference (" + RAN.get() + " so far)");
    }

    /** Random bytes for an input tensor: floats between -4 and 4, other types any bit pattern. */
    private static byte[] randomInput(Tensor t, Random rnd) {
        byte[] b = new byte[(int) t.byteSize()];
        if (t.type() == dev.tflc.ir.TensorType.FLOAT32) {
            ByteBuffer f = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            while (f.remaining() >= 4) {
                f.putFloat(rnd.nextFloat() * 8 - 4);
            }
        } else {
            rnd.nextBytes(b);
        }
        return b;
    }

    /** Saves a failing mutant under target/fuzz-failures and names the file. */
    private static String keep(Compiled c) {
        try {
            Path dir = Path.of("target", "fuzz-failures");
            Files.createDirectories(dir);
            Path file = dir.resolve(c.prefix() + ".tflite");
            Files.write(file, c.bytes());
            return c.what() + " (kept as " + file + ")";
        } catch (IOException e) {
            return c.what() + " (not kept: " + e.getMessage() + ")";
        }
    }
}
