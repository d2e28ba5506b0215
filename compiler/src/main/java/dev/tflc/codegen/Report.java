package dev.tflc.codegen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.lower.LoweredLayer;
import dev.tflc.ops.Kernel;
import java.util.List;

/** The figures of a compilation, written as {@code report.json} (through Jackson). */
public record Report(String json, long arenaBytes, long lowerBoundBytes, long weightBytes, long requantTableBytes,
        long otherTableBytes, long macs, String fitProblem) {

    static Report of(Compilation c, CGenerator.Options opt, long weightBytes, long macs) {
        Graph g = c.graph();
        List<Kernel> kernels = c.kernels();
        ArenaLayout layout = c.layout();
        long requantTableBytes = c.requantTableBytes();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("source", opt.source());
        root.put("tflc_version", CGenerator.VERSION);
        root.put("target", opt.target().name());
        root.put("kernels", c.lowering().order().get(0));
        root.put("optimize", c.lowering().goal().label());
        ArrayNode order = root.putArray("kernel_order");
        c.lowering().order().forEach(order::add);
        root.put("prefix", opt.prefix());
        root.put("arena_bytes", layout.arenaBytes());
        root.put("lower_bound_bytes", layout.lowerBoundBytes());
        root.put("in_place_lower_bound_bytes", layout.inPlaceLowerBoundBytes());
        root.put("state_bytes", layout.stateBytes());
        root.put("alignment", opt.target().alignment());
        root.put("weight_bytes", weightBytes);
        root.put("requant_table_bytes", requantTableBytes);
        root.put("other_table_bytes", c.otherTableBytes());
        root.put("macs", macs);
        Fit fit = Fit.of(c);
        ObjectNode f = root.putObject("fit");
        f.put("target_ram_bytes", fit.ramBytes());
        f.put("target_flash_bytes", fit.flashBytes());
        f.put("ram_needed_bytes", fit.ramNeeded());
        f.put("stack_estimate_bytes", fit.stackBytes());
        f.put("flash_needed_at_least_bytes", fit.modelDataBytes());
        f.put("fits", fit.problem() == null);
        if (layout.patches() != null) {
            patches(root.putObject("patches"), layout.patches(), kernels);
        } else {
            root.putNull("patches");
        }
        ArrayNode ops = root.putArray("operators");
        Graph steps = c.steps();
        java.util.List<Compilation.Called> called = c.calledFunctions();
        for (Operator op : g.operators()) {
            ObjectNode o = ops.addObject();
            o.put("index", op.index());
            o.put("kind", op.kind());
            o.put("macs", kernels.get(op.index()).macs());
            o.put("aliased", layout.isAliased(op.index()));
            int inPlace = layout.inPlaceInput(op.index());
            if (inPlace >= 0) {
                ObjectNode ip = o.putObject("in_place");
                // the input of the layer's step: where it does an ADD in its stores, the residual follows
                // the layer's own inputs
                ip.put("input", inPlace);
                ip.put("tensor", steps.operators().get(op.index()).input(inPlace));
                // where the output starts, in bytes from the input's start (negative: below it), and the
                // order in which the layer walks them that makes it safe
                ip.put("output_offset_from_input", layout.inPlaceDistance(steps, op.index()));
                ip.put("order", c.inPlaceAccess(op.index()).order());
            } else {
                o.putNull("in_place");
            }
            LoweredLayer lowered = c.lowering().layer(op.index());
            ObjectNode impl = o.putObject("implementation");
            impl.put("kernel_set", lowered.implementation().kernelSet());
            Compilation.Called runs = called.get(op.index());
            impl.put("function", runs == null ? null : runs.function());
            if (runs != null && runs.owner() != op.index()) {
                impl.put("code_of", runs.owner()); // --optimize balanced: the layer whose function it runs
            } else {
                impl.putNull("code_of");
            }
            if (layout.isPatched(op.index())) {
                patches(o.putObject("patches"), layout.patches(), kernels);
            } else {
                o.putNull("patches");
            }
            dev.tflc.lower.Fusion fusion = c.lowering().fusion(op.index());
            if (fusion != null) {
                // an ADD done in the stores of the layer that writes its other input
                ObjectNode fn = o.putObject("fused");
                fn.put("layer", fusion.producer());
                fn.put("add", fusion.consumer());
                fn.put("residual", fusion.residual());
            } else {
                o.putNull("fused");
            }
            dev.tflc.lower.Interleaving interleaving = c.lowering().interleaving(op.index());
            if (interleaving != null) {
                // a concatenation whose inputs' producers write them in place, rows interleaved in its output
                ObjectNode in = o.putObject("interleaved");
                in.put("concatenation", interleaving.concatenation());
                ArrayNode producers = in.putArray("producers");
                interleaving.producers().forEach(producers::add);
                in.put("rows", interleaving.rounds());
            } else {
                o.putNull("interleaved");
            }
            ArrayNode declined = o.putArray("declined");
            for (LoweredLayer.Declined d : lowered.declined()) {
                ObjectNode dn = declined.addObject();
                dn.put("kernel_set", d.kernelSet());
                dn.put("reason", d.reason());
            }
            long scratchBytes = c.lowering().isFusedAway(op.index()) ? 0
                    : !layout.isPatched(op.index()) ? lowered.implementation().scratchBytes()
                    : op.index() == layout.patches().first() ? layout.patches().scratchBytes() : 0;
            if (scratchBytes > 0) {
                ObjectNode scratch = o.putObject("scratch");
                scratch.put("offset", layout.scratchOffset(op.index()));
                scratch.put("bytes", scratchBytes);
            } else {
                o.putNull("scratch");
            }
            tensors(o.putArray("inputs"), c, op.inputs());
            tensors(o.putArray("outputs"), c, op.outputs());
        }
        try {
            String json = Json.WRITER.writeValueAsString(root) + "\n";
            return new Report(json, layout.arenaBytes(), layout.lowerBoundBytes(), weightBytes, requantTableBytes,
                    c.otherTableBytes(), macs, fit.problem());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A patch stage: its layers, its bands and their height in output rows of the last layer, its
     * scratch (the rows between the layers and their own scratch) and the MACs its halos add.
     */
    private static void patches(ObjectNode o, PatchStage stage, List<Kernel> kernels) {
        o.put("first", stage.first());
        o.put("last", stage.last());
        o.put("bands", stage.bands());
        o.put("rows", stage.rows());
        o.put("scratch_bytes", stage.scratchBytes());
        o.put("extra_macs", stage.extraMacs(kernels));
    }

    private static void tensors(ArrayNode out, Compilation c, List<Integer> indices) {
        Graph g = c.graph();
        ArenaLayout layout = c.layout();
        for (int i : indices) {
            if (i < 0) {
                continue;
            }
            Tensor t = g.tensor(i);
            ObjectNode o = out.addObject();
            o.put("tensor", i);
            o.put("name", t.name());
            o.put("type", t.type().name());
            ArrayNode shape = o.putArray("shape");
            for (int d : t.shape().dims()) {
                shape.add(d);
            }
            o.put("bytes", t.byteSize());
            if (t.isConstant()) {
                o.put("constant", true);
            } else if (c.isFusedAway(i)) {
                // the output of a layer that does the ADD reading it in its stores: never stored
                o.putNull("offset");
                o.put("fused", true);
            } else if (layout.offsets()[i] < 0) {
                // between layers run in patches: never whole, its rows in the stage's scratch
                o.putNull("offset");
                o.put("in_patches", true);
            } else {
                o.put("offset", layout.offsets()[i]);
                o.put("size", t.byteSize());
                long[] rows = c.layout().rows(i);
                if (rows != null) {
                    // a part of a concatenation its producer writes in place: rows apart in the output
                    o.put("row_bytes", rows[0]);
                    o.put("row_stride", rows[1]);
                }
                if (t.isVariable()) {
                    o.put("variable", true);
                }
            }
        }
    }

    public String toJson() {
        return json;
    }
}
