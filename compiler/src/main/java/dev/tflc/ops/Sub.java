package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;

/**
 * SUB with broadcasting. int8 as TensorFlow Lite Micro's reference kernel (sub_common.cc,
 * reference/sub.h): ADD's arithmetic with the difference for the sum, both inputs shifted left by 20
 * and scaled to a common scale; unlike ADD, TFLM derives SUB's three real multipliers in float.
 * Float: x - y clamped to the fused activation's range.
 */
public final class Sub implements OperatorKind {
    private static final int LEFT_SHIFT = 20;

    @Override
    public String name() {
        return "SUB";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Binary e = Elementwise.binary(node);
        Activation act = Activation.of(node);
        if (e.isFloat()) {
            return new Float32(e.broadcast(), act.floatRange());
        }
        Tensor out = e.out();
        float s1 = Elementwise.scale(e.a());
        float s2 = Elementwise.scale(e.b());
        float twiceMax = 2 * Math.max(s1, s2);
        FixedPoint.Multiplier m1 = FixedPoint.quantizeMultiplier(s1 / twiceMax);
        FixedPoint.Multiplier m2 = FixedPoint.quantizeMultiplier(s2 / twiceMax);
        float outputRange = (1 << LEFT_SHIFT) * Elementwise.scale(out);
        FixedPoint.Multiplier mo = FixedPoint.quantizeMultiplier(twiceMax / outputRange);
        if (mo.shift() > 0) {
            throw node.error(out, "output scale is too small for the inputs' scales");
        }
        return new Int8(e.broadcast(), -Elementwise.zeroPoint(e.a()), m1, -Elementwise.zeroPoint(e.b()), m2,
                Elementwise.zeroPoint(out), mo, act.quantizedRange(out));
    }

    /** int8 subtraction: both inputs shifted up by 20, scaled, subtracted and scaled to the output. */
    public record Int8(Broadcast broadcast, int offset1, FixedPoint.Multiplier m1, int offset2,
            FixedPoint.Multiplier m2, int outputOffset, FixedPoint.Multiplier mo, int[] range)
            implements BroadcastKernel {
        public int leftShift() {
            return LEFT_SHIFT;
        }

        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Elementwise.mapInts(broadcast, inputs, outputs, this::sub);
        }

        int sub(int x, int y) {
            int sx = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOne((x + offset1) * (1 << LEFT_SHIFT),
                    m1.multiplier(), m1.shift());
            int sy = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOne((y + offset2) * (1 << LEFT_SHIFT),
                    m2.multiplier(), m2.shift());
            int raw = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOne(sx - sy, mo.multiplier(), mo.shift())
                    + outputOffset;
            return Math.min(Math.max(raw, range[0]), range[1]);
        }
    }

    /** float32 subtraction. */
    public record Float32(Broadcast broadcast, float[] range) implements BroadcastKernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Elementwise.mapFloats(broadcast, inputs, outputs, (x, y) -> Activation.clamp(x - y, range));
        }
    }
}
