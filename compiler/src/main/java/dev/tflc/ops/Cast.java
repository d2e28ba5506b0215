package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import java.util.List;

/**
 * CAST, as TensorFlow Lite Micro's kernel (cast.cc): each element {@code static_cast} to the output
 * type, quantization ignored. Inputs int8, int16, int32, float32 or bool; outputs int8, int16, int32 or
 * float32 (TFLM casts to no other type among tflc's, and from no uint8). Integers narrow by keeping
 * their low bits (two's complement); integers become the nearest float; floats become integers by
 * truncation toward zero. C++ leaves a float outside the output type's range undefined; tflc defines
 * it as the Cortex-M FPU converts (VCVT to int32, saturating, NaN to 0; then the low bits), which is
 * what TFLM's cast gives there. A bool input is 1 for any nonzero byte.
 */
public final class Cast implements OperatorKind {
    private static final List<TensorType> FROM = List.of(TensorType.INT8, TensorType.INT16, TensorType.INT32,
            TensorType.FLOAT32, TensorType.BOOL);
    private static final List<TensorType> TO = List.of(TensorType.INT8, TensorType.INT16, TensorType.INT32,
            TensorType.FLOAT32);

    @Override
    public String name() {
        return "CAST";
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(1, 1);
        node.expectOutputs(1);
        Tensor in = node.input(0);
        Tensor out = node.output(0);
        if (!FROM.contains(in.type())) {
            throw node.error(in, "CAST from " + in.type() + " is not supported: TensorFlow Lite Micro casts from "
                    + "int8, int16, int32, float32 and bool only");
        }
        if (!TO.contains(out.type())) {
            throw node.error(out, "CAST to " + out.type() + " is not supported: TensorFlow Lite Micro casts to "
                    + "int8, int16, int32 and float32 only");
        }
        node.expectShape(out, in.shape());
        return new Convert(in.shape().elements(), in.type(), out.type());
    }

    /** Each of {@code size} elements from type {@code from} to type {@code to}. */
    public record Convert(int size, TensorType from, TensorType to) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            TensorData in = inputs[0];
            TensorData out = outputs[0];
            for (int i = 0; i < size; i++) {
                if (to == TensorType.FLOAT32) {
                    out.floats()[i] = from == TensorType.FLOAT32 ? in.floats()[i] : (float) intAt(in, i);
                } else {
                    int v = from == TensorType.FLOAT32 ? (int) in.floats()[i] : intAt(in, i);
                    out.ints()[i] = to == TensorType.INT8 ? (byte) v : to == TensorType.INT16 ? (short) v : v;
                }
            }
        }

        private int intAt(TensorData in, int i) {
            int v = in.ints()[i];
            return from == TensorType.BOOL ? (v != 0 ? 1 : 0) : v;
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
