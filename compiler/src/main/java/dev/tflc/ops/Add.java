package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * ADD with broadcasting; int8 and int16 rescale both inputs to a common scale as TFLM's reference
 * does (int16 with 16-bit activations, 16x8 quantization).
 */
public final class Add implements OperatorKind {
    @Override
    public String name() {
        return "ADD";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Binary e = Elementwise.binary(node, TensorType.FLOAT32, TensorType.INT8, TensorType.INT16);
        Tensor a = e.a();
        Tensor b = e.b();
        Tensor out = e.out();
        Activation act = Activation.of(node);
        if (e.isFloat()) {
            return new Float32(e.broadcast(), act.floatRange());
        }
        // TFLM's add_common.cc: a left shift of 20 for int8 and 15 for int16 ((2 * 32767) << 15 fits 32
        // bits); the real multipliers in double.
        boolean int16 = a.type() == TensorType.INT16;
        int leftShift = int16 ? 15 : 20;
        float s1 = a.quantization().scale();
        float s2 = b.quantization().scale();
        double twiceMax = 2 * (double) Math.max(s1, s2);
        FixedPoint.Multiplier m1 = FixedPoint.quantizeMultiplier(s1 / twiceMax);
        FixedPoint.Multiplier m2 = FixedPoint.quantizeMultiplier(s2 / twiceMax);
        FixedPoint.Multiplier mo = FixedPoint.quantizeMultiplier(
                twiceMax / ((1 << leftShift) * (double) out.quantization().scale()));
        if (m1.shift() > 0 || m2.shift() > 0 || mo.shift() > 0) {
            throw node.error(out, "output scale is too small for the inputs' scales");
        }
        Int8 rescaled = new Int8(e.broadcast(), leftShift, (int) -a.quantization().zeroPoint(), m1,
                (int) -b.quantization().zeroPoint(), m2, (int) out.quantization().zeroPoint(), mo,
                act.quantizedRange(out));
        return int16 ? new Int16(rescaled) : rescaled;
    }

    /** int8 addition: both inputs shifted up by {@code leftShift}, scaled, summed and scaled to the output. */
    public record Int8(Broadcast broadcast, int leftShift, int offset1, FixedPoint.Multiplier m1, int offset2,
            FixedPoint.Multiplier m2, int outputOffset, FixedPoint.Multiplier mo, int[] range)
            implements BroadcastKernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] x = inputs[0].ints();
            int[] y = inputs[1].ints();
            int[] out = outputs[0].ints();
            broadcast.forEach((o, i1, i2) -> out[o] = add(x[i1], y[i2]));
        }

        int add(int x, int y) {
            int sx = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOne((x + offset1) * (1 << leftShift),
                    m1.multiplier(), m1.shift());
            int sy = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOne((y + offset2) * (1 << leftShift),
                    m2.multiplier(), m2.shift());
            int raw = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOne(sx + sy, mo.multiplier(), mo.shift())
                    + outputOffset;
            return Math.min(Math.max(raw, range[0]), range[1]);
        }
    }

    /**
     * int16 addition: TFLM's general int16 path (AddGeneralParamScale, BroadcastAdd6DSlow; TFLM never
     * takes the power-of-two path), which is the int8 arithmetic of {@code rescaled} with its left
     * shift of 15 and the int16 range.
     */
    public record Int16(Int8 rescaled) implements Int16Rescaled<Int8> {
    }

    /** float32 addition. */
    public record Float32(Broadcast broadcast, float[] range) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            float[] x = inputs[0].floats();
            float[] y = inputs[1].floats();
            float[] out = outputs[0].floats();
            broadcast.forEach((o, i1, i2) -> out[o] = Activation.clamp(x[i1] + y[i2], range));
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
