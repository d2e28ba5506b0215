package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * FILL, as TensorFlow Lite Micro's kernel (fill.cc): every element of the output is the scalar value
 * (input 1, of the output's type: float32, int8 or int32, a constant or a run-time tensor), stored as
 * it is; the dims (input 0) must be constant, one int32 or int64 value per output dimension, equal to
 * the output's shape.
 */
public final class Fill implements OperatorKind {
    @Override
    public String name() {
        return "FILL";
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(2, 2);
        node.expectOutputs(1);
        Tensor dims = node.input(0);
        Tensor value = node.input(1);
        Tensor out = node.output(0);
        node.expectType(value, TensorType.FLOAT32, TensorType.INT8, TensorType.INT32);
        node.expectType(out, value.type());
        if (value.shape().rank() != 0) {
            throw node.error(value, "the value has shape " + value.shape() + ", expected a scalar (rank 0)");
        }
        node.expectType(dims, TensorType.INT32, TensorType.INT64);
        if (!dims.isConstant()) {
            throw node.error(dims, "dims must be constant (TensorFlow Lite Micro reads them when it prepares FILL)");
        }
        if (dims.shape().rank() != 1) {
            throw node.error(dims, "dims has shape " + dims.shape() + ", expected one dimension");
        }
        TensorData d = TensorData.of(dims);
        int[] shape = new int[dims.shape().elements()];
        for (int i = 0; i < shape.length; i++) {
            long v = dims.type() == TensorType.INT64 ? d.longs()[i] : d.ints()[i];
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw node.error(dims, "dimension " + v + " is not a size");
            }
            shape[i] = (int) v;
        }
        node.expectShape(out, Shape.of(shape));
        return new Repeat(out.shape().elements());
    }

    /** The value, {@code count} times. */
    public record Repeat(int count) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            TensorData value = inputs[1];
            TensorData out = outputs[0];
            for (int i = 0; i < count; i++) {
                if (out.type() == TensorType.FLOAT32) {
                    out.floats()[i] = value.floats()[0];
                } else {
                    out.ints()[i] = value.ints()[0];
                }
            }
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
