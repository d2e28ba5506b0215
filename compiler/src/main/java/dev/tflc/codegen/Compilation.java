package dev.tflc.codegen;

import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.Tensor;
import dev.tflc.lower.CCall;
import dev.tflc.lower.KernelSets;
import dev.tflc.lower.LayerCode;
import dev.tflc.lower.Lowering;
import dev.tflc.ops.Kernel;
import dev.tflc.ops.Operators;
import dev.tflc.passes.Passes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything decided before C is written, in the order the stages run: the graph after the passes,
 * its prepared operators, the lowering (each layer's implementation, and its scratch), and the arena
 * layout of tensors and scratch. {@code info} shows it; {@link CGenerator} renders it.
 */
public record Compilation(Graph graph, List<Kernel> kernels, Lowering lowering, ArenaLayout layout, Target target) {

    /** Runs the passes, prepares, lowers with {@code preferredKernels} first (null: the target's order), and plans. */
    public static Compilation of(Graph source, Target target, String preferredKernels) {
        // Every problem of the model is reported as the file has it, before any rewrite.
        List<Kernel> prepared = Operators.prepare(source);
        Graph g = Passes.run(source, Passes.standard());
        List<Kernel> kernels = g == source ? prepared : Operators.prepare(g);
        Lowering lowering = Lowering.of(g, kernels, target, KernelSets.order(target, preferredKernels));
        long[] scratch = new long[g.operators().size()];
        List<List<Integer>> inPlace = new java.util.ArrayList<>();
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = lowering.implementation(i).scratchBytes();
            inPlace.add(lowering.implementation(i).inPlaceInputs());
        }
        ArenaLayout layout = ArenaLayout.of(g, kernels, scratch, inPlace, target.alignment());
        return new Compilation(g, kernels, lowering, layout, target);
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
            for (CCall.Arg a : lowering.implementation(i).call().args()) {
                collectInputs(a, graph.operators().get(i).inputs(), used);
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
        return weights().stream().mapToLong(Tensor::byteSize).sum() + layerCodeBytes(LayerCode.Role.WEIGHTS);
    }

    private long layerCodeBytes(LayerCode.Role role) {
        long bytes = 0;
        for (int i = 0; i < graph.operators().size(); i++) {
            LayerCode code = lowering.implementation(i).code();
            if (!layout.isAliased(i) && code != null) {
                bytes += code.bytes(role);
            }
        }
        return bytes;
    }

    /** Bytes of the per-channel requantization arrays (multipliers and shifts) the calls carry. */
    public long requantTableBytes() {
        return tableBytes(true) + layerCodeBytes(LayerCode.Role.REQUANT);
    }

    /** Bytes of the other constant arrays the calls carry (CMSIS-NN's kernel sums, zero biases, ...). */
    public long otherTableBytes() {
        return tableBytes(false) + layerCodeBytes(LayerCode.Role.TABLE);
    }

    private long tableBytes(boolean requant) {
        long bytes = 0;
        for (int i = 0; i < graph.operators().size(); i++) {
            if (!layout.isAliased(i)) {
                for (CCall.Arg a : lowering.implementation(i).call().args()) {
                    bytes += tableBytes(a, requant);
                }
            }
        }
        return bytes;
    }

    private static long tableBytes(CCall.Arg a, boolean requant) {
        if (a instanceof CCall.Ints i) {
            boolean isRequant = i.name().equals("multipliers") || i.name().equals("shifts");
            return isRequant == requant ? 4L * i.values().length : 0;
        }
        if (a instanceof CCall.Struct s) {
            return s.fields().values().stream().mapToLong(f -> tableBytes(f, requant)).sum();
        }
        return 0;
    }

    private static void collectInputs(CCall.Arg a, List<Integer> inputs, Set<Integer> used) {
        if (a instanceof CCall.Input in && inputs.get(in.index()) >= 0) {
            used.add(inputs.get(in.index()));
        } else if (a instanceof CCall.Struct s) {
            s.fields().values().forEach(f -> collectInputs(f, inputs, used));
        } else if (a instanceof CCall.Fields s) {
            s.fields().values().forEach(f -> collectInputs(f, inputs, used));
        }
    }
}
