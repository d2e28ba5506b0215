package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import java.util.Arrays;

/**
 * ZEROS_LIKE, as TensorFlow Lite Micro's kernel (zeros_like.cc): an output of the input's type and
 * shape whose every stored element is 0, float32, int8, int32 or int64 (TFLM's types). On int8 that
 * is the stored value 0, whatever the output's zero point, as TFLM writes it.
 */
public final class ZerosLike implements OperatorKind {
    @Override
    public String name() {
        return "ZEROS_LIKE";
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(1, 1);
        node.expectOutputs(1);
        Tensor in = node.input(0);
        Tensor out = node.output(0);
        node.expectType(in, TensorType.FLOAT32, TensorType.INT8, TensorType.INT32, TensorType.INT64);
        node.expectType(out, in.type());
        node.expectShape(out, in.shape());
        return new Zeros(out.byteSize());
    }

    /** {@code bytes} zero bytes. */
    public record Zeros(long bytes) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            TensorData out = outputs[0];
            switch (out.type()) {
                case FLOAT32 -> Arrays.fill(out.floats(), 0f);
                case INT64 -> Arrays.fill(out.longs(), 0L);
                default -> Arrays.fill(out.ints(), 0);
            }
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
