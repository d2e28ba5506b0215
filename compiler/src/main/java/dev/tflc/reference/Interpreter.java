package dev.tflc.reference;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ops.Kernel;
import dev.tflc.ops.Operators;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java reference: runs a graph operator by operator on given inputs. It defines what every
 * operator computes; generated C must agree with it bit for bit on integer models. Variable (state)
 * tensors persist from one run to the next until {@link #reset}.
 */
public final class Interpreter {
    private final Graph graph;
    private final List<Kernel> kernels;
    private final TensorData[] variables;

    public Interpreter(Graph graph) {
        this.graph = graph;
        this.kernels = Operators.prepare(graph);
        this.variables = new TensorData[graph.tensors().size()];
        reset();
    }

    /** Runs {@code graph} once on raw input bytes (one array per input, in order). */
    public static List<byte[]> run(Graph graph, List<byte[]> inputs) {
        return new Interpreter(graph).run(inputs);
    }

    /**
     * Sets every variable tensor to its reset value ({@link Tensor#resetValue}), as TFLM does when it
     * allocates tensors and on each reset.
     */
    public void reset() {
        for (Tensor t : graph.tensors()) {
            if (t.isVariable()) {
                TensorData d = TensorData.zeros(t.type(), t.shape());
                int fill = t.resetValue();
                if (fill != 0) {
                    java.util.Arrays.fill(d.ints(), fill);
                }
                variables[t.index()] = d;
            }
        }
    }

    /**
     * Runs {@code graph} on several invocations in order from reset state, the variable tensors
     * carried from each to the next; returns each invocation's outputs.
     */
    public static List<List<byte[]>> runSequence(Graph graph, List<List<byte[]>> invocations) {
        Interpreter interpreter = new Interpreter(graph);
        List<List<byte[]>> outputs = new ArrayList<>();
        for (List<byte[]> inputs : invocations) {
            outputs.add(interpreter.run(inputs));
        }
        return outputs;
    }

    public List<Kernel> kernels() {
        return kernels;
    }

    /** One inference on raw little-endian input bytes; returns each output's raw bytes. */
    public List<byte[]> run(List<byte[]> inputs) {
        return run(inputs, (index, value) -> { });
    }

    /** Sees each run-time tensor's value as an inference computes it (calibration records ranges). */
    @FunctionalInterface
    public interface Observer {
        /** {@code value} of tensor {@code index}, once per graph input and per operator output. */
        void computed(int index, TensorData value);
    }

    /**
     * As {@link #run(List)}, telling {@code observer} the value of every graph input and, after each
     * operator runs, of each of its outputs.
     */
    public List<byte[]> run(List<byte[]> inputs, Observer observer) {
        if (inputs.size() != graph.inputs().size()) {
            throw new IrException("the model has " + graph.inputs().size() + " inputs, got " + inputs.size());
        }
        TensorData[] values = variables.clone();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = graph.tensor(graph.inputs().get(i));
            byte[] bytes = inputs.get(i);
            if (bytes.length != t.byteSize()) {
                throw new IrException(new dev.tflc.ir.Location(null, -1, -1, null, t.name()),
                        "input " + i + " needs " + t.byteSize() + " bytes, got " + bytes.length);
            }
            values[t.index()] = TensorData.fromBytes(t.type(), t.shape(), bytes);
            observer.computed(t.index(), values[t.index()]);
        }
        for (int k = 0; k < kernels.size(); k++) {
            Operator op = graph.operators().get(k);
            TensorData[] ins = new TensorData[op.inputs().size()];
            for (int i = 0; i < ins.length; i++) {
                int idx = op.inputs().get(i);
                if (idx < 0) {
                    continue;
                }
                if (values[idx] == null) {
                    Tensor t = graph.tensor(idx);
                    if (!TensorData.holds(t.type())) {
                        continue; // an input the operator ignores (RESHAPE's shape): prepare refuses the others
                    }
                    values[idx] = TensorData.of(t);
                }
                ins[i] = values[idx];
            }
            TensorData[] outs = new TensorData[op.outputs().size()];
            for (int o = 0; o < outs.length; o++) {
                Tensor t = graph.tensor(op.outputs().get(o));
                outs[o] = t.isVariable() ? values[t.index()] : TensorData.zeros(t.type(), t.shape());
                values[t.index()] = outs[o];
            }
            kernels.get(k).run(ins, outs);
            for (int o = 0; o < outs.length; o++) {
                observer.computed(op.outputs().get(o), outs[o]);
            }
        }
        List<byte[]> result = new ArrayList<>();
        for (int out : graph.outputs()) {
            result.add(values[out].toBytes());
        }
        return result;
    }

    /** Splits the concatenated raw bytes of all inputs (the runner's stdin contract) per input. */
    public static List<byte[]> splitInputs(Graph graph, byte[] all) {
        long need = 0;
        for (Tensor t : graph.inputTensors()) {
            need += t.byteSize();
        }
        if (all.length != need) {
            throw new IrException("the model's inputs need " + need + " bytes, got " + all.length);
        }
        List<byte[]> parts = new ArrayList<>();
        int pos = 0;
        for (Tensor t : graph.inputTensors()) {
            int n = (int) t.byteSize();
            byte[] part = new byte[n];
            System.arraycopy(all, pos, part, 0, n);
            parts.add(part);
            pos += n;
        }
        return parts;
    }
}
