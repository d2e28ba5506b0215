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
 * layer's implementation becomes the fused one, the ADD's is kept for reports but runs nothing.
 */
public record Lowering(List<String> order, List<LoweredLayer> layers, Goal goal, List<Fusion> fusions) {
    public Lowering {
        order = List.copyOf(order);
        layers = List.copyOf(layers);
        fusions = List.copyOf(fusions);
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
            KernelSet set = order.stream().filter(s -> s.name().equals(producer.implementation().kernelSet()))
                    .findFirst().orElseThrow();
            Operator p = g.operators().get(f.producer());
            Implementation fused = set.fuse(new Layer(g, p, kernels.get(p.index()), target), producer.implementation(),
                    new Layer(g, op, kernels.get(op.index()), target), op.input(0) == f.residual() ? 0 : 1);
            Offer.Decline refused = fused == null ? null : goal.refusal(fused);
            if (fused != null && refused == null) {
                layers.set(f.producer(), new LoweredLayer(fused, producer.declined()));
                fusions.add(f);
            }
        }
        return new Lowering(order.stream().map(KernelSet::name).toList(), layers, goal, fusions);
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
