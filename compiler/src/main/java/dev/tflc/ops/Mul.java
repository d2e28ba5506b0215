package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * MUL with broadcasting. int8 and int16 as TensorFlow Lite Micro's reference kernel (mul_common.cc,
 * reference/integer_ops/mul.h): the product of the offset inputs scaled by one multiplier
 * (input1 scale * input2 scale / output scale), plus the output zero point, clamped to the fused
 * activation's range; int16 zero points must be 0, as TFLM requires. Float: x * y clamped.
 */
public final class Mul implements OperatorKind {
    @Override
    public String name() {
        return "MUL";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Binary e = Elementwise.binary(node, TensorType.FLOAT32, TensorType.INT8, TensorType.INT16);
        Activation act = Activation.of(node);
        if (e.isFloat()) {
            return new Float32(e.broadcast(), act.floatRange());
        }
        Tensor a = e.a();
        Tensor b = e.b();
        Tensor out = e.out();
        FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(
                (double) Elementwise.scale(a) * Elementwise.scale(b) / Elementwise.scale(out));
        boolean int16 = out.type() == TensorType.INT16;
        if (int16) {
            for (Tensor t : new Tensor[] {a, b, out}) {
                if (Elementwise.zeroPoint(t) != 0) {
                    throw node.error(t, "int16 zero point " + Elementwise.zeroPoint(t) + " is not 0");
                }
            }
        }
        // |(x + offset1) * (y + offset2)| <= 255 * 255 < 2^16 for int8, <= 2^30 for int16 (zero points 0),
        // shifted left by the multiplier's shift first.
        if (m.shift() > (int16 ? 0 : 15)) {
            throw node.error(out, "scale " + Elementwise.scale(out) + " is too small for the inputs' scales (the "
                    + "product would overflow 32 bits)");
        }
        Int8 rescaled = new Int8(e.broadcast(), -Elementwise.zeroPoint(a), -Elementwise.zeroPoint(b), m,
                Elementwise.zeroPoint(out), act.quantizedRange(out));
        return int16 ? new Int16(rescaled) : rescaled;
    }

    /** int8 multiplication. */
    public record Int8(Broadcast broadcast, int offset1, int offset2, FixedPoint.Multiplier multiplier,
            int outputOffset, int[] range) implements BroadcastKernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Elementwise.mapInts(broadcast, inputs, outputs, this::mul);
        }

        int mul(int x, int y) {
            int product = (x + offset1) * (y + offset2);
            int raw = outputOffset + FixedPoint.multiplyByQuantizedMultiplier(product, multiplier);
            return Math.min(Math.max(raw, range[0]), range[1]);
        }
    }

    /** int16 multiplication (16-bit activations): the int8 arithmetic of {@code rescaled}, offsets 0, int16 range. */
    public record Int16(Int8 rescaled) implements Int16Rescaled<Int8> {
    }

    /** float32 multiplication. */
    public record Float32(Broadcast broadcast, float[] range) implements BroadcastKernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Elementwise.mapFloats(broadcast, inputs, outputs, (x, y) -> Activation.clamp(x * y, range));
        }
    }
}
