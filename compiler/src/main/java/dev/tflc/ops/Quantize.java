package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/** QUANTIZE: float32 to int8/int16, or requantization between integer types. */
public final class Quantize implements OperatorKind {
    @Override
    public String name() {
        return "QUANTIZE";
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
        node.expectType(out, TensorType.INT8, TensorType.INT16, TensorType.INT32);
        node.expectPerTensor(out);
        int outMin = (int) out.type().min();
        int outMax = (int) out.type().max();
        int zp = (int) out.quantization().zeroPoint();
        if (in.type() == TensorType.FLOAT32) {
            return new FromFloat(in.shape().elements(), out.quantization().scale(), zp, outMin, outMax);
        }
        node.expectType(in, TensorType.INT8, TensorType.INT16);
        node.expectPerTensor(in);
        FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(
                (double) in.quantization().scale() / (double) out.quantization().scale());
        return new Requantize(in.shape().elements(),
                (int) in.quantization().zeroPoint(), m, zp, outMin, outMax);
    }

    /** round(x / scale) + zero point, in float as TFLM's AffineQuantize, clamped to the type. */
    public record FromFloat(int size, float scale, int zeroPoint, int min, int max) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            float[] in = inputs[0].floats();
            int[] out = outputs[0].ints();
            for (int i = 0; i < in.length; i++) {
                float r = FixedPoint.roundHalfAwayFromZero(in[i] / scale);
                long q = r >= 2147483647f ? Integer.MAX_VALUE : r <= -2147483648f ? Integer.MIN_VALUE : (long) r;
                out[i] = (int) Math.min(Math.max(q + zeroPoint, min), max);
            }
        }

        @Override
        public long macs() {
            return 0;
        }
    }

    /** (x - input zero point) scaled by the scale ratio, plus the output zero point, clamped. */
    public record Requantize(int size, int inputZeroPoint, FixedPoint.Multiplier multiplier, int outputZeroPoint, int min,
            int max) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] in = inputs[0].ints();
            int[] out = outputs[0].ints();
            for (int i = 0; i < in.length; i++) {
                long v = (long) FixedPoint.multiplyByQuantizedMultiplier(in[i] - inputZeroPoint, multiplier)
                        + outputZeroPoint;
                out[i] = (int) Math.min(Math.max(v, min), max);
            }
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
