package dev.tflc.ir;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One subgraph: tensors, operators in execution order, inputs and outputs. Validated on
 * construction: every index is in range, every run-time tensor an operator reads is a graph input, a
 * variable, or written by an earlier operator (or has no elements, so that there is nothing to read),
 * no tensor is written twice, and inputs and outputs are not constants.
 */
public record Graph(String name, List<Tensor> tensors, List<Operator> operators, List<Integer> inputs,
        List<Integer> outputs) {

    public Graph {
        name = name == null ? "" : name;
        tensors = List.copyOf(tensors);
        operators = List.copyOf(operators);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        validate(tensors, operators, inputs, outputs);
    }

    public Tensor tensor(int index) {
        return tensors.get(index);
    }

    public List<Tensor> inputTensors() {
        return inputs.stream().map(tensors::get).toList();
    }

    public List<Tensor> outputTensors() {
        return outputs.stream().map(tensors::get).toList();
    }

    private static void validate(List<Tensor> tensors, List<Operator> operators, List<Integer> inputs,
            List<Integer> outputs) {
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).index() != i) {
                throw new IrException("tensor " + i + " carries index " + tensors.get(i).index());
            }
        }
        // Which operator first writes each tensor (-1: a graph input or variable), to name the culprit
        // when a tensor is read before it is written or written twice.
        Map<Integer, Integer> firstWriter = new HashMap<>();
        for (int i = 0; i < operators.size(); i++) {
            for (int out : operators.get(i).outputs()) {
                firstWriter.putIfAbsent(out, i);
            }
        }
        Map<Integer, Integer> written = new HashMap<>();
        for (int in : inputs) {
            checkIndex(tensors, in, "graph input", Location.NONE);
            Tensor t = tensors.get(in);
            if (t.isConstant()) {
                throw new IrException(new Location(null, -1, -1, null, t.name()), "graph input is a constant");
            }
            if (t.isVariable()) {
                // state that the caller would write before each run and the run resets: neither means anything
                throw new IrException(new Location(null, -1, -1, null, t.name()), "graph input is a variable tensor");
            }
            written.put(in, -1);
        }
        for (Tensor t : tensors) {
            if (t.isVariable()) {
                written.put(t.index(), -1);
            }
        }
        for (int i = 0; i < operators.size(); i++) {
            Operator op = operators.get(i);
            Location at = op.location();
            if (op.index() != i) {
                throw new IrException(at, "operator carries index " + op.index());
            }
            for (int in : op.inputs()) {
                if (in == -1) {
                    continue;
                }
                checkIndex(tensors, in, "input", at);
                Tensor t = tensors.get(in);
                if (!t.isConstant() && !written.containsKey(in) && t.shape().elements() > 0) {
                    Integer writer = firstWriter.get(in);
                    throw new IrException(at.withTensor(t.name()), op.outputs().contains(in) ? "reads its own output"
                            : writer != null && writer > i ? "reads a tensor that only the later operator " + writer
                                    + " writes"
                            : "reads a tensor that no operator writes and that is not a graph input, constant or "
                                    + "variable");
                }
            }
            for (int out : op.outputs()) {
                checkIndex(tensors, out, "output", at);
                Tensor t = tensors.get(out);
                if (t.isConstant()) {
                    throw new IrException(at.withTensor(t.name()), "writes a constant tensor");
                }
                Integer before = written.putIfAbsent(out, i);
                if (before != null && !t.isVariable()) {
                    throw new IrException(at.withTensor(t.name()), before < 0 ? "writes a graph input"
                            : before == i ? "writes the same tensor twice"
                            : "writes a tensor that operator " + before + " already writes");
                }
            }
        }
        for (int out : outputs) {
            checkIndex(tensors, out, "graph output", Location.NONE);
            Tensor t = tensors.get(out);
            if (t.isConstant()) {
                throw new IrException(new Location(null, -1, -1, null, t.name()), "graph output is a constant");
            }
            if (!written.containsKey(out) && t.shape().elements() > 0) {
                throw new IrException(new Location(null, -1, -1, null, t.name()), "graph output is never written");
            }
        }
    }

    private static void checkIndex(List<Tensor> tensors, int index, String what, Location at) {
        if (index < 0 || index >= tensors.size()) {
            throw new IrException(at, what + " tensor index " + index + " is out of range (" + tensors.size()
                    + " tensors)");
        }
    }
}
