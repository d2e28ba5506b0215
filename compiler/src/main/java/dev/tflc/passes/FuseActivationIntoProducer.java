package dev.tflc.passes;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.ops.Activation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Folds a standalone int8 RELU, RELU6 or RELU_N1_TO_1 into the CONV_2D, DEPTHWISE_CONV_2D,
 * FULLY_CONNECTED or ADD whose output alone it reads, as that operator's fused activation; the
 * activation operator and its tensor are gone. Bit-exact because the producer's last step is
 * clamping its int8 result to its fused activation's range, and the standalone operator is proven,
 * by running its reference kernel on all 256 values, to be a clamp to [lo, hi] as well: two clamps
 * are one, to the intersection of the ranges, which must be exactly the range of one fused
 * activation on the producer's output. The activation must keep the quantization (else it
 * requantizes, which a clamp cannot do). Not for float32: a fused RELU clamps +inf to FLT_MAX and
 * -0.0 to +0.0, where the standalone kernel keeps them.
 */
public final class FuseActivationIntoProducer implements Pass {
    private static final Set<String> ACTIVATIONS = Set.of("RELU", "RELU6", "RELU_N1_TO_1");
    private static final Set<String> PRODUCERS = Set.of("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "ADD");
    private static final String FUSED = "fusedActivationFunction";

    @Override
    public String name() {
        return "fuse-activation-into-producer";
    }

    @Override
    public Graph apply(Graph g) {
        // One fusion at a time, until none is left: RELU then RELU6 fuse in two rounds.
        for (Graph before = null; before != g;) {
            before = g;
            g = fuseFirst(g);
        }
        return g;
    }

    private static Graph fuseFirst(Graph g) {
        for (Operator activation : g.operators()) {
            if (!ACTIVATIONS.contains(activation.kind()) || activation.inputs().size() != 1
                    || activation.outputs().size() != 1 || activation.input(0) < 0) {
                continue;
            }
            int t = activation.input(0);
            Operator producer = g.operators().stream().filter(o -> o.outputs().contains(t)).findFirst().orElse(null);
            Activation fused = producer == null ? null : fused(g, producer, activation);
            if (fused != null) {
                Map<String, Object> fields = new HashMap<>(producer.options().fields());
                fields.put(FUSED, fused.ordinal());
                return Rewrite.edit(g, Set.of(activation.index()), Map.of(activation.output(0), t), Map.of(),
                        Map.of(producer.index(), new Options(producer.options().type(), fields)));
            }
        }
        return g;
    }

    /** The producer's new fused activation, or null where the two clamps are not one of its activations. */
    static Activation fused(Graph g, Operator producer, Operator activation) {
        int t = activation.input(0);
        Tensor in = g.tensor(t);
        Tensor out = g.tensor(activation.output(0));
        if (!PRODUCERS.contains(producer.kind()) || producer.outputs().size() != 1 || in.type() != TensorType.INT8
                || out.type() != TensorType.INT8 || !in.shape().equals(out.shape()) || !in.isQuantized()
                || !Objects.equals(in.quantization(), out.quantization()) || g.outputs().contains(t)
                || Rewrite.readers(g, t).size() != 1 || !Rewrite.canReplace(g, activation.output(0), t)) {
            return null;
        }
        int code = producer.options().getInt(FUSED, 0);
        int[] clamp = clampRange(Identity.onEveryValue(g, List.of(activation)));
        if (clamp == null || code < 0 || code >= Activation.values().length) {
            return null;
        }
        try {
            int[] now = Activation.values()[code].quantizedRange(in);
            int lo = Math.max(now[0], clamp[0]);
            int hi = Math.min(now[1], clamp[1]);
            for (Activation a : List.of(Activation.NONE, Activation.RELU, Activation.RELU6, Activation.RELU_N1_TO_1)) {
                int[] r = a.quantizedRange(in);
                if (lo <= hi && r[0] == lo && r[1] == hi) {
                    return a;
                }
            }
        } catch (ArithmeticException e) {
            return null;
        }
        return null;
    }

    /** {lo, hi} when {@code out} (the outputs for inputs -128 .. 127) is x clamped to [lo, hi]; else null. */
    private static int[] clampRange(int[] out) {
        if (out == null || out.length != 256) {
            return null;
        }
        int lo = out[0];
        int hi = out[255];
        for (int i = 0; i < 256; i++) {
            if (out[i] != Math.min(Math.max(i - 128, lo), hi)) {
                return null;
            }
        }
        return new int[] {lo, hi};
    }
}
