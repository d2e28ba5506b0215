package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;

/** RESHAPE: the same elements under the output tensor's shape; the optional shape input is ignored. */
public final class Reshape implements OperatorKind {
    @Override
    public String name() {
        return "RESHAPE";
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(1, 2);
        node.expectOutputs(1);
        Tensor in = node.input(0);
        Tensor out = node.output(0);
        if (in.type() != out.type()) {
            throw node.error(out, "type " + out.type() + " differs from the input's " + in.type());
        }
        if (in.shape().elements() != out.shape().elements()) {
            throw node.error(out, "shape " + out.shape() + " has " + out.shape().elements() + " elements, the input "
                    + in.shape() + " has " + in.shape().elements());
        }
        node.expectSameQuantization(in, out);
        return new Copy(in.byteSize());
    }

    /** A plain copy of every element; the memory plan usually makes it a no-op. */
    public record Copy(long bytes) implements Kernel {
        @Override
        public boolean isView() {
            return true;
        }

        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            outputs[0].copyFrom(inputs[0]);
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
