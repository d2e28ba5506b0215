package dev.tflc.codegen;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import dev.tflc.ops.CCall;
import dev.tflc.ops.Kernel;
import dev.tflc.ops.Operators;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
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
    public record Options(String prefix, Target target, String kernels, boolean main, String source) {
        public Options {
            if (!prefix.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IrException("prefix '" + prefix + "' is not a C identifier");
            }
        }
    }

    /** The generated files in a fixed order, and the report's figures. */
    public record Output(Map<String, byte[]> files, Report report) {
    }

    private CGenerator() {
    }

    public static Output generate(Graph g, Options opt) {
        if (!opt.kernels().equals("portable")) {
            throw new IrException("kernels '" + opt.kernels() + "' are not available yet (use portable)");
        }
        List<Kernel> kernels = Operators.prepare(g);
        ArenaLayout layout = ArenaLayout.of(g, kernels, opt.target().alignment());
        Names names = new Names();

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prefix", opt.prefix());
        m.put("PREFIX", opt.prefix().toUpperCase(Locale.ROOT));
        m.put("source", opt.source());
        m.put("version", VERSION);
        m.put("target", opt.target().name());
        m.put("kernels", opt.kernels());
        m.put("alignment", opt.target().alignment());
        m.put("arenaBytes", layout.arenaBytes());
        m.put("lowerBound", layout.lowerBoundBytes());
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
                variables.add(tensorInfo(t, layout));
            }
        }
        m.put("tensors", tensorMacros);
        m.put("variables", variables);

        List<Map<String, Object>> weights = new ArrayList<>();
        List<Map<String, Object>> layers = new ArrayList<>();
        TreeSet<String> functions = new TreeSet<>();
        java.util.Set<Integer> emittedWeights = new java.util.HashSet<>();
        long totalMacs = 0;
        long weightBytes = 0;
        for (Operator op : g.operators()) {
            Kernel k = kernels.get(op.index());
            CCall call = k.lower();
            String layer = names.layer(op);
            List<String> constants = new ArrayList<>();
            List<String> args = new ArrayList<>();
            for (CCall.Arg a : call.args()) {
                args.add(render(a, layer, op, g, names, constants, weights, emittedWeights));
            }
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("index", op.index());
            l.put("kind", op.kind());
            l.put("shapes", shapes(g, op));
            l.put("macs", k.macs() > 0 ? String.format(Locale.ROOT, "%,d", k.macs()) : null);
            l.put("constants", constants);
            if (layout.isAliased(op.index())) {
                l.put("call", null);
            } else {
                l.put("call", call.function());
                l.put("args", args);
                functions.add(call.function());
            }
            layers.add(l);
            totalMacs += k.macs();
        }
        for (Map<String, Object> w : weights) {
            weightBytes += (Long) w.get("bytes");
        }
        m.put("weights", weights);
        m.put("layers", layers);
        m.put("macs", String.format(Locale.ROOT, "%,d", totalMacs));
        m.put("weightBytes", weightBytes);

        STGroup group = templates();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(opt.prefix() + ".h", render(group, "header", m));
        files.put(opt.prefix() + ".c", render(group, "source", m));
        if (opt.main()) {
            files.put("main.c", render(group, "runner", m));
        }
        files.put("tflc_kernels.h", runtime("tflc_kernels.h"));
        if (runtimeExists("tflc_fixed_point.h")) {
            files.put("tflc_fixed_point.h", runtime("tflc_fixed_point.h"));
        }
        for (String f : functions) {
            files.put(f + ".c", runtime(f + ".c"));
        }
        Report report = Report.of(g, kernels, layout, opt, weightBytes, totalMacs);
        files.put("report.json", report.toJson().getBytes(StandardCharsets.UTF_8));
        return new Output(files, report);
    }

    private static boolean referenced(Graph g, Tensor t) {
        return g.operators().stream().anyMatch(o -> o.inputs().contains(t.index()) || o.outputs().contains(t.index()));
    }

    private static String render(CCall.Arg a, String layer, Operator op, Graph g, Names names, List<String> constants,
            List<Map<String, Object>> weights, java.util.Set<Integer> emittedWeights) {
        if (a instanceof CCall.Int i) {
            return intLiteral(i.value());
        }
        if (a instanceof CCall.Real r) {
            return floatLiteral(r.value());
        }
        if (a instanceof CCall.Null) {
            return "NULL";
        }
        if (a instanceof CCall.Output o) {
            return names.tensorMacro(g.tensor(op.output(o.index())));
        }
        if (a instanceof CCall.Input in) {
            Tensor t = g.tensor(op.input(in.index()));
            if (!t.isConstant()) {
                return names.tensorMacro(t);
            }
            String cname = names.weight(t, layer, in.index());
            if (emittedWeights.add(t.index())) {
                weights.add(weightArray(t, cname));
            }
            return cname;
        }
        if (a instanceof CCall.Ints arr) {
            String cname = layer + "_" + arr.name();
            constants.add("static const int32_t " + cname + "[" + arr.values().length + "] = " + block(arr.values())
                    + ";");
            return cname;
        }
        if (a instanceof CCall.IntList list) {
            return "{ " + join(list.values()) + " }";
        }
        if (a instanceof CCall.Struct s) {
            String cname = layer + "_" + s.name();
            List<String> fields = new ArrayList<>();
            for (Map.Entry<String, CCall.Arg> f : s.fields().entrySet()) {
                fields.add("." + f.getKey() + " = "
                        + render(f.getValue(), layer, op, g, names, constants, weights, emittedWeights));
            }
            constants.add("static const " + s.type() + " " + cname + " = {\n    " + String.join(",\n    ", fields)
                    + "\n};");
            return "&" + cname;
        }
        throw new IllegalStateException("unknown argument " + a);
    }

    private static Map<String, Object> weightArray(Tensor t, String cname) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("name", t.name());
        w.put("type", t.type());
        w.put("shape", t.shape().toString());
        w.put("ctype", t.type().cType());
        w.put("cname", cname);
        w.put("count", t.shape().elements());
        w.put("bytes", t.byteSize());
        TensorData d = TensorData.of(t);
        int perLine = t.type() == TensorType.FLOAT32 ? 6 : t.type() == TensorType.INT32 ? 8 : 16;
        List<String> lines = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.shape().elements(); i++) {
            String v = t.type() == TensorType.FLOAT32 ? floatLiteral(d.floats()[i]) : intLiteral(d.ints()[i]);
            sb.append(v).append(',');
            if ((i + 1) % perLine == 0 || i == t.shape().elements() - 1) {
                lines.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(' ');
            }
        }
        w.put("lines", lines);
        return w;
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
        if (offset >= 0 && offset % Math.max(1, t.type().bytes()) != 0) {
            throw new IllegalStateException("tensor '" + t.name() + "' at offset " + offset + " is not aligned to its type");
        }
        m.put("element", offset < 0 ? -1 : offset / Math.max(1, t.type().bytes()));
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

    /** A tensor name made safe inside a C comment. */
    static String cComment(String s) {
        String clean = s.replace("*/", "* /").replace("\\", "/").replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 80 ? clean.substring(0, 77) + "..." : clean;
    }

    static String intLiteral(long v) {
        if (v == Integer.MIN_VALUE) {
            return "(-2147483647 - 1)";
        }
        return Long.toString(v);
    }

    static String floatLiteral(float v) {
        if (!Float.isFinite(v)) {
            throw new IllegalStateException("non-finite constant " + v);
        }
        String s = Float.toString(v);
        return s + "f";
    }

    /** An initializer, on one line when short, else eight values a line. */
    private static String block(int[] values) {
        if (values.length <= 8) {
            return "{ " + join(values) + " }";
        }
        StringBuilder sb = new StringBuilder("{\n");
        for (int i = 0; i < values.length; i += 8) {
            sb.append("    ").append(join(java.util.Arrays.copyOfRange(values, i, Math.min(values.length, i + 8))))
                    .append(i + 8 < values.length ? ",\n" : "\n");
        }
        return sb.append('}').toString();
    }

    private static String join(int[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(intLiteral(values[i]));
        }
        return sb.toString();
    }

    private static STGroup templates() {
        STGroup group = new STGroupFile(CGenerator.class.getResource("/tflc/templates/c.stg"), "UTF-8", '$', '$');
        return group;
    }

    private static byte[] render(STGroup group, String template, Map<String, Object> m) {
        org.stringtemplate.v4.ST st = group.getInstanceOf(template);
        if (st == null) {
            throw new IllegalStateException("template " + template + " is missing");
        }
        st.add("m", m);
        String text = st.render().replace("\r\n", "\n");
        text = text.replaceAll("[ \t]+\n", "\n");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean runtimeExists(String name) {
        return CGenerator.class.getResource("/tflc/runtime-c/" + name) != null;
    }

    static byte[] runtime(String name) {
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
