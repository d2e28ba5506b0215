package dev.tflc.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.Text;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * The Java binding of {@code --java PACKAGE}: a class (written with JavaPoet) that runs the generated
 * C through JNI, and the JNI glue in C (rendered from {@code templates/jni.stg}). Both go to the
 * folder's {@value #FOLDER}/ subfolder, so that the C folder itself still builds with {@code cc *.c}
 * and nothing else on the include path: the glue needs the JDK's {@code jni.h}.
 *
 * <p>The class is static, as the C model is (one arena, one state): {@code invoke} takes every input
 * as a Java array of the tensor's element type and returns the output (or, for several, a record of
 * them); {@code reset} clears the state; every method is synchronized on the class.
 */
public final class JavaBinding {
    /** The subfolder of the output folder that holds the binding. */
    public static final String FOLDER = "java";

    private JavaBinding() {
    }

    /** How one element type travels between Java and C: its array type, and JNI's names for it. */
    private record Carrier(String suffix, TypeName element, String jniType, String jniRegion) {
        /** What the glue's template needs: the method suffix, and JNI's element, array and region names. */
        Map<String, Object> names() {
            return Map.of("suffix", suffix, "type", jniType, "array", jniType + "Array", "region", jniRegion);
        }
    }

    private static final Carrier BYTES = new Carrier("Bytes", TypeName.BYTE, "jbyte", "Byte");
    private static final Carrier SHORTS = new Carrier("Shorts", TypeName.SHORT, "jshort", "Short");
    private static final Carrier INTS = new Carrier("Ints", TypeName.INT, "jint", "Int");
    private static final Carrier LONGS = new Carrier("Longs", TypeName.LONG, "jlong", "Long");
    private static final Carrier FLOATS = new Carrier("Floats", TypeName.FLOAT, "jfloat", "Float");
    private static final Carrier DOUBLES = new Carrier("Doubles", TypeName.DOUBLE, "jdouble", "Double");

    /** One input or output of the model as the binding sees it. */
    private record Port(String kind, int position, Tensor tensor, Carrier carrier) {
        String constant(String what) {
            return kind.toUpperCase(Locale.ROOT) + position + "_" + what;
        }

        String variable() {
            return kind + position;
        }

        String describe() {
            return kind + " " + position + " ('" + Text.printable(tensor.name()) + "', "
                    + tensor.type().name().toLowerCase(Locale.ROOT) + " " + tensor.shape() + ")";
        }
    }

    /** Why {@code name} cannot be the binding's package, or null when it can. */
    public static String packageProblem(String name) {
        if (name.isEmpty()) {
            return "is empty; --java needs a package name such as com.example.kws";
        }
        if (!SourceVersion.isName(name, SourceVersion.RELEASE_17)) {
            return "is not a Java package name (dot-separated Java identifiers, no keywords, e.g. com.example.kws)";
        }
        if (name.equals("java") || name.startsWith("java.")) {
            return "is in the java namespace, which only the JDK may use";
        }
        return null;
    }

    /** The class name a prefix gives: its parts between underscores, each capitalised ({@code kws_v2} -> KwsV2). */
    public static String className(String prefix) {
        StringBuilder sb = new StringBuilder();
        for (String part : prefix.split("_")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    /**
     * The binding's files for {@code g} compiled with {@code opt} (its prefix, package, source and format)
     * into a folder whose C sources are {@code cSources} (file names in the folder, main.c excluded), some
     * of whose layers call CMSIS-NN when {@code cmsisNn}: the class at java/PACKAGE-PATH/CLASS.java and
     * the glue at java/PREFIX_jni.c.
     */
    public static Map<String, byte[]> files(Graph g, CGenerator.Options opt, List<String> cSources, boolean cmsisNn) {
        String prefix = opt.prefix();
        String javaPackage = opt.javaPackage();
        String source = opt.source();
        String format = opt.format();
        List<Port> ports = new ArrayList<>();
        for (int i = 0; i < g.inputs().size(); i++) {
            ports.add(port("input", i, g.inputTensors().get(i)));
        }
        for (int i = 0; i < g.outputs().size(); i++) {
            ports.add(port("output", i, g.outputTensors().get(i)));
        }
        ClassName cls = ClassName.get(javaPackage, className(prefix));
        String glue = glueFile(prefix);
        String build = buildCommand(prefix, glue, cSources, cmsisNn);
        // the element types the inputs, and the outputs, use: one native setter, resp. getter, each
        Set<Carrier> setters = new LinkedHashSet<>();
        Set<Carrier> getters = new LinkedHashSet<>();
        ports.forEach(p -> (p.kind().equals("input") ? setters : getters).add(p.carrier()));

        Map<String, byte[]> files = new LinkedHashMap<>();
        String javaFile = FOLDER + "/" + javaPackage.replace('.', '/') + "/" + cls.simpleName() + ".java";
        files.put(javaFile, javaClass(cls, prefix, source, ports, setters, getters, build, format)
                .getBytes(StandardCharsets.UTF_8));
        files.put(glue, glue(cls, prefix, source, setters, getters, build));
        return files;
    }

    /** The JNI glue's file in the output folder. */
    public static String glueFile(String prefix) {
        return FOLDER + "/" + prefix + "_jni.c";
    }

    private static Port port(String kind, int position, Tensor t) {
        Carrier c = switch (t.type()) {
            case INT8, UINT8, BOOL -> BYTES;
            case INT16, UINT16, FLOAT16 -> SHORTS;
            case INT32, UINT32 -> INTS;
            case INT64, UINT64 -> LONGS;
            case FLOAT32 -> FLOATS;
            case FLOAT64 -> DOUBLES;
            default -> throw new IrException(kind + " " + position + " ('" + Text.printable(t.name()) + "') is "
                    + t.type() + ", which the Java binding (--java) cannot carry");
        };
        return new Port(kind, position, t, c);
    }

    /**
     * The command, run in the output folder, that builds the native library; with CMSIS-NN layers, it
     * takes CMSIS-NN's Include folder and a host build of its library from the variables the make
     * fragment names.
     */
    private static String buildCommand(String prefix, String glue, List<String> cSources, boolean cmsisNn) {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-std=c99", "-O2", "-shared", "-fPIC",
                "-I\"$JAVA_HOME/include\"", "-I\"$JAVA_HOME/include/linux\"", "-I."));
        if (cmsisNn) {
            cmd.add("-I\"$CMSIS_NN_INCLUDE\"");
        }
        cmd.add(glue);
        cmd.addAll(cSources);
        if (cmsisNn) {
            cmd.add("\"$CMSIS_NN_LIBRARY\"");
        }
        cmd.addAll(List.of("-o", "lib" + prefix + ".so", "-lm"));
        return String.join(" ", cmd);
    }

    // ---- the Java class ----

    private static String javaClass(ClassName cls, String prefix, String source, List<Port> ports,
            Set<Carrier> setters, Set<Carrier> getters, String build, String format) {
        List<Port> inputs = ports.stream().filter(p -> p.kind().equals("input")).toList();
        List<Port> outputs = ports.stream().filter(p -> p.kind().equals("output")).toList();
        String property = cls.canonicalName() + ".library";
        TypeSpec.Builder t = TypeSpec.classBuilder(cls).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("$L", classJavadoc(cls, prefix, source, inputs, outputs, build, property, format));

        t.addField(constant(String.class, "LIBRARY_PROPERTY", CodeBlock.of("$S", property),
                "The system property that may name the native library's path (read on first use)."));
        t.addField(constant(int.class, "INPUT_COUNT", CodeBlock.of("$L", inputs.size()), "The number of inputs."));
        t.addField(constant(int.class, "OUTPUT_COUNT", CodeBlock.of("$L", outputs.size()), "The number of outputs."));
        for (Port p : ports) {
            portConstants(t, p);
        }
        t.addField(FieldSpec.builder(boolean.class, "loaded", Modifier.PRIVATE, Modifier.STATIC).build());
        t.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

        t.addMethod(loadMethod(cls, prefix, ports, build));
        t.addMethod(ensureLoaded(cls, prefix, property));
        t.addMethod(invokeMethod(cls, prefix, inputs, outputs, t));
        t.addMethod(MethodSpec.methodBuilder("reset").addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.SYNCHRONIZED)
                .addJavadoc("Resets the model's variable (state) tensors, which otherwise carry over from one\n"
                        + "{@link #invoke} to the next (the first invoke after loading finds them reset):\n"
                        + "calls {@code $L_reset()}.\n\n@throws $L when the native library is not loaded\n",
                        prefix, javaLang(cls, "IllegalStateException"))
                .addStatement("ensureLoaded()").addStatement("nativeReset()").build());
        t.addMethod(lengthCheck());

        t.addMethod(nativeMethod("nativeTensorBytes", TypeName.LONG,
                ParameterSpec.builder(boolean.class, "output").build(), ParameterSpec.builder(int.class, "index").build()));
        t.addMethod(nativeMethod("nativeInvoke", TypeName.VOID));
        t.addMethod(nativeMethod("nativeReset", TypeName.VOID));
        setters.forEach(c -> t.addMethod(arrayNative("nativeSetInput" + c.suffix(), c)));
        getters.forEach(c -> t.addMethod(arrayNative("nativeGetOutput" + c.suffix(), c)));
        return asciiOnly(JavaFile.builder(cls.packageName(), t.build()).skipJavaLangImports(true).indent("    ")
                .addFileComment("$L", "Generated by tflc " + CGenerator.VERSION + " from " + javadocText(source)
                        + "; do not edit.")
                .build().toString());
    }

    /**
     * {@code source} with every character beyond ASCII written as a Unicode escape, which javac reads
     * back as that character anywhere in a source file: the file compiles whatever javac's default
     * encoding. (Every backslash already in the text is doubled, in literals by JavaPoet and in comments
     * by {@link Text#printable}, so none starts an escape by accident.)
     */
    private static String asciiOnly(String source) {
        StringBuilder sb = new StringBuilder(source.length());
        for (char c : source.toCharArray()) {
            if (c > 0x7e) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String classJavadoc(ClassName cls, String prefix, String source, List<Port> inputs,
            List<Port> outputs, String build, String property, String format) {
        String n = cls.simpleName();
        String args = inputs.stream().map(Port::variable).collect(Collectors.joining(", "));
        String call = outputs.size() == 1
                ? javaType(outputs.get(0)) + " " + outputs.get(0).variable() + " = " + n + ".invoke(" + args + ");"
                : n + "." + outputsRecord(cls).simpleName() + " out = " + n + ".invoke(" + args + ");";
        StringBuilder sb = new StringBuilder();
        sb.append(javadocText(source)).append(", compiled by tflc ").append(CGenerator.VERSION)
                .append(": the generated C (").append(prefix).append(".h) called through JNI.\n\n");
        sb.append("<p>Build the native library once, in the output folder (the folder of ").append(prefix)
                .append(".h; {@code JAVA_HOME} is the JDK's folder):\n<pre>\n").append(htmlText(build))
                .append("\n</pre>\n");
        String macro = prefix.toUpperCase(Locale.ROOT);
        if (format.equals("cmake")) {
            sb.append("The folder's CMakeLists.txt builds it too, on the host, when CMake finds the JDK (set\n")
                    .append("{@code JAVA_HOME}): lib").append(prefix).append(".so in the build folder.\n\n");
        } else if (format.equals("make")) {
            sb.append("The folder's ").append(prefix).append(".mk names the glue and its flags for a rule of yours: {@code ")
                    .append(macro).append("_JNI_SRCS} and {@code ").append(macro).append("_JNI_CFLAGS}.\n\n");
        }
        sb.append("<p>Load it before the first call: {@code ").append(n)
                .append(".load(Path.of(\"lib").append(prefix).append(".so\"))}, or start the JVM with\n")
                .append("{@code -D").append(property).append("=/path/to/lib").append(prefix)
                .append(".so}, which the first call loads. Until then every call throws an\n")
                .append("{@link " + javaLang(cls, "IllegalStateException") + "} saying so.\n\n");
        sb.append("<p>Use:\n<pre>\n").append(htmlText(call)).append("\n</pre>\n");
        sb.append("Each input is a Java array of the tensor's raw values, row-major over its shape: int8, uint8 and\n")
                .append("bool as {@code byte[]} (uint8 values read with {@link " + javaLang(cls, "Byte") + "#toUnsignedInt}), int16, uint16 and\n")
                .append("float16 (its bits) as {@code short[]}, int32 and uint32 as {@code int[]}, int64 and uint64 as\n")
                .append("{@code long[]}, float32 as {@code float[]}, float64 as {@code double[]}; outputs likewise.\n")
                .append("Quantized tensors hold quantized values: real value = SCALE * (value - ZERO_POINT), with\n")
                .append("the constants of each input and output below. A wrong length is an\n")
                .append("{@link " + javaLang(cls, "IllegalArgumentException") + "} naming the tensor.\n\n");
        sb.append("<p>Threads: the C model keeps its tensors in one static arena and its state between calls, so\n")
                .append("every method here is synchronized on this class and inferences run one at a time. Other\n")
                .append("native code in the process must not call {@code ").append(prefix).append("_*} directly.\n\n");
        sb.append("<p>Inputs:\n<ul>\n");
        inputs.forEach(p -> sb.append("<li>").append(javadocText(p.describe())).append("\n"));
        sb.append("</ul>\nOutputs:\n<ul>\n");
        outputs.forEach(p -> sb.append("<li>").append(javadocText(p.describe())).append("\n"));
        sb.append("</ul>\n");
        return sb.toString();
    }

    private static void portConstants(TypeSpec.Builder t, Port p) {
        Tensor tensor = p.tensor();
        String about = javadocText(p.describe());
        t.addField(constant(String.class, p.constant("NAME"), CodeBlock.of("$S", tensor.name()),
                "The tensor name of " + about + "."));
        t.addField(constant(String.class, p.constant("TYPE"),
                CodeBlock.of("$S", tensor.type().name().toLowerCase(Locale.ROOT)), "The element type of " + about + "."));
        t.addField(constant(int.class, p.constant("ELEMENTS"), CodeBlock.of("$L", tensor.shape().elements()),
                "The number of values of " + about + ": the length of its array."));
        t.addField(constant(int.class, p.constant("BYTES"), CodeBlock.of("$L", tensor.byteSize()),
                "The bytes of " + about + " in the C arena."));
        if (tensor.isQuantized() && !tensor.quantization().isPerChannel()) {
            t.addField(constant(float.class, p.constant("SCALE"),
                    CodeBlock.of("$L", CGenerator.floatLiteral(tensor.quantization().scale())),
                    "The quantization scale of " + about + "."));
            t.addField(constant(int.class, p.constant("ZERO_POINT"),
                    CodeBlock.of("$L", tensor.quantization().zeroPoint()), "The quantization zero point of " + about + "."));
        }
        String dims = Arrays.stream(tensor.shape().dims()).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        t.addMethod(MethodSpec.methodBuilder(p.variable() + "Shape").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(int[].class).addJavadoc("The shape of $L.\n\n@return its dimensions, outermost first, in a new array\n", about)
                .addStatement("return new int[] {$L}", dims).build());
    }

    private static FieldSpec constant(Class<?> type, String name, CodeBlock value, String doc) {
        return FieldSpec.builder(type, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL).initializer(value)
                .addJavadoc("$L\n", doc).build();
    }

    private static MethodSpec loadMethod(ClassName cls, String prefix, List<Port> ports, String build) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("load").addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.SYNCHRONIZED)
                .addParameter(Path.class, "library")
                .addJavadoc("Loads the native library built from this folder (see the class comment) and checks that it\n"
                        + "is the one of this model: its JNI glue is there and each tensor has the bytes stated here.\n"
                        + "Loading it again is harmless.\n\n"
                        + "@param library the path of lib$L.so\n"
                        + "@throws $L when the file cannot be loaded\n"
                        + "@throws $L when it is not this model's library\n", prefix,
                        javaLang(cls, "UnsatisfiedLinkError"), javaLang(cls, "IllegalStateException"))
                .addStatement("$T.requireNonNull(library, $S)", Objects.class, "library")
                .addStatement("$T.load(library.toAbsolutePath().toString())", System.class)
                .beginControlFlow("try");
        for (Port p : ports) {
            m.beginControlFlow("if (nativeTensorBytes($L, $L) != $L)", p.kind().equals("output"), p.position(),
                    p.constant("BYTES"));
            m.addStatement("throw new $T(library + $S)", IllegalStateException.class,
                    " was built from another model: its " + p.kind() + " " + p.position() + " does not have "
                            + p.tensor().byteSize() + " bytes");
            m.endControlFlow();
        }
        m.nextControlFlow("catch ($T e)", UnsatisfiedLinkError.class)
                .addStatement("throw new $T(library + $S, e)", IllegalStateException.class,
                        " has no JNI glue for " + cls.canonicalName() + "; build it as: " + build)
                .endControlFlow()
                .addStatement("loaded = true");
        return m.build();
    }

    private static MethodSpec ensureLoaded(ClassName cls, String prefix, String property) {
        return MethodSpec.methodBuilder("ensureLoaded").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .beginControlFlow("if (loaded)").addStatement("return").endControlFlow()
                .addStatement("$T path = $T.getProperty(LIBRARY_PROPERTY)", String.class, System.class)
                .beginControlFlow("if (path == null || path.isEmpty())")
                .addStatement("throw new $T($S)", IllegalStateException.class, "the native library of "
                        + cls.canonicalName() + " is not loaded: call " + cls.simpleName() + ".load(path of lib" + prefix
                        + ".so) or start the JVM with -D" + property + "=PATH (the class comment says how to build it)")
                .endControlFlow()
                .addStatement("load($T.of(path))", Path.class).build();
    }

    private static MethodSpec invokeMethod(ClassName cls, String prefix, List<Port> inputs, List<Port> outputs,
            TypeSpec.Builder t) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("invoke")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.SYNCHRONIZED);
        StringBuilder doc = new StringBuilder("Runs one inference ({@code " + prefix + "_invoke()}) on the given inputs.\n\n");
        for (Port p : inputs) {
            m.addParameter(ArrayTypeName.of(p.carrier().element()), p.variable());
            doc.append("@param ").append(p.variable()).append(" ").append(javadocText(p.describe())).append(": ")
                    .append("{@link #").append(p.constant("ELEMENTS")).append("} values\n");
        }
        ClassName record = outputsRecord(cls);
        if (outputs.size() == 1) {
            m.returns(ArrayTypeName.of(outputs.get(0).carrier().element()));
            doc.append("@return ").append(javadocText(outputs.get(0).describe())).append(", a new array\n");
        } else {
            TypeSpec.Builder r = TypeSpec.recordBuilder(record).addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addJavadoc("The outputs of one {@link #invoke}, each a new array.\n");
            MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
            for (Port p : outputs) {
                ctor.addParameter(ArrayTypeName.of(p.carrier().element()), p.variable());
                r.addJavadoc("@param $L $L\n", p.variable(), javadocText(p.describe()));
            }
            r.recordConstructor(ctor.build());
            t.addType(r.build());
            m.returns(record);
            doc.append("@return the outputs\n");
        }
        doc.append("@throws ").append(javaLang(cls, "IllegalArgumentException"))
                .append(" when an input does not have its tensor's number of values\n")
                .append("@throws ").append(javaLang(cls, "IllegalStateException"))
                .append(" when the native library is not loaded, or when an operator\n")
                .append("refuses its inputs at run time (the message names it)\n");
        m.addJavadoc("$L", doc.toString());
        for (Port p : inputs) {
            m.addStatement("checkLength($L, $L, $S)", p.variable(), p.constant("ELEMENTS"), p.describe());
        }
        m.addStatement("ensureLoaded()");
        for (Port p : inputs) {
            m.addStatement("nativeSetInput$L($L, $L)", p.carrier().suffix(), p.position(), p.variable());
        }
        m.addStatement("nativeInvoke()");
        for (Port p : outputs) {
            m.addStatement("$T $L = new $T[$L]", ArrayTypeName.of(p.carrier().element()), p.variable(),
                    p.carrier().element(), p.constant("ELEMENTS"));
            m.addStatement("nativeGetOutput$L($L, $L)", p.carrier().suffix(), p.position(), p.variable());
        }
        if (outputs.size() == 1) {
            m.addStatement("return $L", outputs.get(0).variable());
        } else {
            m.addStatement("return new $T($L)", record,
                    outputs.stream().map(Port::variable).collect(Collectors.joining(", ")));
        }
        return m.build();
    }

    /** A java.lang class for Javadoc in {@code cls}: its simple name, unless {@code cls} shadows it. */
    private static String javaLang(ClassName cls, String simpleName) {
        return cls.simpleName().equals(simpleName) ? "java.lang." + simpleName : simpleName;
    }

    /** The record of several outputs, nested in {@code cls} (a nested type may not share its class's name). */
    private static ClassName outputsRecord(ClassName cls) {
        return cls.nestedClass(cls.simpleName().equals("Outputs") ? "Result" : "Outputs");
    }

    private static MethodSpec lengthCheck() {
        return MethodSpec.methodBuilder("checkLength").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(Object.class, "values").addParameter(int.class, "elements").addParameter(String.class, "what")
                .beginControlFlow("if (values == null)")
                .addStatement("throw new $T(what + $S)", NullPointerException.class, " is null")
                .endControlFlow()
                .addStatement("int length = $T.getLength(values)", java.lang.reflect.Array.class)
                .beginControlFlow("if (length != elements)")
                .addStatement("throw new $T(what + $S + elements + $S + length)", IllegalArgumentException.class,
                        " takes ", " values, not ")
                .endControlFlow().build();
    }

    /** A native method that copies an array of {@code c}'s elements to or from tensor {@code index}. */
    private static MethodSpec arrayNative(String name, Carrier c) {
        return nativeMethod(name, TypeName.VOID, ParameterSpec.builder(int.class, "index").build(),
                ParameterSpec.builder(ArrayTypeName.of(c.element()), "values").build());
    }

    private static MethodSpec nativeMethod(String name, TypeName returns, ParameterSpec... params) {
        return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.NATIVE)
                .returns(returns).addParameters(List.of(params)).build();
    }

    private static String javaType(Port p) {
        return p.carrier().element() + "[]";
    }

    // ---- the JNI glue ----

    private static byte[] glue(ClassName cls, String prefix, String source, Set<Carrier> setters,
            Set<Carrier> getters, String build) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prefix", prefix);
        m.put("source", CGenerator.cComment(source));
        m.put("version", CGenerator.VERSION);
        m.put("className", CGenerator.cComment(cls.canonicalName()));
        m.put("jni", "Java_" + jniMangle(cls.canonicalName()));
        m.put("build", build);
        m.put("setters", setters.stream().map(Carrier::names).toList());
        m.put("getters", getters.stream().map(Carrier::names).toList());
        return CGenerator.render(CGenerator.templates("jni.stg"), "glue", m);
    }

    /** A qualified class name as JNI spells it in a native function's name ('.' -> '_', '_' -> "_1", ...). */
    static String jniMangle(String qualified) {
        StringBuilder sb = new StringBuilder();
        for (char ch : qualified.toCharArray()) {
            if (ch == '.') {
                sb.append('_');
            } else if (ch == '_') {
                sb.append("_1");
            } else if (ch < 128 && Character.isLetterOrDigit(ch)) {
                sb.append(ch);
            } else {
                sb.append(String.format(Locale.ROOT, "_0%04x", (int) ch));
            }
        }
        return sb.toString();
    }

    /** Text safe inside a Javadoc comment and its HTML. */
    private static String javadocText(String s) {
        return htmlText(Text.printable(s)).replace("*/", "*&#47;").replace("@", "&#64;");
    }

    private static String htmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
