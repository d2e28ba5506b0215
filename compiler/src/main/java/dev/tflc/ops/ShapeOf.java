package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * SHAPE, as TensorFlow Lite Micro's kernel (shape.cc): the input's dimensions as a vector of int32
 * (TFLM's only output type). Shapes are static in tflc, so the output is known when compiling; the
 * input's values are never read.
 */
public final class ShapeOf implements OperatorKind {
    @Override
    public String name() {
        return "SHAPE";
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(1, 1);
        node.expectOutputs(1);
        Tensor in = node.input(0);
        Tensor out = node.output(0);
        if (out.type() != TensorType.INT32) {
            throw node.error(out, "output type " + out.type() + " is not supported: TensorFlow Lite Micro's SHAPE "
                    + "writes int32 only");
        }
        node.expectShape(out, Shape.of(in.shape().rank()));
        return new Dims(in.shape().dims());
    }

    /** The input's dimensions, written as the output. */
    public record Dims(int[] dims) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            System.arraycopy(dims, 0, outputs[0].ints(), 0, dims.length);
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
