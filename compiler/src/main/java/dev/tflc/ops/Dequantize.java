package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/** DEQUANTIZE: int8/int16 to float32, {@code (float)(double(scale) * (q - zero point))}. */
public final class Dequantize implements OperatorKind {
    @Override
    public String name() {
        return "DEQUANTIZE";
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(1, 1);
        node.expectOutputs(1);
        Tensor in = node.input(0);
        Tensor out = node.output(0);
        if (!in.shape().equals(out.shape())) {
            throw node.error(out, "shape " + out.shape() + " differs from the input's " + in.shape());
        }
        node.expectType(in, TensorType.INT8, TensorType.INT16);
        node.expectType(out, TensorType.FLOAT32);
        node.expectPerTensor(in);
        return new ToFloat(in.shape().elements(),
                in.quantization().scale(),
                (int) in.quantization().zeroPoint());
    }

    public record ToFloat(int size, float scale, int zeroPoint) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] in = inputs[0].ints();
            float[] out = outputs[0].floats();
            for (int i = 0; i < in.length; i++) {
                out[i] = (float) ((double) scale * (in[i] - zeroPoint));
            }
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
