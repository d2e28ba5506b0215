package dev.tflc.ops;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import java.util.Arrays;

/** An operator seen with its graph: typed access to its tensors and options, and located errors. */
public record Node(Graph graph, Operator op) {

    public Options options() {
        return op.options();
    }

    public int inputCount() {
        return op.inputs().size();
    }

    /** Input {@code i}; an error if it is absent or omitted. */
    public Tensor input(int i) {
        int t = op.input(i);
        if (t < 0) {
            throw error("input " + i + " is missing");
        }
        return graph.tensor(t);
    }

    /** Input {@code i}, or null if it is absent or omitted. */
    public Tensor optionalInput(int i) {
        int t = op.input(i);
        return t < 0 ? null : graph.tensor(t);
    }

    public Tensor output(int i) {
        return graph.tensor(op.output(i));
    }

    public IrException error(String message) {
        return new IrException(op.location(), message);
    }

    public IrException error(Tensor t, String message) {
        return new IrException(op.location().withTensor(t.name()), message);
    }

    public void expectInputs(int min, int max) {
        if (op.inputs().size() < min || op.inputs().size() > max) {
            throw error("has " + op.inputs().size() + " inputs, expected "
                    + (min == max ? String.valueOf(min) : min + " to " + max));
        }
    }

    public void expectOutputs(int n) {
        if (op.outputs().size() != n) {
            throw error("has " + op.outputs().size() + " outputs, expected " + n);
        }
    }

    public void expectType(Tensor t, TensorType... allowed) {
        if (!Arrays.asList(allowed).contains(t.type())) {
            throw error(t, "type " + t.type() + " is not supported here (expected "
                    + String.join(" or ", Arrays.stream(allowed).map(Enum::name).toList()) + ")");
        }
    }

    public void expectRank(Tensor t, int rank) {
        if (t.shape().rank() != rank) {
            throw error(t, "has shape " + t.shape() + ", expected rank " + rank);
        }
    }

    public void expectShape(Tensor t, Shape expected) {
        if (!t.shape().equals(expected)) {
            throw error(t, "has shape " + t.shape() + " but the operator computes " + expected);
        }
    }

    /** Checks that {@code t} carries quantization with a single scale and zero point. */
    public void expectPerTensor(Tensor t) {
        if (!t.isQuantized()) {
            throw error(t, "is " + t.type() + " but has no quantization parameters");
        }
        if (t.quantization().isPerChannel()) {
            throw error(t, "has per-channel quantization where one scale is expected");
        }
    }

    public void expectSameQuantization(Tensor a, Tensor b) {
        if (a.isQuantized() && !a.quantization().equals(b.quantization())) {
            throw error(b, "quantization (" + b.quantization() + ") differs from input's (" + a.quantization() + ")");
        }
    }
}
