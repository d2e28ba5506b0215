package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * CONCATENATION, as TFLM's concatenation.cc: 1 to 10 inputs of one type and rank (up to 6), equal
 * except along the axis (negative counts from the end), no fused activation. For int8, TFLM requires
 * every input to have the output's scale and zero point ("no re-scaling needed for Int8 quantized
 * kernel"), so the elements are copied as they are; tflc refuses inputs of another scale as TFLM does.
 */
public final class Concatenation implements OperatorKind {
    /** TFLM's kMaxInputNum. */
    public static final int MAX_INPUTS = 10;
    /** RuntimeShape::kMaxSmallSize. */
    public static final int MAX_RANK = 6;

    @Override
    public String name() {
        return "CONCATENATION";
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(1, MAX_INPUTS);
        node.expectOutputs(1);
        Tensor out = node.output(0);
        node.expectType(out, TensorType.INT8, TensorType.INT16, TensorType.INT32, TensorType.FLOAT32);
        if (node.options().getInt("fusedActivationFunction", 0) != 0) {
            throw node.error("a fused activation is set; TFLM's CONCATENATION has none");
        }
        int rank = out.shape().rank();
        if (rank < 1 || rank > MAX_RANK) {
            throw node.error(out, "has rank " + rank + "; CONCATENATION supports 1 to " + MAX_RANK);
        }
        int declared = node.options().getInt("axis", 0);
        int axis = declared < 0 ? declared + rank : declared;
        if (axis < 0 || axis >= rank) {
            throw node.error("axis " + declared + " is outside the output's rank " + rank);
        }
        int[] dims = out.shape().dims();
        int[] chunks = new int[node.inputCount()];
        int inner = 1;
        for (int d = axis + 1; d < rank; d++) {
            inner *= dims[d];
        }
        int total = 0;
        for (int i = 0; i < chunks.length; i++) {
            Tensor in = node.input(i);
            node.expectType(in, out.type());
            if (in.shape().rank() != rank) {
                throw node.error(in, "has shape " + in.shape() + ", expected rank " + rank);
            }
            dims[axis] = in.shape().dim(axis);
            node.expectShape(in, Shape.of(dims));
            if (out.type() == TensorType.INT8) {
                node.expectPerTensor(in);
                node.expectPerTensor(out);
                if (in.quantization().scale() != out.quantization().scale()
                        || in.quantization().zeroPoint() != out.quantization().zeroPoint()) {
                    throw node.error(in, "int8 input quantized as " + in.quantization() + ", the output as "
                            + out.quantization() + "; TFLM concatenates int8 without rescaling, so requires them "
                            + "equal");
                }
            }
            chunks[i] = dims[axis] * inner;
            total += dims[axis];
        }
        dims[axis] = total;
        node.expectShape(out, Shape.of(dims));
        return new Copy(out.shape().elements() / (total * inner), chunks);
    }

    /**
     * The concatenation as {@code outer} rounds, each copying {@code chunks[i]} consecutive elements
     * of each input i in turn.
     */
    public record Copy(int outer, int[] chunks) implements Kernel {
        @Override
        public int concatenationRounds() {
            return outer;
        }

        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            TensorData out = outputs[0];
            int o = 0;
            for (int r = 0; r < outer; r++) {
                for (int i = 0; i < chunks.length; i++) {
                    if (out.type() == TensorType.FLOAT32) {
                        System.arraycopy(inputs[i].floats(), r * chunks[i], out.floats(), o, chunks[i]);
                    } else {
                        System.arraycopy(inputs[i].ints(), r * chunks[i], out.ints(), o, chunks[i]);
                    }
                    o += chunks[i];
                }
            }
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
