package dev.tflc.codegen;

import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.Tensor;
import dev.tflc.lower.CCall;
import dev.tflc.lower.Goal;
import dev.tflc.lower.Implementation;
import dev.tflc.lower.KernelSets;
import dev.tflc.lower.LayerCode;
import dev.tflc.lower.Lowering;
import dev.tflc.ops.Kernel;
import dev.tflc.ops.Operators;
import dev.tflc.passes.Passes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything decided before C is written, in the order the stages run: the graph after the passes,
 * its prepared operators, the lowering (each layer's implementation, and its scratch), and the arena
 * layout of tensors and scratch. {@code info} shows it; {@link CGenerator} renders it.
 */
public record Compilation(Graph graph, List<Kernel> kernels, Lowering lowering, ArenaLayout layout, Target target) {

    /** Runs the passes, prepares, lowers with {@code preferredKernels} first (null: the target's order), and plans. */
    public static Compilation of(Graph source, Target target, String preferredKernels) {
        return of(source, target, preferredKernels, Goal.SPEED);
    }

    /**
     * Runs the passes, prepares, lowers with {@code preferredKernels} first (null: the target's order)
     * for {@code goal}, and plans.
     */
    public static Compilation of(Graph source, Target target, String preferredKernels, Goal goal) {
        // Every problem of the model is reported as the file has it, before any rewrite.
        List<Kernel> prepared = Operators.prepare(source);
        Graph g = Passes.run(source, Passes.standard());
        List<Kernel> kernels = g == source ? prepared : Operators.prepare(g);
        Lowering lowering = Lowering.of(g, kernels, target, KernelSets.order(target, preferredKernels), goal);
        long[] scratch = new long[g.operators().size()];
        List<ArenaLayout.Sharing> inPlace = new java.util.ArrayList<>();
        for (int i = 0; i < scratch.length; i++) {
            Implementation impl = lowering.implementation(i);
            scratch[i] = impl.scratchBytes();
            inPlace.add(new ArenaLayout.Sharing(impl.inPlaceInputs(), impl.inPlaceAccess()));
        }
        ArenaLayout layout = ArenaLayout.of(g, kernels, scratch, inPlace, target.alignment());
        return new Compilation(g, kernels, lowering, layout, target);
    }

    /**
     * Where operator {@code index}'s output was written over one of its inputs, described: "over
     * input 0 (pixels forward; output 448 bytes below it)"; null when it was not.
     */
    public String inPlaceDescription(int index) {
        int input = layout.inPlaceInput(index);
        if (input < 0) {
            return null;
        }
        long distance = layout.inPlaceDistance(graph, index);
        return "over input " + input + " (" + lowering.implementation(index).inPlaceAccess().order()
                + (distance == 0 ? "; at its offset)" : String.format(Locale.ROOT, "; output %,d bytes %s it)",
                        Math.abs(distance), distance < 0 ? "below" : "above"));
    }

    /**
     * The constant tensors the layers' calls read, each once, in order of first use: the weights the
     * generated code stores. (A RESHAPE's shape input, for one, is read by no call.)
     */
    public List<Tensor> weights() {
        Set<Integer> used = new LinkedHashSet<>();
        for (int i = 0; i < graph.operators().size(); i++) {
            if (layout.isAliased(i)) {
                continue;
            }
            Implementation impl = lowering.implementation(i);
            List<CCall> calls = new java.util.ArrayList<>(impl.before());
            calls.add(impl.call());
            for (CCall call : calls) {
                for (CCall.Arg a : call.args()) {
                    collectInputs(a, graph.operators().get(i).inputs(), used);
                }
            }
        }
        return used.stream().map(graph::tensor).filter(Tensor::isConstant).toList();
    }

    /**
     * The bytes of the constant tensors the generated code needs in no form: read by no call, and not
     * an input of a layer that emits its own code (whose arrays are derived from its inputs).
     */
    public long unusedConstantBytes() {
        Set<Integer> used = new LinkedHashSet<>();
        weights().forEach(t -> used.add(t.index()));
        for (int i = 0; i < graph.operators().size(); i++) {
            if (!layout.isAliased(i) && lowering.implementation(i).code() != null) {
                graph.operators().get(i).inputs().stream().filter(t -> t >= 0).forEach(used::add);
            }
        }
        return graph.tensors().stream().filter(t -> t.isConstant() && !used.contains(t.index()))
                .mapToLong(Tensor::byteSize).sum();
    }

    /** The bytes of the weights: the tensors the calls read, and the arrays emitted as layers' own code. */
    public long weightBytes() {
        return weights().stream().mapToLong(Tensor::byteSize).sum() + arrayBytes().get(LayerCode.Role.WEIGHTS);
    }

    /**
     * Bytes of the per-channel requantization arrays (int32 multipliers and int8 shifts, or CMSIS-NN's
     * int32 shifts) the layers carry, each distinct array once.
     */
    public long requantTableBytes() {
        return arrayBytes().get(LayerCode.Role.REQUANT);
    }

    /** Bytes of the other constant arrays the layers carry (CMSIS-NN's kernel sums, zero biases, ...). */
    public long otherTableBytes() {
        return arrayBytes().get(LayerCode.Role.TABLE);
    }

    /**
     * The bytes of the constant arrays the layers that run carry, by what they hold, each distinct
     * array counted once as the generated source stores it ({@link ConstantArrays}): in layer order,
     * the call's arrays, then the layer's own code's. A call's multipliers and shifts are
     * requantization tables, its other arrays tables.
     */
    private Map<LayerCode.Role, Long> arrayBytes() {
        ConstantArrays arrays = new ConstantArrays();
        Map<LayerCode.Role, Long> bytes = new EnumMap<>(LayerCode.Role.class);
        for (LayerCode.Role role : LayerCode.Role.values()) {
            bytes.put(role, 0L);
        }
        for (int i = 0; i < graph.operators().size(); i++) {
            if (layout.isAliased(i)) {
                continue;
            }
            List<CCall.Ints> ints = new ArrayList<>();
            for (CCall.Arg a : lowering.implementation(i).call().args()) {
                collectInts(a, ints);
            }
            for (CCall.Ints x : ints) {
                if (arrays.earlier(x.type(), false, x.values(), i + "_" + x.name()) == null) {
                    boolean requant = x.name().equals("multipliers") || x.name().equals("shifts");
                    bytes.merge(requant ? LayerCode.Role.REQUANT : LayerCode.Role.TABLE, x.bytes(), Long::sum);
                }
            }
            LayerCode code = lowering.implementation(i).code();
            for (LayerCode.Array a : code == null ? List.<LayerCode.Array>of() : code.arrays()) {
                if (arrays.earlier(a.type(), a.role() == LayerCode.Role.WEIGHTS, a.values(), a.name()) == null) {
                    bytes.merge(a.role(), a.bytes(), Long::sum);
                }
            }
        }
        return bytes;
    }

    private static void collectInts(CCall.Arg a, List<CCall.Ints> out) {
        if (a instanceof CCall.Ints i) {
            out.add(i);
        } else if (a instanceof CCall.Struct s) {
            s.fields().values().forEach(f -> collectInts(f, out));
        } else if (a instanceof CCall.Fields s) {
            s.fields().values().forEach(f -> collectInts(f, out));
        }
    }

    private static void collectInputs(CCall.Arg a, List<Integer> inputs, Set<Integer> used) {
        if (a instanceof CCall.Input in && inputs.get(in.index()) >= 0) {
            used.add(inputs.get(in.index()));
        } else if (a instanceof CCall.Weights w && inputs.get(w.index()) >= 0) {
            used.add(inputs.get(w.index()));
        } else if (a instanceof CCall.Struct s) {
            s.fields().values().forEach(f -> collectInputs(f, inputs, used));
        } else if (a instanceof CCall.Fields s) {
            s.fields().values().forEach(f -> collectInputs(f, inputs, used));
        }
    }
}
