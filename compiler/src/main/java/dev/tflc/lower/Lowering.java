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
 * winner unpacked ({@link PackedWeights}).
 */
public record Lowering(List<String> order, List<LoweredLayer> layers, Goal goal) {
    public Lowering {
        order = List.copyOf(order);
        layers = List.copyOf(layers);
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
        return new Lowering(order.stream().map(KernelSet::name).toList(), layers, goal);
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
