package dev.tflc.codegen;

import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything decided before C is written, in the order the stages run: the graph after the passes,
 * its prepared operators, the lowering (each layer's implementation, and its scratch), and the arena
 * layout of tensors and scratch. {@code info} shows it; {@link CGenerator} renders it. {@code steps} is
 * the graph as its steps run ({@link Lowering#steps}): where a layer does an ADD in its stores, its
 * step reads the residual too and writes the ADD's output. The layers' calls and the arena speak of
 * these operators; reports of the graph's own.
 */
public record Compilation(Graph graph, List<Kernel> kernels, Lowering lowering, ArenaLayout layout, Target target,
        Graph steps) {

    /** Runs the passes, prepares, lowers with {@code preferredKernels} first (null: the target's order), and plans. */
    public static Compilation of(Graph source, Target target, String preferredKernels) {
        return of(source, target, preferredKernels, Goal.SPEED);
    }

    /**
     * Runs the passes, prepares, lowers with {@code preferredKernels} first (null: the target's order)
     * for {@code goal}, and plans.
     */
    public static Compilation of(Graph source, Target target, String preferredKernels, Goal goal) {
        return of(source, target, preferredKernels, goal, null);
    }

    /**
     * As {@link #of(Graph, Target, String, Goal)}, with the arena held to {@code maxArena} bytes (null:
     * no budget): when the plan needs more, the first layers that can run in patches do
     * ({@link #withinBudget}), or the budget is refused.
     */
    public static Compilation of(Graph source, Target target, String preferredKernels, Goal goal, Long maxArena) {
        // Every problem of the model is reported as the file has it, before any rewrite.
        List<Kernel> prepared = Operators.prepare(source);
        Graph g = Passes.run(source, Passes.standard());
        List<Kernel> kernels = g == source ? prepared : Operators.prepare(g);
        Lowering lowering = Lowering.of(g, kernels, target, KernelSets.order(target, preferredKernels), goal);
        Graph steps = lowering.steps(g);
        lowering = interleavedWhereItPays(steps, kernels, lowering, target.alignment());
        ArenaLayout layout = layout(steps, kernels, lowering, target.alignment());
        long[] scratch = scratch(lowering, g.operators().size());
        List<dev.tflc.lower.Sharing> inPlace = sharing(lowering, g.operators().size());
        if (maxArena != null && layout.arenaBytes() > maxArena) {
            layout = withinBudget(g, steps, kernels, lowering, scratch, inPlace, target.alignment(), layout, maxArena);
        }
        return new Compilation(g, kernels, lowering, layout, target, steps);
    }

    /** The longest chain of layers {@link #withinBudget} runs in patches, and the band heights it tries. */
    private static final int MOST_LAYERS = 6;
    private static final int[] BAND_ROWS = {1, 2, 4, 8};

    /**
     * A layout within {@code maxArena} bytes with one chain of layers in patches: among the chains of
     * two to {@link #MOST_LAYERS} layers that can run in bands and the band heights
     * {@link #BAND_ROWS}, the one whose arena fits with the fewest extra MACs (then the smallest
     * arena); an {@link IrException} naming the smallest arena found when none fits.
     */
    private static ArenaLayout withinBudget(Graph g, Graph steps, List<Kernel> kernels, Lowering lowering, long[] scratch,
            List<dev.tflc.lower.Sharing> inPlace, int alignment, ArenaLayout whole, long maxArena) {
        ArenaLayout best = null;
        long bestExtra = Long.MAX_VALUE;
        ArenaLayout smallest = whole;
        int tried = 0;
        int n = g.operators().size();
        for (int first = 0; first < n; first++) {
            chains:
            for (int last = first + 1; last < Math.min(n, first + MOST_LAYERS); last++) {
                for (int rows : BAND_ROWS) {
                    PatchStage stage = PatchStage.of(g, lowering, first, last, rows, alignment);
                    if (stage == null && rows == BAND_ROWS[0]) {
                        break chains; // no chain in bands of one row: a longer one from here is none either
                    }
                    if (stage == null) {
                        continue;
                    }
                    tried++;
                    ArenaLayout l = ArenaLayout.of(steps, kernels, scratch, inPlace, alignment, stage,
                            interleaved(lowering));
                    if (l.arenaBytes() < smallest.arenaBytes()) {
                        smallest = l;
                    }
                    long extra = stage.extraMacs(kernels);
                    if (l.arenaBytes() <= maxArena && (best == null || extra < bestExtra
                            || extra == bestExtra && l.arenaBytes() < best.arenaBytes())) {
                        best = l;
                        bestExtra = extra;
                    }
                }
            }
        }
        if (best == null) {
            throw new IrException(String.format(Locale.ROOT, "the arena needs %,d bytes, more than --max-arena %,d%s",
                    whole.arenaBytes(), maxArena, tried == 0 ? " (no chain of layers can run in patches)"
                            : smallest == whole ? " (no chain of layers in patches makes it smaller)"
                            : String.format(Locale.ROOT, "; the smallest found runs %s: %,d bytes",
                                    smallest.patches().describe(), smallest.arenaBytes())));
        }
        return best;
    }

    /**
     * This compilation with operators {@code first..last} run in bands of {@code rows} rows, or null
     * when they cannot run so.
     */
    public Compilation withPatches(int first, int last, int rows) {
        PatchStage stage = PatchStage.of(graph, lowering, first, last, rows, target.alignment());
        if (stage == null) {
            return null;
        }
        int n = graph.operators().size();
        return new Compilation(graph, kernels, lowering, ArenaLayout.of(steps, kernels, scratch(lowering, n),
                sharing(lowering, n), target.alignment(), stage, interleaved(lowering)), target, steps);
    }

    /**
     * Whether tensor {@code t} is the output of a layer that does the ADD reading it in its stores
     * ({@link dev.tflc.lower.Fusion}): no step writes it, it is never stored.
     */
    public boolean isFusedAway(int t) {
        return lowering.fusions().stream().anyMatch(f -> graph.operators().get(f.producer()).output(0) == t);
    }

    /**
     * True when operator {@code index} runs nothing at its place: a re-view sharing its input's memory,
     * a joined concatenation or split, or an ADD done in the stores of the layer before it.
     */
    public boolean runsNothing(int index) {
        return layout.isAliased(index) || lowering.isFusedAway(index);
    }

    /** Why operator {@code index} runs nothing (for {@code info} and the generated code's comment), or null. */
    public String nothingToDo(int index) {
        if (lowering.isFusedAway(index)) {
            return "done in the stores of layer " + lowering.fusion(index).producer();
        }
        return layout.nothingToDo(index, kernels.get(index));
    }

    /**
     * Where layer {@code index} writes its output as a part of a concatenation in place ({@link
     * dev.tflc.lower.Interleaving}), described: "into layer 2's CONCATENATION, rows of 6 bytes every 18
     * from byte 0 of its output"; null for any other layer.
     */
    public String interleavedDescription(int index) {
        dev.tflc.lower.Interleaving i = lowering.interleaving(index);
        if (i == null || i.concatenation() == index) {
            return null;
        }
        int t = graph.operators().get(index).output(0);
        long[] rows = layout.rows(t);
        int concatenation = graph.operators().get(i.concatenation()).output(0);
        return String.format(Locale.ROOT, "into layer %d's %s, rows of %,d bytes every %,d from byte %,d of its output",
                i.concatenation(), graph.operators().get(i.concatenation()).kind(), rows[0], rows[1],
                layout.offsets()[t] - layout.offsets()[concatenation]);
    }

    /**
     * {@code lowering} with the concatenations its producers write in place ({@link
     * dev.tflc.lower.Interleaving}) only where that costs no arena: such a concatenation holds its whole
     * from its first part's birth, which can cost more than copying saves. Each is undone in turn where
     * the arena shrinks without it, then all are where that gives a smaller arena still.
     */
    private static Lowering interleavedWhereItPays(Graph steps, List<Kernel> kernels, Lowering lowering,
            int alignment) {
        if (lowering.interleavings().isEmpty()) {
            return lowering;
        }
        long arena = layout(steps, kernels, lowering, alignment).arenaBytes();
        Lowering none = lowering;
        for (dev.tflc.lower.Interleaving i : lowering.interleavings()) {
            none = none.without(i);
            Lowering without = lowering.without(i);
            long bytes = layout(steps, kernels, without, alignment).arenaBytes();
            if (bytes < arena) {
                lowering = without;
                arena = bytes;
            }
        }
        return layout(steps, kernels, none, alignment).arenaBytes() < arena ? none : lowering;
    }

    /** The layout of {@code steps} as {@code lowering} runs them, without patches. */
    private static ArenaLayout layout(Graph steps, List<Kernel> kernels, Lowering lowering, int alignment) {
        int n = steps.operators().size();
        return ArenaLayout.of(steps, kernels, scratch(lowering, n), sharing(lowering, n), alignment, null,
                interleaved(lowering));
    }

    /** The concatenations written in place by their inputs' producers ({@link dev.tflc.lower.Interleaving}). */
    private static Set<Integer> interleaved(Lowering lowering) {
        Set<Integer> concatenations = new java.util.TreeSet<>();
        lowering.interleavings().forEach(i -> concatenations.add(i.concatenation()));
        return concatenations;
    }

    /** The scratch bytes of each of the {@code n} layers' implementations. */
    private static long[] scratch(Lowering lowering, int n) {
        long[] scratch = new long[n];
        for (int i = 0; i < n; i++) {
            scratch[i] = lowering.implementation(i).scratchBytes();
        }
        return scratch;
    }

    /** The inputs each of the {@code n} layers' output may be written over, and the order that allows it. */
    private static List<dev.tflc.lower.Sharing> sharing(Lowering lowering, int n) {
        List<dev.tflc.lower.Sharing> sharing = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sharing.add(lowering.implementation(i).sharing());
        }
        return sharing;
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
        long distance = layout.inPlaceDistance(steps, index);
        dev.tflc.lower.Fusion fusion = lowering.fusion(index);
        String which = fusion != null && input == fusion.residualPosition(graph)
                ? "the residual of layer " + fusion.consumer() + "'s ADD" : "input " + input;
        return "over " + which + " (" + inPlaceAccess(index).order()
                + (distance == 0 ? "; at its offset)" : String.format(Locale.ROOT, "; output %,d bytes %s it)",
                        Math.abs(distance), distance < 0 ? "below" : "above"));
    }

    /**
     * The order in which operator {@code index} reads the input it may write over and writes its output
     * (for the first layer of a patch stage, the stage's bands), or null.
     */
    public dev.tflc.lower.Access inPlaceAccess(int index) {
        return layout.isPatched(index) ? index == layout.patches().first() ? layout.patches().access() : null
                : lowering.implementation(index).inPlaceAccess(layout.inPlaceInput(index));
    }

    /**
     * The constant tensors the layers' calls read, each once, in order of first use: the weights the
     * generated code stores. (A RESHAPE's shape input, for one, is read by no call.)
     */
    public List<Tensor> weights() {
        Set<Integer> used = new LinkedHashSet<>();
        for (int i = 0; i < graph.operators().size(); i++) {
            if (runsNothing(i)) {
                continue;
            }
            Implementation impl = lowering.implementation(i);
            List<CCall> calls = new java.util.ArrayList<>(impl.before());
            calls.add(impl.call());
            for (CCall call : calls) {
                for (CCall.Arg a : call.args()) {
                    collectInputs(a, steps.operators().get(i).inputs(), used);
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
            if (!runsNothing(i) && lowering.implementation(i).code() != null) {
                graph.operators().get(i).inputs().stream().filter(t -> t >= 0).forEach(used::add);
            }
        }
        return graph.tensors().stream().filter(t -> t.isConstant() && !used.contains(t.index()))
                .mapToLong(Tensor::byteSize).sum();
    }

    /**
     * How a layer's call runs its code: {@code function}, the function it names; {@code shared}, the
     * layer runs the shared form of its code ({@link LayerCode#shared}), its arrays the call's last
     * arguments; {@code owner}, the layer whose code holds the functions (the layer itself, or the
     * first of its group).
     */
    public record Called(String function, boolean shared, int owner) {
    }

    /**
     * Per layer, how its call runs its code (null for a layer that runs nothing; a layer in patches
     * calls its band function). Under {@code --optimize balanced}, layers whose shared forms are the
     * same but for their names ({@link LayerCode#shapeKey}) run the first one's functions, each with
     * its arrays, and the generated source holds those functions once; a layer alone in its group,
     * and every layer under the other goals, runs functions of its own that name its arrays (which
     * the C compiler folds into the loops: a few percent fewer instructions than taking them as
     * arguments).
     */
    public List<Called> calledFunctions() {
        int n = graph.operators().size();
        String[] keys = new String[n];
        Map<String, Integer> members = new HashMap<>();
        for (int i = 0; i < n && lowering.goal() == Goal.BALANCED; i++) {
            Implementation impl = lowering.implementation(i);
            if (!runsNothing(i) && !layout.isPatched(i) && impl.code() != null) {
                keys[i] = impl.code().shapeKey(dev.tflc.lower.Layer.name(graph.operators().get(i)));
                if (keys[i] != null) {
                    members.merge(keys[i], 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> first = new HashMap<>();
        List<Called> called = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Implementation impl = lowering.implementation(i);
            if (runsNothing(i)) {
                called.add(null);
            } else if (layout.isPatched(i)) {
                called.add(new Called(impl.band().function(), false, i));
            } else if (keys[i] == null || members.get(keys[i]) < 2) {
                called.add(new Called(impl.function(), false, i));
            } else {
                // the same text but for the layer's name: the first one's function is this one's, renamed
                int owner = first.merge(keys[i], i, Math::min);
                called.add(new Called(lowering.implementation(owner).function(), true, owner));
            }
        }
        return called;
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
            if (runsNothing(i)) {
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
