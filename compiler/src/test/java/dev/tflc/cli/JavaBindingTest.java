package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.codegen.CGenerator;
import dev.tflc.codegen.HostCompiler;
import dev.tflc.codegen.JavaBinding;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.ir.Graph;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.SvdfKind;
import dev.tflc.testing.RandomModels.SvdfSpec;
import dev.tflc.testing.SeanetCsv;
import dev.tflc.testing.SharedModels;
import dev.tflc.target.Target;
import dev.tflc.tflite.ModelReader;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.lite.schema.ActivationFunctionType;

/**
 * {@code compile --java}: the generated class, compiled with the JDK's compiler (lint and doclint as
 * errors) and loaded in its own class loader, and its JNI glue, built with the exact command its
 * comment gives plus the strict warning flags, run the shared models' golden inputs and give the
 * golden outputs of TensorFlow Lite Micro (TensorFlow Lite for the float model).
 */
class JavaBindingTest {
    private static Path model(String name) {
        return SharedModels.root().resolve(name);
    }

    /** The binding of {@code model} compiled into {@code dir} (package {@code pkg}), loaded and ready. */
    record Binding(Path dir, Class<?> cls) {
        Object call(String method, Object... args) throws Throwable {
            for (Method m : cls.getMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                    try {
                        return m.invoke(null, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
            throw new AssertionError("no method " + method + " with " + args.length + " parameters");
        }

        Object constant(String name) throws ReflectiveOperationException {
            return cls.getField(name).get(null);
        }
    }

    /** Compiles {@code model} with {@code tflc compile --java pkg} into {@code dir}, then {@link #build}s it. */
    private static Binding compile(Path model, Path dir, String pkg) throws Exception {
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", model.toString(), "-o", dir.toString(), "--java", pkg);
        assertEquals(0, r.code(), r.err());
        String manifest = Files.readString(dir.resolve(OutputFolder.MANIFEST));
        assertTrue(manifest.contains("\"java/" + pkg.replace('.', '/') + "/Model.java\"")
                && manifest.contains("\"java/model_jni.c\""), "the manifest lists the binding's files: " + manifest);
        return build(dir, pkg);
    }

    /** Writes the files of {@code g} with a binding in {@code pkg} into {@code dir}, then {@link #build}s it. */
    static Binding compile(Graph g, Path dir, String pkg) throws Exception {
        OutputFolder.write(dir, CGenerator.generate(g, new CGenerator.Options("model", Target.load("host"), null,
                false, g.name(), "plain", pkg)).files());
        return build(dir, pkg);
    }

    /** Builds the native library and the class of the binding in {@code dir}, loads the class on its own. */
    private static Binding build(Path dir, String pkg) throws Exception {
        buildLibrary(dir, dir.resolve("java/" + pkg.replace('.', '/') + "/Model.java"));
        return load(dir, pkg);
    }

    /** Compiles the binding's class in {@code dir} and loads it in a class loader of its own. */
    private static Binding load(Path dir, String pkg) throws Exception {
        Path source = dir.resolve("java/" + pkg.replace('.', '/') + "/Model.java");
        Path classes = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "-Xlint:all", "-Xdoclint:all/protected", "-Werror", "-d",
                classes.toString(), source.toString());
        assertEquals(0, code, "javac of the generated class");
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
        return new Binding(dir, Class.forName(pkg + ".Model", true, loader));
    }

    /** Runs the build command the glue's comment states, from the output folder, with the strict flags. */
    private static void buildLibrary(Path dir, Path source) throws IOException, InterruptedException {
        String glue = Files.readString(dir.resolve("java/model_jni.c"));
        Matcher m = Pattern.compile("\\n \\*     (gcc [^\\n]*)\\n").matcher(glue);
        assertTrue(m.find(), "the glue states its build command");
        String command = m.group(1);
        String javadoc = Files.readString(source);
        assertTrue(javadoc.contains(command.replace("<", "&lt;").replace(">", "&gt;")),
                "the class comment states the same command");
        String javaHome = System.getProperty("java.home");
        HostCompiler.run(dir, List.of("sh", "-c", "JAVA_HOME='" + javaHome + "' && export JAVA_HOME && " + command
                + " " + String.join(" ", HostCompiler.FLAGS)), null);
    }

    /** Bytes per element of a Java array of {@code element}s. */
    private static int size(Class<?> element) {
        return element == byte.class ? 1 : element == short.class ? 2 : element == long.class ? 8 : 4;
    }

    /** A Java array of tensor values (byte[], short[], int[], long[], float[]) as raw little-endian bytes. */
    static byte[] littleEndian(Object array) {
        Class<?> e = array.getClass().getComponentType();
        ByteBuffer buf = ByteBuffer.allocate(Array.getLength(array) * size(e)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < Array.getLength(array); i++) {
            Object v = Array.get(array, i);
            switch (e.getName()) {
                case "byte" -> buf.put((Byte) v);
                case "short" -> buf.putShort((Short) v);
                case "int" -> buf.putInt((Integer) v);
                case "long" -> buf.putLong((Long) v);
                case "float" -> buf.putFloat((Float) v);
                default -> throw new AssertionError("unexpected array " + array.getClass());
            }
        }
        return buf.array();
    }

    /** Raw little-endian tensor bytes as a Java array of {@code arrayType} (byte[], short[], ...). */
    static Object typed(byte[] raw, Class<?> arrayType) {
        Class<?> e = arrayType.getComponentType();
        ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        Object array = Array.newInstance(e, raw.length / size(e));
        for (int i = 0; i < Array.getLength(array); i++) {
            Array.set(array, i, switch (e.getName()) {
                case "byte" -> buf.get();
                case "short" -> buf.getShort();
                case "int" -> buf.getInt();
                case "long" -> buf.getLong();
                case "float" -> buf.getFloat();
                default -> throw new AssertionError("unexpected array type " + arrayType);
            });
        }
        return array;
    }

    @Test
    void int8ModelGivesTheGoldenOutputAndRefusesMisuse(@TempDir Path tmp) throws Throwable {
        Path kws = model("mlperf-tiny/kws_dscnn_int8.tflite");
        Binding b = compile(kws, tmp.resolve("kws"), "com.example.kws");
        byte[] input = SharedModels.goldenInput(kws);

        IllegalStateException notLoaded = assertThrows(IllegalStateException.class, () -> b.call("invoke", input));
        assertTrue(notLoaded.getMessage().contains("not loaded") && notLoaded.getMessage().contains("Model.load")
                && notLoaded.getMessage().contains("-Dcom.example.kws.Model.library="), notLoaded.getMessage());

        b.call("load", b.dir().resolve("libmodel.so"));
        assertArrayEquals(SharedModels.goldenOutput(kws), (byte[]) b.call("invoke", input));

        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> b.call("invoke", (Object) new byte[input.length - 1]));
        assertEquals("input 0 ('input_1', int8 1x49x10x1) takes 490 values, not 489", wrong.getMessage());

        assertEquals(490, b.constant("INPUT0_ELEMENTS"));
        assertEquals("int8", b.constant("INPUT0_TYPE"));
        assertEquals(83, b.constant("INPUT0_ZERO_POINT"));
        assertEquals(1 / 256f, b.constant("OUTPUT0_SCALE"));
        assertArrayEquals(new int[] {1, 49, 10, 1}, (int[]) b.call("input0Shape"));
        // the C folder itself still builds with nothing but its own files
        assertFalse(Files.list(b.dir()).anyMatch(p -> p.getFileName().toString().endsWith("_jni.c")));
    }

    @Test
    void floatModelGivesTheGoldenOutput(@TempDir Path tmp) throws Throwable {
        Path hello = model("tflm-examples/hello_world_float.tflite");
        Binding b = compile(hello, tmp.resolve("hello"), "org.example.sine_wave");
        b.call("load", b.dir().resolve("libmodel.so"));
        Object input = typed(SharedModels.goldenInput(hello), float[].class);
        byte[] actual = littleEndian(b.call("invoke", input));
        assertNull(Outputs.floatMismatch(SharedModels.goldenOutput(hello), actual));
    }

    /**
     * keyword_scrambled_svdf_int8 with each SVDF layer's output added before the model's own as graph
     * outputs (several outputs: a record): the first invocation gives TensorFlow Lite Micro's golden
     * output, as does the golden input again after nine more invocations and {@code reset()}; every
     * invocation matches the Java reference's in sequence, output by output.
     */
    @Test
    void statefulModelGivesTheGoldenOutputAgainAfterReset(@TempDir Path tmp) throws Throwable {
        Path keyword = model("tflm-examples/keyword_scrambled_svdf_int8.tflite");
        Graph g = ModelReader.read(keyword).main();
        List<Integer> outputs = new ArrayList<>();
        g.operators().stream().filter(op -> op.kind().equals("SVDF")).forEach(op -> outputs.add(op.output(0)));
        outputs.addAll(g.outputs());
        Graph svdf = new Graph(g.name(), g.tensors(), g.operators(), g.inputs(), outputs);
        Binding b = compile(svdf, tmp.resolve("keyword"), "com.example.keyword");
        b.call("load", b.dir().resolve("libmodel.so"));
        byte[] goldenRaw = SharedModels.goldenInput(keyword);
        short[] golden = (short[]) typed(goldenRaw, short[].class);
        // then nine moderate inputs (about -2.6 to 2.6), then the golden input again after a reset
        Random rnd = new Random(7);
        List<short[]> inputs = new ArrayList<>(List.of(golden));
        List<List<byte[]>> raw = new ArrayList<>(List.of(List.of(goldenRaw)));
        for (int k = 1; k < 10; k++) {
            short[] in = new short[golden.length];
            ByteBuffer bytes = ByteBuffer.allocate(in.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < in.length; i++) {
                in[i] = (short) (rnd.nextInt(8192) - 4096);
                bytes.putShort(in[i]);
            }
            inputs.add(in);
            raw.add(List.of(bytes.array()));
        }
        List<List<byte[]>> sequence = Interpreter.runSequence(svdf, raw);
        int last = outputs.size() - 1;
        List<byte[]> first = null;
        for (int k = 0; k < inputs.size(); k++) {
            List<byte[]> actual = outputs(b.call("invoke", (Object) inputs.get(k)));
            for (int o = 0; o <= last; o++) {
                assertArrayEquals(sequence.get(k).get(o), actual.get(o), "invocation " + k + ", output " + o);
            }
            first = first == null ? actual : first;
        }
        assertArrayEquals(SharedModels.goldenOutput(keyword), first.get(last), "first invocation");
        b.call("reset");
        List<byte[]> again = outputs(b.call("invoke", (Object) golden));
        for (int o = 0; o <= last; o++) {
            assertArrayEquals(first.get(o), again.get(o), "invocation after reset, output " + o);
        }
    }

    /**
     * A random int8 SVDF model whose outputs spread over many steps (the keyword model's saturate
     * whatever the state): after nine invocations the tenth input gives other outputs than it does
     * after {@code reset()}; each invocation matches the Java reference's (in sequence, resp. alone).
     */
    @Test
    void stateCarriesBetweenInvocationsUntilReset(@TempDir Path tmp) throws Throwable {
        Case c = RandomModels.svdf(7, new SvdfSpec(2, 8, 4, 2, 4, SvdfKind.INT8_STATE8, ActivationFunctionType.NONE));
        Graph g = ModelReader.read(c.model(), c.description()).main();
        Binding b = compile(g, tmp.resolve("svdf"), "com.example.svdf");
        b.call("load", b.dir().resolve("libmodel.so"));
        Random rnd = new Random(3);
        List<List<byte[]>> inputs = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            byte[] in = new byte[c.inputs().get(0).length];
            rnd.nextBytes(in);
            inputs.add(List.of(in));
        }
        List<List<byte[]>> sequence = Interpreter.runSequence(g, inputs);
        for (int k = 0; k < inputs.size(); k++) {
            assertArrayEquals(sequence.get(k).get(0), (byte[]) b.call("invoke", (Object) inputs.get(k).get(0)),
                    "invocation " + k);
        }
        b.call("reset");
        byte[] fresh = (byte[]) b.call("invoke", (Object) inputs.get(9).get(0));
        assertArrayEquals(Interpreter.run(g, inputs.get(9)).get(0), fresh, "invocation after reset");
        assertFalse(Arrays.equals(sequence.get(9).get(0), fresh), "without the reset, the state changes the outputs");
    }

    /** The arrays of an {@code Outputs} record, as raw little-endian bytes, in component order. */
    static List<byte[]> outputs(Object record) throws ReflectiveOperationException {
        List<byte[]> out = new ArrayList<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            assertEquals("output" + out.size(), c.getName());
            out.add(littleEndian(c.getAccessor().invoke(record)));
        }
        return out;
    }

    /**
     * seanet's transpose_conv1 takes its output shape as an int32 input beside an int16 one: with the
     * model's shape it gives the golden output; with another, the operator's run-time refusal
     * ({@code model_invoke()} returning 1 + its index) is an IllegalStateException naming operator 0.
     */
    @Test
    void runTimeRefusalIsAnExceptionNamingTheOperator(@TempDir Path tmp) throws Throwable {
        Path model = model("seanet-ops/transpose_conv/transpose_conv1.tflite");
        Binding b = compile(ModelReader.read(model).main(), tmp.resolve("tc"), "com.example.seanet");
        b.call("load", b.dir().resolve("libmodel.so"));
        List<byte[]> inputs = SeanetCsv.inputs(model);
        int[] shape = (int[]) typed(inputs.get(0), int[].class);
        Object values = typed(inputs.get(1), short[].class);
        assertArrayEquals(SeanetCsv.golden(model), littleEndian(b.call("invoke", shape, values)));
        shape[2]++;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.call("invoke", shape, values));
        assertTrue(e.getMessage().contains("operator 0 refused its inputs"), e.getMessage());
    }

    /** With {@code --format cmake}, CMake builds the native library too, given the JDK. */
    @Test
    void cmakeBuildsTheNativeLibrary(@TempDir Path tmp) throws Throwable {
        Path hello = model("tflm-examples/hello_world_int8.tflite");
        Path dir = tmp.resolve("hello");
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", hello.toString(), "-o", dir.toString(),
                "--java", "com.example.cmake", "--format", "cmake");
        assertEquals(0, r.code(), r.err());
        HostCompiler.run(dir, List.of("cmake", "-S", ".", "-B", "build", "-DJAVA_HOME=" + System.getProperty("java.home"),
                "-DCMAKE_C_FLAGS=" + String.join(" ", HostCompiler.FLAGS)), null);
        HostCompiler.run(dir, List.of("cmake", "--build", "build"), null);
        Binding b = load(dir, "com.example.cmake");
        b.call("load", dir.resolve("build/libmodel.so"));
        assertArrayEquals(SharedModels.goldenOutput(hello), (byte[]) b.call("invoke", SharedModels.goldenInput(hello)));
    }

    /** The binding's files follow the output folder's rules: an edited class is kept, stale files go. */
    @Test
    void theBindingsFilesFollowTheOutputFolderRules(@TempDir Path tmp) throws Exception {
        String hello = model("tflm-examples/hello_world_int8.tflite").toString();
        Path dir = tmp.resolve("hello");
        assertEquals(0, MainTest.tflc(new byte[0], "compile", hello, "-o", dir.toString(), "--java", "com.example.hw")
                .code());
        Path cls = dir.resolve("java/com/example/hw/Model.java");
        Files.writeString(cls, Files.readString(cls) + "// edited\n");
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", hello, "-o", dir.toString(), "--java", "com.example.hw");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Model.java") && r.err().contains("edited"), r.err());
        assertTrue(Files.readString(cls).endsWith("// edited\n"));
        Files.delete(cls);
        assertEquals(0, MainTest.tflc(new byte[0], "compile", hello, "-o", dir.toString()).code());
        assertFalse(Files.exists(dir.resolve("java")), "the binding's files and folders, no longer written, are removed");
    }

    /** With {@code --format make}, the fragment names the glue and its flags for the user's own rule. */
    @Test
    void makeFragmentNamesTheGlueForTheUsersRule(@TempDir Path tmp) throws Throwable {
        Path hello = model("tflm-examples/hello_world_int8.tflite");
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", hello.toString(), "-o", tmp.resolve("hello").toString(),
                "--java", "com.example.make", "--format", "make");
        assertEquals(0, r.code(), r.err());
        Files.writeString(tmp.resolve("Makefile"), """
                include hello/model.mk
                CFLAGS += $(MODEL_CFLAGS) %s
                libmodel.so: $(MODEL_JNI_SRCS) $(MODEL_SRCS)
                \t$(CC) -shared -fPIC $(CFLAGS) $(MODEL_JNI_CFLAGS) -o $@ $^ $(MODEL_LDLIBS)
                """.formatted(String.join(" ", HostCompiler.FLAGS)));
        HostCompiler.run(tmp, List.of("make", "libmodel.so", "JAVA_HOME=" + System.getProperty("java.home")), null);
        Binding b = load(tmp.resolve("hello"), "com.example.make");
        b.call("load", tmp.resolve("libmodel.so"));
        assertArrayEquals(SharedModels.goldenOutput(hello), (byte[]) b.call("invoke", SharedModels.goldenInput(hello)));
    }

    @Test
    void aBadPackageNameIsAOneLineError(@TempDir Path tmp) throws Exception {
        for (String bad : List.of("com.example.class", "1kws", "com..kws", "java.kws", "com-example")) {
            MainTest.Result r = MainTest.tflc(new byte[0], "compile",
                    model("tflm-examples/hello_world_int8.tflite").toString(), "-o", tmp.resolve("x").toString(),
                    "--java", bad);
            assertEquals(2, r.code(), bad);
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("'" + bad + "'") && r.err().contains("--java"), r.err());
            assertFalse(Files.exists(tmp.resolve("x")), "nothing written for " + bad);
        }
    }

    /**
     * A package beyond ASCII: the class is written in ASCII (Unicode escapes, so javac reads it in any
     * default encoding), and the glue's functions carry JNI's mangled names, worked out by hand from the
     * JNI specification ('.' to '_', U+00E4 to "_000e4", ...).
     */
    @Test
    void packageNamesBeyondAsciiAreEscapedAndMangled() {
        Graph g = ModelReader.read(model("tflm-examples/hello_world_float.tflite")).main();
        Map<String, byte[]> files = CGenerator.generate(g, new CGenerator.Options("model", Target.load("host"), null,
                false, "hello.tflite", "plain", "com.ex\u00e4mple.\u00fcn\u00ef")).files();
        byte[] java = files.get("java/com/ex\u00e4mple/\u00fcn\u00ef/Model.java");
        String text = new String(java, StandardCharsets.UTF_8);
        for (byte x : java) {
            assertTrue(x >= 0, "ASCII only");
        }
        assertTrue(text.contains("package com.ex\\u00e4mple.\\u00fcn\\u00ef;"), text);
        String glue = new String(files.get("java/model_jni.c"), StandardCharsets.UTF_8);
        assertTrue(glue.contains("JNICALL Java_com_ex_000e4mple__000fcn_000ef_Model_nativeInvoke(JNIEnv *env, jclass cls)"),
                glue);
    }

    @Test
    void classNamesComeFromThePrefix() {
        assertEquals("Model", JavaBinding.className("model"));
        assertEquals("KwsV2Model", JavaBinding.className("kws_v2_model"));
    }
}
