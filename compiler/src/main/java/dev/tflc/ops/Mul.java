package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;

/**
 * MUL with broadcasting. int8 as TensorFlow Lite Micro's reference kernel (mul_common.cc,
 * reference/integer_ops/mul.h): the product of the offset inputs scaled by one multiplier
 * (input1 scale * input2 scale / output scale), plus the output zero point, clamped to the fused
 * activation's range. Float: x * y clamped.
 */
public final class Mul implements OperatorKind {
    @Override
    public String name() {
        return "MUL";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Binary e = Elementwise.binary(node);
        Activation act = Activation.of(node);
        if (e.isFloat()) {
            return new Float32(e.broadcast(), act.floatRange());
        }
        Tensor a = e.a();
        Tensor b = e.b();
        Tensor out = e.out();
        FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(
                (double) Elementwise.scale(a) * Elementwise.scale(b) / Elementwise.scale(out));
        // |(x + offset1) * (y + offset2)| <= 255 * 255 < 2^16, shifted left by the multiplier's shift first.
        if (m.shift() > 15) {
            throw node.error(out, "scale " + Elementwise.scale(out) + " is too small for the inputs' scales (the "
                    + "product would overflow 32 bits)");
        }
        return new Int8(e.broadcast(), -Elementwise.zeroPoint(a), -Elementwise.zeroPoint(b), m, Elementwise.zeroPoint(out),
                act.quantizedRange(out));
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

    /** float32 multiplication. */
    public record Float32(Broadcast broadcast, float[] range) implements BroadcastKernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Elementwise.mapFloats(broadcast, inputs, outputs, (x, y) -> Activation.clamp(x * y, range));
        }
    }
}
