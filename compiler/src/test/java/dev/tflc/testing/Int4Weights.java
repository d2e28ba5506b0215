package dev.tflc.testing;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Model;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.tflite.ModelReader;
import dev.tflc.tflite.ModelWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;

/**
 * Random models with INT4 weights, each with its twin: the same model with the same weight values
 * as INT8. The weights of every CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED are first clamped to
 * INT4's range [-8, 7] in both; the INT4 model packs them two to a byte, the first in the low nibble
 * (written out here bit by bit, not with the compiler's own decoder).
 */
public final class Int4Weights {
    private static final Set<String> WEIGHTED = Set.of("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED");

    private Int4Weights() {
    }

    /** The INT4 model and its INT8 twin, on the same inputs. */
    public record Twins(Case int4, Case int8) {
        @Override
        public String toString() {
            return int4.description();
        }
    }

    public static Arbitrary<Twins> twins(Arbitrary<Case> cases) {
        return cases.map(Int4Weights::twins);
    }

    /** Only the INT4 model of each pair, for tests that hold generated code to the reference. */
    public static Arbitrary<Case> int4(Arbitrary<Case> cases) {
        return cases.map(c -> twins(c).int4());
    }

    public static Twins twins(Case c) {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        List<Tensor> int8 = new ArrayList<>(g.tensors());
        List<Tensor> int4 = new ArrayList<>(g.tensors());
        for (Operator op : g.operators()) {
            Tensor w = op.inputs().size() > 1 && op.input(1) >= 0 ? g.tensor(op.input(1)) : null;
            if (!WEIGHTED.contains(op.kind()) || w == null || w.type() != TensorType.INT8 || !w.isConstant()) {
                continue;
            }
            byte[] values = w.data();
            byte[] packed = new byte[(values.length + 1) / 2];
            for (int i = 0; i < values.length; i++) {
                values[i] = (byte) Math.max(-8, Math.min(7, values[i]));
                int nibble = values[i] & 0x0f;
                packed[i / 2] |= (byte) (i % 2 == 0 ? nibble : nibble << 4);
            }
            int8.set(w.index(), new Tensor(w.index(), w.name(), TensorType.INT8, w.shape(), w.quantization(), values,
                    false));
            int4.set(w.index(), new Tensor(w.index(), w.name(), TensorType.INT4, w.shape(), w.quantization(), packed,
                    false));
        }
        return new Twins(withTensors(c, g, int4, " with INT4 weights"), withTensors(c, g, int8, " with INT8 twin"));
    }

    private static Case withTensors(Case c, Graph g, List<Tensor> tensors, String suffix) {
        Graph changed = new Graph(g.name(), tensors, g.operators(), g.inputs(), g.outputs());
        byte[] model = ModelWriter.write(new Model(List.of(changed), "tflc test"));
        return new Case(c.description() + suffix, model, c.inputs(), c.outputBytes());
    }
}
