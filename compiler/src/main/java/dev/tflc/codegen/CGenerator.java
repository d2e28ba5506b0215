package dev.tflc.codegen;

import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import dev.tflc.ir.Text;
import dev.tflc.lower.CCall;
import dev.tflc.lower.Goal;
import dev.tflc.lower.Implementation;
import dev.tflc.lower.Lowering;
import dev.tflc.lower.KernelSet;
import dev.tflc.lower.KernelSets;
import dev.tflc.ops.Kernel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stringtemplate.v4.STGroup;
import org.stringtemplate.v4.STGroupFile;

/**
 * Graph + memory plan + target -> the files of a self-contained C folder: {@code <prefix>.h},
 * {@code <prefix>.c}, the runtime kernels the model calls, optionally {@code main.c}, and
 * {@code report.json}. Deterministic: the same inputs give the same bytes.
 */
public final class CGenerator {
    public static final String VERSION = "0.1.0";

    /** What to generate. */
    /**
     * {@code format}: {@code plain} (the sources alone), {@code cmake} (and a CMakeLists.txt with a
     * library target and, from {@code main.c}, an example), {@code make} (and a makefile fragment
     * {@code <prefix>.mk}), {@code arduino}, {@code platformio}, {@code zephyr} (a library or module of
     * that tool, the sources in {@code src/}: see {@link Packages}). {@code javaPackage}: null, or the
     * package of a Java binding to add ({@link JavaBinding}). {@code optimize}: what the lowering
     * favours ({@link Goal}).
     */
    public record Options(String prefix, Target target, String kernels, boolean main, String source, String format,
            String javaPackage, Goal optimize, Long maxArena) {
        public Options {
            java.util.Objects.requireNonNull(optimize, "optimize");
            Prefix.check(prefix);
            if (!FORMATS.contains(format)) {
                throw new IllegalArgumentException("format " + format);
            }
            if (javaPackage != null && JavaBinding.packageProblem(javaPackage) != null) {
                throw new IllegalArgumentException("--java '" + javaPackage + "' " + JavaBinding.packageProblem(javaPackage));
            }
        }

        /** Options without an arena budget. */
        public Options(String prefix, Target target, String kernels, boolean main, String source, String format,
                String javaPackage, Goal optimize) {
            this(prefix, target, kernels, main, source, format, javaPackage, optimize, null);
        }

        public Options(String prefix, Target target, String kernels, boolean main, String source, String format,
                String javaPackage) {
            this(prefix, target, kernels, main, source, format, javaPackage, Goal.SPEED);
        }

        public Options(String prefix, Target target, String kernels, boolean main, String source, String format) {
            this(prefix, target, kernels, main, source, format, null);
        }

        public Options(String prefix, Target target, String kernels, boolean main, String source) {
            this(prefix, target, kernels, main, source, "plain");
        }
    }

    /** The output formats generate writes. */
    public static final List<String> FORMATS = List.of("plain", "cmake", "make", "arduino", "platformio", "zephyr");

    /** The generated files in a fixed order, and the report's figures. */
    public record Output(Map<String, byte[]> files, Report report) {
        /**
         * This output, when the model fits its target's part (RAM for the arena and stack, flash for the
         * weights and tables); else the one-line reason, as {@code compile} refuses it.
         */
        public Output fitting() {
            if (report.fitProblem() != null) {
                throw new IrException(report.fitProblem());
            }
            return this;
        }
    }

    private CGenerator() {
    }

    public static Output generate(Graph source, Options opt) {
        return generate(Compilation.of(source, opt.target(), opt.kernels(), opt.optimize(), opt.maxArena()), opt);
    }

    /** The files of a compilation whose stages have run. */
    public static Output generate(Compilation c, Options opt) {
        Graph g = c.graph();
        ArenaLayout layout = c.layout();
        Lowering lowering = c.lowering();
        Names names = new Names();

        checkArray(opt.target(), "the arena", layout.arenaBytes());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prefix", opt.prefix());
        m.put("PREFIX", opt.prefix().toUpperCase(Locale.ROOT));
        m.put("source", cComment(opt.source()));
        m.put("version", VERSION);
        m.put("target", opt.target().name());
        m.put("kernels", lowering.setsUsed().isEmpty() ? null : String.join(", ", lowering.setsUsed()));
        m.put("optimize", lowering.goal().label());
        m.put("headers", headers(c));
        m.put("buildNotes", lowering.setsUsed().stream().map(KernelSets::named).map(KernelSet::buildNote)
                .filter(n -> !n.isEmpty()).toList());
        m.put("alignment", opt.target().alignment());
        m.put("arenaBytes", layout.arenaBytes());
        m.put("hasArena", layout.arenaBytes() > 0);
        m.put("lowerBound", layout.lowerBoundBytes());
        m.put("inPlaceBound", layout.inPlaceLowerBoundBytes() < layout.lowerBoundBytes()
                ? layout.inPlaceLowerBoundBytes() : null);
        m.put("inputs", io(g, g.inputs(), layout));
        m.put("outputs", io(g, g.outputs(), layout));

        List<Map<String, Object>> tensorMacros = new ArrayList<>();
        List<Map<String, Object>> variables = new ArrayList<>();
        for (Tensor t : g.tensors()) {
            if (layout.offsets()[t.index()] >= 0 && referenced(g, t)) {
                Map<String, Object> tm = tensorInfo(t, layout);
                tm.put("macro", names.tensorMacro(t));
                tensorMacros.add(tm);
            }
            if (t.isVariable() && layout.offsets()[t.index()] >= 0) {
                Map<String, Object> v = tensorInfo(t, layout);
                v.put("fill", t.resetValue());
                variables.add(v);
            }
        }
        m.put("tensors", tensorMacros);
        m.put("variables", variables);
        // the standard headers the model's source uses, no other (it builds freestanding): memset
        // (string.h) only to reset variable tensors
        m.put("systemHeaders", variables.isEmpty() ? List.of("stddef.h", "stdint.h")
                : List.of("stddef.h", "stdint.h", "string.h"));
        m.put("stateBytes", layout.stateBytes());

        List<Map<String, Object>> weights = new ArrayList<>();
        List<Map<String, Object>> layers = new ArrayList<>();
        java.util.Set<Integer> emittedWeights = new java.util.HashSet<>();
        ConstantArrays arrays = new ConstantArrays();
        long totalMacs = 0;
        Graph steps = c.steps();
        List<Compilation.Called> called = c.calledFunctions();
        for (Operator op : g.operators()) {
            Kernel k = c.kernels().get(op.index());
            Implementation impl = lowering.implementation(op.index());
            String layer = names.layer(op);
            List<String> constants = new ArrayList<>();
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("index", op.index());
            l.put("kind", op.kind());
            l.put("shapes", shapes(g, op));
            l.put("macs", k.macs() > 0 ? String.format(Locale.ROOT, "%,d", k.macs()) : null);
            l.put("constants", constants);
            if (c.runsNothing(op.index())) {
                l.put("call", null);
                l.put("nothing", c.nothingToDo(op.index()));
            } else if (layout.isPatched(op.index())) {
                PatchStage stage = layout.patches();
                Renderer r = new Renderer(layer, op, g, names, constants, weights, emittedWeights,
                        opt.prefix(), layout.scratchOffset(op.index()), opt.target(), arrays);
                l.put("call", null);
                l.put("code", impl.band().code() != null ? layerCode(impl.band().code(), arrays)
                        : bandFunction(impl, r));
                l.put("kernelSet", impl.kernelSet());
                if (op.index() == stage.first()) {
                    l.put("patches", patchLoop(c, stage, names, opt.prefix()));
                    l.put("inPlace", c.inPlaceDescription(op.index()) == null ? null
                            : "stage output written in place " + c.inPlaceDescription(op.index()));
                } else {
                    l.put("nothing", "runs in the bands of layer " + stage.first());
                }
            } else {
                // the layer's step: where it does an ADD in its stores, the residual is its input too
                Renderer r = new Renderer(layer, steps.operators().get(op.index()), g, names, constants, weights, emittedWeights,
                        opt.prefix(), layout.scratchOffset(op.index()), opt.target(), arrays);
                List<Map<String, Object>> before = new ArrayList<>();
                for (CCall call : impl.before()) {
                    before.add(Map.of("call", call.function(), "args", call.args().stream().map(r::render).toList()));
                }
                List<String> args = new ArrayList<>();
                for (CCall.Arg a : impl.call().args()) {
                    args.add(r.render(a));
                }
                l.put("before", before);
                Compilation.Called runs = called.get(op.index());
                if (runs.shared()) {
                    // the shared form: the layer's arrays after the call's own arguments
                    impl.code().arrays().forEach(a -> args.add(a.name()));
                }
                l.put("code", impl.code() == null ? null : layerCode(impl.code(), arrays, !runs.shared()
                        ? impl.code().functions() : runs.owner() == op.index() ? impl.code().shared()
                        : "/* " + layer + ": runs " + runs.function() + ", the same code, with its own arrays */\n"));
                l.put("call", runs.function());
                l.put("args", args);
                l.put("checked", impl.call().checked());
                l.put("error", op.index() + 1);
                l.put("kernelSet", impl.kernelSet());
                l.put("scratch", impl.scratchBytes() > 0
                        ? String.format(Locale.ROOT, "%,d bytes of scratch at arena offset %d", impl.scratchBytes(),
                                layout.scratchOffset(op.index()))
                        : null);
                String inPlace = c.inPlaceDescription(op.index());
                String into = c.interleavedDescription(op.index());
                l.put("inPlace", inPlace != null ? "written in place " + inPlace
                        : into != null ? "written in place " + into : null);
            }
            layers.add(l);
            totalMacs += k.macs();
        }
        long weightBytes = c.weightBytes();
        m.put("weights", weights);
        m.put("layers", layers);
        m.put("macs", String.format(Locale.ROOT, "%,d", totalMacs));
        m.put("weightBytes", weightBytes);

        STGroup group = templates();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(opt.prefix() + ".h", render(group, "header", m));
        files.put(opt.prefix() + ".c", concat(render(group, "source", m), NEWLINE,
                weightArrays(group, weights).getBytes(StandardCharsets.UTF_8), render(group, "sourceRest", m)));
        if (opt.main() || opt.format().equals("cmake")) {
            files.put("main.c", render(group, "runner", m));
        }
        for (String f : runtimeFiles(c)) {
            files.put(f, runtime(f));
        }
        boolean cmsisNn = lowering.setsUsed().contains("cmsis-nn");
        List<String> sources = files.keySet().stream().filter(f -> f.endsWith(".c") && !f.equals("main.c")).sorted()
                .toList();
        files = Packages.lay(opt, m, files, cmsisNn);
        if (opt.javaPackage() != null) {
            // after the build files, which list the folder's C sources: the glue is not one of them
            files.putAll(JavaBinding.files(g, opt, sources, cmsisNn));
        }
        Report report = Report.of(c, opt, weightBytes, totalMacs);
        files.put("report.json", report.toJson().getBytes(StandardCharsets.UTF_8));
        files.put("report.html", ReportHtml.render(report.toJson()).getBytes(StandardCharsets.UTF_8));
        return new Output(files, report);
    }

    /**
     * The loop that runs patch stage {@code stage}: per band, the output rows [lo, hi) of each layer
     * from the last back (the rows the next layer's window reads), then each layer's band function,
     * from the stage's input in the arena through the rows in its scratch to its output in the arena.
     */
    private static String patchLoop(Compilation c, PatchStage stage, Names names, String prefix) {
        Graph g = c.graph();
        List<dev.tflc.lower.Band> layers = stage.layers();
        int n = layers.size();
        long scratch = c.layout().scratchOffset(stage.first());
        Tensor input = g.tensor(g.operators().get(stage.first()).input(0));
        Tensor output = g.tensor(g.operators().get(stage.last()).output(0));
        dev.tflc.lower.Band end = layers.get(n - 1);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "/* Layers %d-%d run in patches: %d bands of %d output row%s of layer %d;"
                + " the tensors between them are never whole.\n * Per band, each layer computes the rows of its output"
                + " that the next one reads (from the last layer back), into the stage's scratch. */\n",
                stage.first(), stage.last(), stage.bands(), stage.rows(), stage.rows() == 1 ? "" : "s", stage.last()));
        sb.append("{\n    int32_t band;\n    for (band = 0; band < ").append(stage.bands()).append("; band++) {\n");
        sb.append("        int32_t lo[").append(n + 1).append("], hi[").append(n + 1).append("];\n");
        sb.append(String.format(Locale.ROOT, "        lo[%d] = %s;\n        hi[%d] = lo[%d] + %d < %d ? lo[%d] + %d : %d;\n",
                n, times("band", stage.rows()), n, n, stage.rows(), end.window().outH(), n, stage.rows(), end.window().outH()));
        // lo[j], hi[j]: the rows of the input of layer j (j = 0: the stage's input), those of layer j - 1's output
        for (int j = n - 1; j >= 0; j--) {
            dev.tflc.ops.Window w = layers.get(j).window();
            String reader = names.layer(g.operators().get(stage.first() + j));
            sb.append(String.format(Locale.ROOT, "        /* the input rows %s reads: %d-row window, stride %d, dilation %d, "
                    + "%d row%s of padding above */\n", reader, w.filterH(), w.strideH(), w.dilationH(), w.padH(),
                    w.padH() == 1 ? "" : "s"));
            sb.append(String.format(Locale.ROOT, "        tflc_band_rows(lo[%d], hi[%d], %d, %d, %d, %d, &lo[%d], &hi[%d]);\n",
                    j + 1, j + 1, w.strideH(), w.padH(), (w.filterH() - 1) * w.dilationH() + 1, w.inH(), j, j));
        }
        for (int j = 0; j < n; j++) {
            dev.tflc.lower.Band b = layers.get(j);
            Implementation impl = c.lowering().implementation(stage.first() + j);
            // pointers of the element type: rows in elements, the arena's member of that type
            int size = b.elementBytes();
            String in = j == 0 ? String.format(Locale.ROOT, "%s + (size_t)lo[0] * %du", names.tensorMacro(input),
                    b.inRowBytes() / size) : String.format(Locale.ROOT, "&%s_arena.%s[%d]", prefix, element(b.type())[1],
                    (scratch + stage.rowsOffsets()[j - 1]) / size);
            String out = j == n - 1 ? String.format(Locale.ROOT, "%s + (size_t)lo[%d] * %du", names.tensorMacro(output),
                    n, b.outRowBytes() / size) : String.format(Locale.ROOT, "&%s_arena.%s[%d]", prefix,
                    element(b.type())[1], (scratch + stage.rowsOffsets()[j]) / size);
            String own = b.scratch() ? String.format(Locale.ROOT, ", &%s_arena.bytes[%d]", prefix,
                    scratch + stage.scratchOffsets()[j]) : "";
            sb.append(String.format(Locale.ROOT, "        %s(%s, %s%s, hi[%d] - lo[%d], %s, hi[%d] - lo[%d]);\n",
                    b.function(), in, out, own, j, j, plus("lo[" + j + "] - " + times("lo[" + (j + 1) + "]",
                            b.window().strideH()), b.window().padH()), j + 1, j + 1));
            if (impl.scratchBytes() > 0 != b.scratch()) {
                throw new IllegalStateException(b.function() + " and its layer disagree on the scratch");
            }
        }
        sb.append("    }\n}");
        return sb.toString();
    }

    /**
     * The band function of a layer whose call takes its window struct ({@code tflc_window_t}): the call,
     * its input and output the function's and its window the layer's with the band's input height, top
     * padding and output height.
     */
    private static String bandFunction(Implementation impl, Renderer r) {
        dev.tflc.lower.Band b = impl.band();
        String type = element(b.type())[0];
        List<String> args = new ArrayList<>();
        String window = null;
        for (CCall.Arg a : impl.call().args()) {
            if (a instanceof CCall.Struct s && s.type().equals("tflc_window_t")) {
                window = r.render(a).substring(1); // the layer's constant window, copied below
                args.add("&window");
            } else if (a instanceof CCall.Input in && in.index() == 0) {
                args.add("input");
            } else if (a instanceof CCall.Output o && o.index() == 0) {
                args.add("output");
            } else {
                args.add(r.render(a));
            }
        }
        if (window == null || !args.contains("input") || !args.contains("output")) {
            throw new IllegalStateException(impl.function() + " has no window, input or output to run on a band");
        }
        return String.format(Locale.ROOT, "/* %s on a band of output rows (patch-based execution): %s with the band's "
                + "rows */\nstatic void %s(const %s *input, %s *output, int32_t in_h, int32_t pad_h, int32_t out_h)\n{\n"
                + "    tflc_window_t window = %s;\n    window.in_h = in_h;\n    window.pad_h = pad_h;\n"
                + "    window.out_h = out_h;\n    %s(%s);\n}\n", r.layer(), impl.function(), b.function(), type, type,
                window, impl.function(), String.join(", ", args));
    }

    /** The C type of an element of {@code type} (int8, int16 or float32), and the arena's member that holds it. */
    private static String[] element(dev.tflc.ir.TensorType type) {
        return switch (type) {
            case INT8 -> new String[] {"int8_t", "i8"};
            case INT16 -> new String[] {"int16_t", "i16"};
            case FLOAT32 -> new String[] {"float", "f32"};
            default -> throw new IllegalArgumentException("no band of " + type);
        };
    }

    /** C text of {@code value} times {@code k} ({@code value} alone when k is 1; a sum is parenthesised). */
    private static String times(String value, int k) {
        return k == 1 ? value : (value.contains(" ") ? "(" + value + ")" : value) + " * " + k;
    }

    /** C text of {@code value} plus {@code k} ({@code value} alone when k is 0). */
    private static String plus(String value, long k) {
        return k == 0 ? value : value + (k > 0 ? " + " + k : " - " + -k);
    }

    /** The runtime header of patch-based execution's row arithmetic. */
    private static final String BAND_HEADER = "tflc_band.h";

    private static final byte[] NEWLINE = {'\n'};

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * The runtime files of the implementations that run (a re-view whose memory is shared runs
     * nothing), with every runtime file they include ({@code #include "..."}), and those files'
     * includes in turn.
     */
    private static List<String> runtimeFiles(Compilation c) {
        java.util.TreeSet<String> files = new java.util.TreeSet<>();
        for (int i = 0; i < c.graph().operators().size(); i++) {
            if (!c.runsNothing(i)) {
                files.addAll(c.lowering().implementation(i).runtimeFiles());
            }
        }
        if (c.layout().patches() != null) {
            files.add(BAND_HEADER);
        }
        java.util.ArrayDeque<String> unread = new java.util.ArrayDeque<>(files);
        while (!unread.isEmpty()) {
            java.util.regex.Matcher m = LOCAL_INCLUDE.matcher(new String(runtime(unread.pop()), StandardCharsets.UTF_8));
            while (m.find()) {
                if (files.add(m.group(1))) {
                    unread.push(m.group(1));
                }
            }
        }
        return List.copyOf(files);
    }

    /** A runtime file's include of another runtime file. */
    private static final java.util.regex.Pattern LOCAL_INCLUDE =
            java.util.regex.Pattern.compile("^#include \"([^\"]+)\"", java.util.regex.Pattern.MULTILINE);

    /** The headers those implementations are declared in, in first-use order. */
    private static List<String> headers(Compilation c) {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < c.graph().operators().size(); i++) {
            if (!c.runsNothing(i)) {
                c.lowering().implementation(i).headers().stream().filter(h -> !headers.contains(h))
                        .forEach(headers::add);
            }
        }
        if (c.layout().patches() != null) {
            headers.add(BAND_HEADER);
        }
        return headers;
    }

    /** {@code text} without spaces and tabs at the ends of its lines (a linear scan: outputs are megabytes). */
    static String stripTrailingBlanks(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int pending = 0; // blanks seen since the last other character, not yet written
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == ' ' || ch == '\t') {
                pending++;
                continue;
            }
            if (ch != '\n' && pending > 0) {
                out.append(text, i - pending, i);
            }
            pending = 0;
            out.append(ch);
        }
        return out.append(text, text.length() - pending, text.length()).toString();
    }

    private static boolean referenced(Graph g, Tensor t) {
        return g.operators().stream().anyMatch(o -> o.inputs().contains(t.index()) || o.outputs().contains(t.index()));
    }

    /** Renders one layer's call arguments, emitting the constants they need. */
    private record Renderer(String layer, Operator op, Graph g, Names names, List<String> constants,
            List<Map<String, Object>> weights, java.util.Set<Integer> emittedWeights, String prefix,
            long scratchOffset, Target target, ConstantArrays arrays) {
        String render(CCall.Arg a) {
            if (a instanceof CCall.Int i) {
                return intLiteral(i.value());
            }
            if (a instanceof CCall.Real r) {
                return floatLiteral(r.value());
            }
            if (a instanceof CCall.Null) {
                // NULL is a generic pointer: avr-gcc warns converting it to a __flash one, not the constant 0.
                return target.separateProgramMemory() ? "0" : "NULL";
            }
            if (a instanceof CCall.Output o) {
                return names.tensorMacro(g.tensor(op.output(o.index())));
            }
            if (a instanceof CCall.Scratch) {
                return "&" + prefix + "_arena.bytes[" + scratchOffset + "]";
            }
            if (a instanceof CCall.Unpacked u) {
                return "(int8_t *)&" + prefix + "_arena.bytes[" + (scratchOffset + u.offset()) + "]";
            }
            if (a instanceof CCall.Input in) {
                Tensor t = g.tensor(op.input(in.index()));
                if (t.isConstant() && target.separateProgramMemory()) {
                    throw new IrException(String.format(Locale.ROOT, "operator %d (%s) reads the constant tensor "
                            + "'%s' as an activation; %s keeps constants in flash and supports them only as "
                            + "weights and biases", op.index(), op.kind(), Text.printable(t.name()), target.name()));
                }
                return t.isConstant() ? weight(t, in.index()) : names.tensorMacro(t);
            }
            if (a instanceof CCall.Weights w) {
                Tensor t = g.tensor(op.input(w.index()));
                if (!t.isConstant() && target.separateProgramMemory()) {
                    throw new IrException(String.format(Locale.ROOT, "operator %d (%s) has weights '%s' computed at "
                            + "run time; %s reads weights from flash only", op.index(), op.kind(),
                            Text.printable(t.name()), target.name()));
                }
                return t.isConstant() ? weight(t, w.index()) : names.tensorMacro(t);
            }
            if (a instanceof CCall.Ints arr) {
                String cname = layer + "_" + arr.name();
                String earlier = arrays.earlier(arr.type(), false, arr.values(), cname);
                if (earlier == null) {
                    constants.add("static const " + rom() + arr.type() + " " + cname + "[" + arr.values().length
                            + "] = " + block(arr.values(), arr.type().equals("float")) + ";");
                } else {
                    cname = earlier; // the same values as an earlier layer's array
                }
                // A callee that takes `int32_t *` but only reads it: the cast keeps the array in flash.
                return arr.mutablePointer() ? "(int32_t *)" + cname : cname;
            }
            if (a instanceof CCall.IntList list) {
                return "{ " + join(list.values(), false) + " }";
            }
            if (a instanceof CCall.Fields f) {
                return "{ " + fields(f.fields(), ", ") + " }";
            }
            if (a instanceof CCall.Struct s) {
                String cname = layer + "_" + s.name();
                String body = fields(s.fields(), ",\n    ");
                constants.add("static const " + s.type() + " " + cname + " = {\n    " + body + "\n};");
                return "&" + cname;
            }
            throw new IllegalStateException("unknown argument " + a);
        }

        /** The weight array of constant input {@code index}, emitted on first use. */
        private String weight(Tensor t, int index) {
            String cname = names.weight(t, layer, op.kind(), index);
            if (emittedWeights.add(t.index())) {
                checkArray(target, "the constant tensor '" + Text.printable(t.name()) + "'", t.byteSize());
                Map<String, Object> w = weightArray(t, cname);
                w.put("rom", target.separateProgramMemory());
                weights.add(w);
            }
            return cname;
        }

        /** The qualifier of constant arrays: TFLC_ROM (tflc_kernels.h) where constants have a memory of their own. */
        private String rom() {
            return target.separateProgramMemory() ? "TFLC_ROM " : "";
        }

        private String fields(Map<String, CCall.Arg> fields, String separator) {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, CCall.Arg> f : fields.entrySet()) {
                out.add("." + f.getKey() + " = " + render(f.getValue()));
            }
            return String.join(separator, out);
        }
    }

    /** Refuses an array larger than the target's C compiler takes (avr-gcc: 32,767 B, its size_t has 16 bits). */
    private static void checkArray(Target target, String what, long bytes) {
        if (target.maxArrayBytes() > 0 && bytes > target.maxArrayBytes()) {
            throw new IrException(String.format(Locale.ROOT, "%s has %,d B; the C compiler of %s takes at most %,d B "
                    + "in one array", what, bytes, target.name(), target.maxArrayBytes()));
        }
    }

    private static Map<String, Object> weightArray(Tensor t, String cname) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("tensor", t);
        w.put("name", cComment(t.name()));
        w.put("type", t.type());
        w.put("shape", t.shape().toString());
        boolean packed = t.type() == TensorType.INT4;
        if (packed) {
            w.put("type", "INT4 (packed two to a byte, low nibble first)");
        }
        w.put("ctype", packed ? "int8_t" : t.type().cType());
        w.put("cname", cname);
        w.put("count", packed ? t.byteSize() : t.shape().elements());
        w.put("bytes", t.byteSize());
        return w;
    }

    /**
     * The weight arrays, declaration and values: megabytes of numbers for large models, so the values
     * are written here rather than through the template engine, one array per task on every core.
     */
    private static String weightArrays(STGroup group, List<Map<String, Object>> weights) {
        List<String> heads = new ArrayList<>();
        for (Map<String, Object> w : weights) {
            org.stringtemplate.v4.ST st = group.getInstanceOf("weightArray");
            st.add("w", w);
            heads.add(st.render());
        }
        List<String> bodies = weights.parallelStream().map(w -> values((Tensor) w.get("tensor"))).toList();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < weights.size(); i++) {
            out.append(i == 0 ? "" : "\n").append(heads.get(i)).append('\n').append(bodies.get(i)).append("\n};\n");
        }
        return out.toString();
    }

    /** The initializer values of {@code t}, indented, several to a line. */
    private static String values(Tensor t) {
        if (t.type() == TensorType.INT4) {
            byte[] packed = t.data();
            Tensor bytes = new Tensor(t.index(), t.name(), TensorType.INT8, dev.tflc.ir.Shape.of(packed.length), null,
                    packed, false);
            return values(bytes);
        }
        TensorData d = TensorData.of(t);
        boolean isFloat = t.type() == TensorType.FLOAT32;
        int perLine = isFloat ? 6 : t.type() == TensorType.INT32 ? 8 : t.type() == TensorType.INT64 ? 4 : 16;
        int n = t.shape().elements();
        StringBuilder sb = new StringBuilder(n * (isFloat ? 16 : 5));
        for (int i = 0; i < n; i++) {
            sb.append(i % perLine == 0 ? "    " : " ");
            sb.append(isFloat ? floatLiteral(d.floats()[i])
                    : t.type() == TensorType.INT64 ? int64Literal(d.longs()[i]) : intLiteral(d.ints()[i])).append(',');
            if (i % perLine == perLine - 1 && i < n - 1) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static List<Map<String, Object>> io(Graph g, List<Integer> indices, ArenaLayout layout) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < indices.size(); i++) {
            Map<String, Object> t = tensorInfo(g.tensor(indices.get(i)), layout);
            t.put("position", i);
            out.add(t);
        }
        return out;
    }

    private static Map<String, Object> tensorInfo(Tensor t, ArenaLayout layout) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", cComment(t.name()));
        m.put("type", t.type().name());
        m.put("ctype", t.type().cType());
        m.put("shape", t.shape().toString());
        m.put("rank", t.shape().rank());
        List<Integer> dims = new ArrayList<>();
        for (int d : t.shape().dims()) {
            dims.add(d);
        }
        m.put("dims", dims.isEmpty() ? List.of(1) : dims);
        m.put("bytes", t.byteSize());
        long offset = layout.offsets()[t.index()];
        m.put("offset", offset);
        String member = switch (t.type()) {
            case FLOAT32 -> "f32";
            case INT32 -> "i32";
            case INT16 -> "i16";
            case INT8 -> "i8";
            default -> "bytes";
        };
        m.put("member", member);
        // the other types (int64 among them) are addressed by byte: the arena aligns them to the target's
        // alignment alone, and their kernels store them byte-wise
        int elementBytes = member.equals("bytes") ? 1 : t.type().bytes();
        if (offset >= 0 && offset % elementBytes != 0) {
            throw new IllegalStateException("tensor '" + Text.printable(t.name()) + "' at offset " + offset
                    + " is not aligned to its type");
        }
        m.put("element", offset < 0 ? -1 : offset / elementBytes);
        m.put("quantized", t.isQuantized() && !t.quantization().isPerChannel());
        if (t.isQuantized()) {
            m.put("scale", floatLiteral(t.quantization().scale()));
            m.put("zeroPoint", t.quantization().zeroPoint());
        }
        return m;
    }

    private static String shapes(Graph g, Operator op) {
        List<String> ins = new ArrayList<>();
        for (int i : op.inputs()) {
            if (i >= 0 && !g.tensor(i).isConstant()) {
                ins.add(g.tensor(i).shape().toString());
            }
        }
        List<String> outs = new ArrayList<>();
        for (int o : op.outputs()) {
            outs.add(g.tensor(o).shape().toString());
        }
        return String.join(", ", ins) + " -> " + String.join(", ", outs);
    }

    /**
     * A name from the model (or the model's file name) made safe inside a C comment: escaped by
     * {@link Text#printableAscii}, cut to 80 characters, and every {@code /}{@code *} and {@code *}{@code /}
     * broken by a backslash so that it neither ends the comment nor starts a nested one.
     */
    static String cComment(String s) {
        String text = Text.printableAscii(s);
        text = text.length() > 80 ? text.substring(0, 77) + "..." : text;
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            char last = sb.isEmpty() ? ' ' : sb.charAt(sb.length() - 1);
            if ((last == '*' && c == '/') || (last == '/' && c == '*')) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    static String intLiteral(long v) {
        if (v == Integer.MIN_VALUE) {
            return "(-2147483647 - 1)";
        }
        return Long.toString(v);
    }

    /** An int64_t initializer value (INT64_MIN has no literal of its own). */
    static String int64Literal(long v) {
        return v == Long.MIN_VALUE ? "(-9223372036854775807 - 1)" : Long.toString(v);
    }

    static String floatLiteral(float v) {
        if (!Float.isFinite(v)) {
            throw new IllegalStateException("non-finite constant " + v);
        }
        // The shortest decimal that reads back as the same float (Schubfach, through Jackson: several
        // times faster than Float.toString on JDK 17, which matters for large float weight arrays).
        return com.fasterxml.jackson.core.io.schubfach.FloatToDecimal.toString(v) + "f";
    }

    /** An implementation's own code for its layer: its constant arrays, then its functions. */
    private static String layerCode(dev.tflc.lower.LayerCode code, ConstantArrays arrays) {
        return layerCode(code, arrays, code.functions());
    }

    /** An implementation's own code for its layer: its constant arrays, then {@code functions}. */
    private static String layerCode(dev.tflc.lower.LayerCode code, ConstantArrays arrays, String functions) {
        StringBuilder sb = new StringBuilder();
        for (dev.tflc.lower.LayerCode.Array a : code.arrays()) {
            // TFLC_ALIGNED marks the weight arrays, as on the model's own weight tensors
            boolean aligned = a.role() == dev.tflc.lower.LayerCode.Role.WEIGHTS;
            String earlier = arrays.earlier(a.type(), aligned, a.values(), a.name());
            if (earlier != null) {
                sb.append("#define ").append(a.name()).append(' ').append(earlier).append(" /* ").append(a.comment())
                        .append(": the same ").append(a.values().length).append(" values */\n");
                continue;
            }
            sb.append("/* ").append(a.source() == null ? "" : "'" + cComment(a.source()) + "': ").append(a.comment())
                    .append(" */\n").append("static const ").append(a.type()).append(' ')
                    .append(a.name()).append('[').append(a.values().length).append(']')
                    .append(aligned ? " TFLC_ALIGNED = " : " = ")
                    .append(block(a.values(), a.type().equals("float"))).append(";\n");
        }
        return sb.append(functions).toString();
    }

    /**
     * An initializer, on one line when short, else eight values a line; {@code floats}: the values are
     * floats' bits.
     */
    private static String block(int[] values, boolean floats) {
        if (values.length <= 8) {
            return "{ " + join(values, floats) + " }";
        }
        StringBuilder sb = new StringBuilder("{\n");
        for (int i = 0; i < values.length; i += 8) {
            sb.append("    ")
                    .append(join(java.util.Arrays.copyOfRange(values, i, Math.min(values.length, i + 8)), floats))
                    .append(i + 8 < values.length ? ",\n" : "\n");
        }
        return sb.append('}').toString();
    }

    private static String join(int[] values, boolean floats) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ")
                    .append(floats ? floatLiteral(Float.intBitsToFloat(values[i])) : intLiteral(values[i]));
        }
        return sb.toString();
    }

    private static STGroup templates() {
        return templates("c.stg");
    }

    /** A template group of templates/, delimited by $. */
    static STGroup templates(String file) {
        return new STGroupFile(CGenerator.class.getResource("/tflc/templates/" + file), "UTF-8", '$', '$');
    }

    static byte[] render(STGroup group, String template, Map<String, Object> m) {
        org.stringtemplate.v4.ST st = group.getInstanceOf(template);
        if (st == null) {
            throw new IllegalStateException("template " + template + " is missing");
        }
        st.add("m", m);
        String text = st.render().replace("\r\n", "\n");
        text = stripTrailingBlanks(text);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * System property naming a folder to read the runtime files from instead of the jar's
     * {@code /tflc/runtime-c}: for tests only (PlantedBugsTest points it at a mutated copy of
     * runtime-c/). Read here and nowhere else; see {@link #runtimeOverride()}.
     */
    public static final String RUNTIME_DIR_PROPERTY = "tflc.test.runtime-dir";

    /** The folder {@link #RUNTIME_DIR_PROPERTY} names, or null when it is not set. */
    public static Path runtimeOverride() {
        String dir = System.getProperty(RUNTIME_DIR_PROPERTY);
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    static byte[] runtime(String name) {
        Path override = runtimeOverride();
        if (override != null) {
            Path file = override.resolve(name);
            try {
                return Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new IllegalStateException("runtime file " + name + " is missing from " + override);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (InputStream in = CGenerator.class.getResourceAsStream("/tflc/runtime-c/" + name)) {
            if (in == null) {
                throw new IllegalStateException("runtime file " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
