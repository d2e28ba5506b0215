package dev.tflc.codegen;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.ops.Kernel;
import java.util.List;

/** The figures of a compilation, written as {@code report.json}. */
public record Report(String json, long arenaBytes, long lowerBoundBytes, long weightBytes, long macs) {

    static Report of(Graph g, List<Kernel> kernels, ArenaLayout layout, CGenerator.Options opt, long weightBytes,
            long macs) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n");
        sb.append("  \"source\": ").append(str(opt.source())).append(",\n");
        sb.append("  \"tflc_version\": ").append(str(CGenerator.VERSION)).append(",\n");
        sb.append("  \"target\": ").append(str(opt.target().name())).append(",\n");
        sb.append("  \"kernels\": ").append(str(opt.kernels())).append(",\n");
        sb.append("  \"prefix\": ").append(str(opt.prefix())).append(",\n");
        sb.append("  \"arena_bytes\": ").append(layout.arenaBytes()).append(",\n");
        sb.append("  \"lower_bound_bytes\": ").append(layout.lowerBoundBytes()).append(",\n");
        sb.append("  \"alignment\": ").append(opt.target().alignment()).append(",\n");
        sb.append("  \"weight_bytes\": ").append(weightBytes).append(",\n");
        sb.append("  \"macs\": ").append(macs).append(",\n");
        sb.append("  \"operators\": [");
        for (Operator op : g.operators()) {
            sb.append(op.index() == 0 ? "\n" : ",\n");
            sb.append("    {\"index\": ").append(op.index());
            sb.append(", \"kind\": ").append(str(op.kind()));
            sb.append(", \"macs\": ").append(kernels.get(op.index()).macs());
            sb.append(", \"aliased\": ").append(layout.isAliased(op.index()));
            sb.append(",\n     \"inputs\": ").append(tensors(g, op.inputs(), layout));
            sb.append(",\n     \"outputs\": ").append(tensors(g, op.outputs(), layout)).append("}");
        }
        sb.append("\n  ]\n}\n");
        return new Report(sb.toString(), layout.arenaBytes(), layout.lowerBoundBytes(), weightBytes, macs);
    }

    private static String tensors(Graph g, List<Integer> indices, ArenaLayout layout) {
        StringBuilder sb = new StringBuilder("[");
        boolean first = true;
        for (int i : indices) {
            if (i < 0) {
                continue;
            }
            Tensor t = g.tensor(i);
            sb.append(first ? "" : ", ");
            first = false;
            sb.append("{\"tensor\": ").append(i).append(", \"name\": ").append(str(t.name()));
            sb.append(", \"type\": ").append(str(t.type().name()));
            sb.append(", \"shape\": [");
            int[] dims = t.shape().dims();
            for (int d = 0; d < dims.length; d++) {
                sb.append(d == 0 ? "" : ", ").append(dims[d]);
            }
            sb.append("], \"bytes\": ").append(t.byteSize());
            if (t.isConstant()) {
                sb.append(", \"constant\": true");
            } else {
                sb.append(", \"offset\": ").append(layout.offsets()[i]).append(", \"size\": ").append(t.byteSize());
            }
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    public static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    public String toJson() {
        return json;
    }
}
