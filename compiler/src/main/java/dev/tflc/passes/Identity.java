package dev.tflc.passes;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import dev.tflc.ops.Kernel;
import dev.tflc.ops.Node;
import dev.tflc.ops.Operators;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves that a chain of element-wise operators computes the identity, by running their reference
 * kernels on every value of an 8- or 16-bit integer input type: no reasoning about rounding, just
 * every case. Chains on other types are never called identities.
 */
final class Identity {
    private Identity() {
    }

    /**
     * True when running {@code chain} (each operator reading the previous one's single output, all
     * element-wise with one input and one output) returns every value of the first input's type
     * unchanged, and the last output has the first input's type, shape and quantization.
     */
    static boolean holds(Graph g, List<Operator> chain) {
        Tensor first = g.tensor(chain.get(0).input(0));
        Tensor last = g.tensor(chain.get(chain.size() - 1).output(0));
        if (first.type() != last.type() || !first.shape().equals(last.shape())
                || !java.util.Objects.equals(first.quantization(), last.quantization())) {
            return false;
        }
        int[] out = onEveryValue(g, chain);
        if (out == null) {
            return false;
        }
        int min = (int) first.type().min();
        for (int i = 0; i < out.length; i++) {
            if (out[i] != min + i) {
                return false;
            }
        }
        return true;
    }

    /**
     * The outputs of {@code chain} (as {@link #holds} takes it) for every value of the first input's
     * 8- or 16-bit integer type in increasing order, by its reference kernels; null when the chain is
     * not one tflc runs so (another type, an operator with more operands, one it refuses) or ends in
     * float.
     */
    static int[] onEveryValue(Graph g, List<Operator> chain) {
        Tensor first = g.tensor(chain.get(0).input(0));
        if (first.type() != TensorType.INT8 && first.type() != TensorType.INT16) {
            return null;
        }
        for (Operator op : chain) {
            if (op.inputs().size() != 1 || op.outputs().size() != 1 || Operators.kind(op.kind()) == null) {
                return null;
            }
        }
        // The same chain on a one-dimensional tensor holding every value of the input type once.
        int count = 1 << (first.type().bytes() * 8);
        Shape all = Shape.of(count);
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(new Tensor(0, first.name(), first.type(), all, first.quantization(), null, false));
        List<Operator> ops = new ArrayList<>();
        for (Operator op : chain) {
            Tensor out = g.tensor(op.output(0));
            int i = tensors.size();
            tensors.add(new Tensor(i, out.name(), out.type(), all, out.quantization(), null, false));
            ops.add(new Operator(ops.size(), op.kind(), op.version(), List.of(i - 1), List.of(i), op.options()));
        }
        Graph line = new Graph("", tensors, ops, List.of(0), List.of(tensors.size() - 1));
        TensorData data = TensorData.zeros(first.type(), all);
        int min = (int) first.type().min();
        for (int i = 0; i < count; i++) {
            data.ints()[i] = min + i;
        }
        TensorData x = data;
        for (Operator op : line.operators()) {
            Kernel k;
            try {
                k = Operators.kind(op.kind()).prepare(new Node(line, op));
            } catch (RuntimeException e) {
                return null; // not an operator tflc runs as it is: leave it for compile to report
            }
            Tensor out = line.tensor(op.output(0));
            TensorData y = TensorData.zeros(out.type(), all);
            k.run(new TensorData[] {x}, new TensorData[] {y});
            x = y;
        }
        return x.type() == TensorType.FLOAT32 ? null : x.ints();
    }
}
