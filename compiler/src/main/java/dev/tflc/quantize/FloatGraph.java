package dev.tflc.quantize;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The float graph a model stands for: a float model as it is; a hybrid model (float activations,
 * int8 weights) with its quantized constant weights dequantized to float32 (scale * (q - zero point),
 * per channel where they are), and DEQUANTIZE operators of constants folded into float constants.
 */
final class FloatGraph {
    private FloatGraph() {
    }

    static Graph of(Graph g) {
        for (Tensor t : g.inputTensors()) {
            requireFloat(t, "input");
        }
        for (Tensor t : g.outputTensors()) {
            requireFloat(t, "output");
        }
        List<Tensor> tensors = new ArrayList<>(g.tensors());
        List<Operator> operators = new ArrayList<>();
        for (Operator op : g.operators()) {
            if (op.kind().equals("DEQUANTIZE") && op.input(0) >= 0 && g.tensor(op.input(0)).isConstant()) {
                Tensor out = g.tensor(op.output(0));
                tensors.set(out.index(), floatConstant(out, g.tensor(op.input(0))));
                continue;
            }
            for (int in : op.inputs()) {
                Tensor t = in < 0 ? null : g.tensor(in);
                if (t != null && t.isConstant() && t.type() == TensorType.INT8 && t.isQuantized()) {
                    tensors.set(in, floatConstant(t, t));
                }
            }
            operators.add(new Operator(operators.size(), op.kind(), op.version(), op.inputs(), op.outputs(),
                    op.options()));
        }
        return new Graph(g.name(), tensors, operators, g.inputs(), g.outputs());
    }

    private static void requireFloat(Tensor t, String what) {
        if (t.type() != TensorType.FLOAT32) {
            throw new IrException(new dev.tflc.ir.Location(null, -1, -1, null, t.name()),
                    "the model's " + what + " is " + t.type() + "; quantize takes a float or hybrid model "
                            + "(float32 inputs and outputs)");
        }
    }

    /** {@code as} (name, index, shape) holding the dequantized values of the constant {@code source}. */
    private static Tensor floatConstant(Tensor as, Tensor source) {
        float[] values = dequantized(source);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return new Tensor(as.index(), as.name(), TensorType.FLOAT32, as.shape(), null, b.array(), false);
    }

    private static float[] dequantized(Tensor t) {
        TensorData d = TensorData.of(t);
        if (t.type() == TensorType.FLOAT32) {
            return d.floats();
        }
        if (t.type() != TensorType.INT8 && t.type() != TensorType.UINT8 && t.type() != TensorType.INT16) {
            throw new IrException(new dev.tflc.ir.Location(null, -1, -1, null, t.name()),
                    "cannot dequantize a constant of type " + t.type());
        }
        Quantization q = t.quantization();
        if (q == null) {
            throw new IrException(new dev.tflc.ir.Location(null, -1, -1, null, t.name()),
                    "integer weights without quantization parameters");
        }
        int[] ints = d.ints();
        float[] out = new float[ints.length];
        int inner = 1;
        for (int i = q.axis() + 1; i < t.shape().rank(); i++) {
            inner *= t.shape().dim(i);
        }
        for (int i = 0; i < ints.length; i++) {
            int c = q.isPerChannel() ? (i / inner) % q.count() : 0;
            out[i] = q.scale(c) * (ints[i] - q.zeroPoint(c));
        }
        return out;
    }
}
