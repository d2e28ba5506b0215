package dev.tflc.lower;

import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Operator;
import dev.tflc.ops.Kernel;
import java.util.ArrayList;
import java.util.List;

/**
 * The lowering of a graph: for each operator, the kernel sets in order of preference offer an
 * implementation, and the first that accepts the operator's exact parameters wins. The last set of
 * every order is {@code portable}, which accepts everything tflc supports; {@code goal} may turn an
 * offer down (for size, code of a layer's own), and the reason is reported as the set's. INT4 weights reach the
 * winner unpacked ({@link PackedWeights}). Then each int8 ADD whose input is the output of a layer
 * before it (read by nothing else) is fused into that layer where the layer's set can do the ADD in
 * its stores and the ADD's other input is written before the layer runs ({@link Fusion}): the
 * layer's implementation becomes the fused one, the ADD's is kept for reports but runs nothing. Last,
 * each concatenation whose inputs interleave in its output (along the channels) is written in place by
 * their producers where every producer's set can write its output at the concatenation's stride
 * ({@link Interleaving}): their implementations become those, and the concatenation runs nothing
 * (the arena's planner may undo one, {@link #without}, where the joined whole costs more than it saves).
 */
public record Lowering(List<String> order, List<LoweredLayer> layers, Goal goal, List<Fusion> fusions,
        List<Interleaving> interleavings) {
    public Lowering {
        order = List.copyOf(order);
        layers = List.copyOf(layers);
        fusions = List.copyOf(fusions);
        interleavings = List.copyOf(interleavings);
    }

    /**
     * Lowers each of {@code g}'s operators (prepared as {@code kernels}) for {@code target}: the first
     * set in {@code order} whose offer {@code goal} takes ({@link Goal#refusal}) wins.
     */
    public static Lowering of(Graph g, List<Kernel> kernels, Target target, List<KernelSet> order, Goal goal) {
        List<LoweredLayer> layers = new ArrayList<>();
        for (Operator op : g.operators()) {
            Layer layer = new Layer(g, op, kernels.get(op.index()), target);
            List<LoweredLayer.Declined> declined = new ArrayList<>();
            Implementation chosen = null;
            for (KernelSet set : order) {
                Offer offer = set.offer(layer);
                Offer.Decline refused = offer instanceof Implementation impl ? goal.refusal(impl) : null;
                if (refused != null) {
                    offer = refused;
                }
                if (offer instanceof Implementation impl) {
                    chosen = PackedWeights.unpacked(impl, layer);
                    break;
                }
                declined.add(new LoweredLayer.Declined(set.name(), ((Offer.Decline) offer).reason()));
            }
            if (chosen == null) {
                throw new IrException(op.location(), "no kernel set implements it: " + declined);
            }
            layers.add(new LoweredLayer(chosen, declined));
        }
        List<Fusion> fusions = new ArrayList<>();
        int[] writer = new int[g.tensors().size()];
        int[] reads = new int[g.tensors().size()];
        java.util.Arrays.fill(writer, -1);
        for (Operator op : g.operators()) {
            op.outputs().forEach(t -> writer[t] = op.index());
            op.inputs().stream().filter(t -> t >= 0).forEach(t -> reads[t]++);
        }
        for (Operator op : g.operators()) {
            Fusion f = fusable(g, op, writer, reads);
            if (f == null || fusions.stream().anyMatch(e -> e.producer() == f.producer())) {
                continue;
            }
            LoweredLayer producer = layers.get(f.producer());
            Operator p = g.operators().get(f.producer());
            Implementation fused = set(order, producer).fuse(new Layer(g, p, kernels.get(p.index()), target),
                    producer.implementation(),
                    new Layer(g, op, kernels.get(op.index()), target), op.input(0) == f.residual() ? 0 : 1);
            Offer.Decline refused = fused == null ? null : goal.refusal(fused);
            if (fused != null && refused == null) {
                layers.set(f.producer(), new LoweredLayer(fused, producer.declined()));
                fusions.add(f);
            }
        }
        List<Interleaving> interleavings = new ArrayList<>();
        for (Operator op : g.operators()) {
            List<Integer> producers = interleavable(g, op, kernels.get(op.index()), writer, reads, fusions);
            if (producers.isEmpty()) {
                continue;
            }
            int rounds = kernels.get(op.index()).concatenationRounds();
            long stride = g.tensor(op.output(0)).shape().elements() / rounds;
            List<Implementation> strided = new ArrayList<>();
            long at = 0;
            for (int k = 0; k < producers.size(); k++) {
                LoweredLayer producer = layers.get(producers.get(k));
                Operator p = g.operators().get(producers.get(k));
                long row = g.tensor(op.input(k)).shape().elements() / rounds;
                String part = String.format(java.util.Locale.ROOT, "elements %d..%d of every %d of layer %d's %s",
                        at, at + row - 1, stride, op.index(), op.kind());
                Implementation impl = set(order, producer).interleaved(new Layer(g, p, kernels.get(p.index()), target),
                        producer.implementation(), Math.toIntExact(row), Math.toIntExact(stride), part);
                if (impl == null || goal.refusal(impl) != null) {
                    break;
                }
                strided.add(impl);
                at += row;
            }
            if (strided.size() == producers.size()) {
                List<LoweredLayer> alone = new ArrayList<>();
                for (int k = 0; k < producers.size(); k++) {
                    alone.add(layers.get(producers.get(k)));
                    layers.set(producers.get(k), new LoweredLayer(strided.get(k), layers.get(producers.get(k)).declined()));
                }
                interleavings.add(new Interleaving(op.index(), producers, rounds, alone));
            }
        }
        return new Lowering(order.stream().map(KernelSet::name).toList(), layers, goal, fusions, interleavings);
    }

    /** The set in {@code order} that offered {@code layer}'s implementation. */
    private static KernelSet set(List<KernelSet> order, LoweredLayer layer) {
        return order.stream().filter(s -> s.name().equals(layer.implementation().kernelSet())).findFirst()
                .orElseThrow();
    }

    /**
     * The layers that write the inputs of concatenation {@code op} (prepared as {@code kernel}), in input
     * order, where it may be written in place by them ({@link Interleaving}); else none. Its inputs
     * must interleave in its output (more than one round), and each be a distinct run-time tensor, not
     * a state, a graph input or output, that the concatenation alone reads, written by a layer of one
     * output that takes part in no {@link Fusion}; its output is no state.
     */
    static List<Integer> interleavable(Graph g, Operator op, Kernel kernel, int[] writer, int[] reads,
            List<Fusion> fusions) {
        if (kernel.concatenationRounds() <= 1 || g.tensor(op.output(0)).isVariable()) {
            return List.of();
        }
        List<Integer> producers = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int t : op.inputs()) {
            if (t < 0 || !seen.add(t) || g.tensor(t).isConstant() || g.tensor(t).isVariable() || reads[t] != 1
                    || g.inputs().contains(t) || g.outputs().contains(t) || writer[t] < 0) {
                return List.of();
            }
            int p = writer[t];
            if (g.operators().get(p).outputs().size() != 1
                    || fusions.stream().anyMatch(f -> f.producer() == p || f.consumer() == p)) {
                return List.of();
            }
            producers.add(p);
        }
        return producers;
    }

    /**
     * This lowering without {@code interleaving}: its producers write their own outputs, and the
     * concatenation copies them.
     */
    public Lowering without(Interleaving interleaving) {
        List<LoweredLayer> restored = new ArrayList<>(layers);
        for (int k = 0; k < interleaving.producers().size(); k++) {
            restored.set(interleaving.producers().get(k), interleaving.alone().get(k));
        }
        List<Interleaving> rest = new ArrayList<>(interleavings);
        rest.remove(interleaving);
        return new Lowering(order, restored, goal, fusions, rest);
    }

    /** The interleaving whose concatenation or one of whose producers is operator {@code index}, or null. */
    public Interleaving interleaving(int index) {
        for (Interleaving i : interleavings) {
            if (i.concatenation() == index || i.producers().contains(index)) {
                return i;
            }
        }
        return null;
    }

    /**
     * The fusion of ADD {@code op} into the layer that writes one of its inputs, or null: the two
     * inputs are distinct run-time tensors of the output's shape, neither a state; one is written by an
     * earlier operator with that one output, read by the ADD alone and not a graph output; the other
     * (the residual) is a graph input or written before that operator. Where both inputs qualify,
     * the one written last is fused (the other is then written before it). {@code writer[t]}: the
     * operator that writes tensor t (-1: none); {@code reads[t]}: how many times operators read it.
     */
    static Fusion fusable(Graph g, Operator op, int[] writer, int[] reads) {
        if (!op.kind().equals("ADD") || op.inputs().size() != 2 || op.outputs().size() != 1) {
            return null;
        }
        int a = op.input(0);
        int b = op.input(1);
        dev.tflc.ir.Tensor out = g.tensor(op.output(0));
        for (int t : new int[] {a, b}) {
            if (t < 0 || t == (t == a ? b : a) || g.tensor(t).isConstant() || g.tensor(t).isVariable()
                    || !g.tensor(t).shape().equals(out.shape()) || g.tensor(t).type() != out.type()) {
                return null;
            }
        }
        int fused = writer[a] > writer[b] ? a : b;
        int residual = fused == a ? b : a;
        int producer = writer[fused];
        if (producer < 0 || producer >= op.index() || g.operators().get(producer).outputs().size() != 1
                || reads[fused] != 1 || g.outputs().contains(fused) || out.isVariable()) {
            return null;
        }
        return new Fusion(producer, op.index(), residual);
    }

    /** The fusion whose producer or consumer is operator {@code index}, or null. */
    public Fusion fusion(int index) {
        for (Fusion f : fusions) {
            if (f.producer() == index || f.consumer() == index) {
                return f;
            }
        }
        return null;
    }

    /** Whether operator {@code index} is an ADD done in the stores of the layer before it ({@link Fusion}). */
    public boolean isFusedAway(int index) {
        Fusion f = fusion(index);
        return f != null && f.consumer() == index;
    }

    /** The graph as its steps run: {@link Fusion#steps}. */
    public Graph steps(Graph g) {
        return Fusion.steps(g, fusions);
    }

    public LoweredLayer layer(int index) {
        return layers.get(index);
    }

    public Implementation implementation(int index) {
        return layers.get(index).implementation();
    }

    /** The kernel sets whose implementations some layer uses, in preference order. */
    public List<String> setsUsed() {
        return order.stream().filter(s -> layers.stream().anyMatch(l -> l.implementation().kernelSet().equals(s)))
                .toList();
    }
}
