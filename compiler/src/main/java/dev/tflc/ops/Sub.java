package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * SUB with broadcasting. int8 and int16 as TensorFlow Lite Micro's reference kernel (sub_common.cc,
 * reference/sub.h): ADD's arithmetic with the difference for the sum, both inputs shifted left by 20
 * (int16: 15) and scaled to a common scale; unlike ADD, TFLM derives SUB's three real multipliers in
 * float. Float: x - y clamped to the fused activation's range.
 */
public final class Sub implements OperatorKind {
    @Override
    public String name() {
        return "SUB";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Binary e = Elementwise.binary(node, TensorType.FLOAT32, TensorType.INT8, TensorType.INT16);
        Activation act = Activation.of(node);
        if (e.isFloat()) {
            return new Float32(e.broadcast(), act.floatRange());
        }
        Tensor out = e.out();
        boolean int16 = out.type() == TensorType.INT16;
        int leftShift = int16 ? 15 : 20;
        float s1 = Elementwise.scale(e.a());
        float s2 = Elementwise.scale(e.b());
        float twiceMax = 2 * Math.max(s1, s2);
        FixedPoint.Multiplier m1 = FixedPoint.quantizeMultiplier(s1 / twiceMax);
        FixedPoint.Multiplier m2 = FixedPoint.quantizeMultiplier(s2 / twiceMax);
        float outputRange = (1 << leftShift) * Elementwise.scale(out);
        FixedPoint.Multiplier mo = FixedPoint.quantizeMultiplier(twiceMax / outputRange);
        if (mo.shift() > 0) {
            throw node.error(out, "output scale is too small for the inputs' scales");
        }
        Int8 rescaled = new Int8(e.broadcast(), leftShift, -Elementwise.zeroPoint(e.a()), m1,
                -Elementwise.zeroPoint(e.b()), m2, Elementwise.zeroPoint(out), mo, act.quantizedRange(out));
        return int16 ? new Int16(rescaled) : rescaled;
    }

    /** int8 subtraction: both inputs shifted up by {@code leftShift}, scaled, subtracted and scaled to the output. */
    public record Int8(Broadcast broadcast, int leftShift, int offset1, FixedPoint.Multiplier m1, int offset2,
            FixedPoint.Multiplier m2, int outputOffset, FixedPoint.Multiplier mo, int[] range)
            implements BroadcastKernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Elementwise.mapInts(broadcast, inputs, outputs, this::sub);
        }

        int sub(int x, int y) {
            int sx = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOne((x + offset1) * (1 << leftShift),
                    m1.multiplier(), m1.shift());
            int sy = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOne((y + offset2) * (1 << leftShift),
                    m2.multiplier(), m2.shift());
            int raw = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOne(sx - sy, mo.multiplier(), mo.shift())
                    + outputOffset;
            return Math.min(Math.max(raw, range[0]), range[1]);
        }
    }

    /**
     * int16 subtraction: TFLM's int16 SUB (SubElementwise, BroadcastQuantSubSlow), the int8 arithmetic
     * of {@code rescaled} with its left shift of 15 and the int16 range.
     */
    public record Int16(Int8 rescaled) implements Int16Rescaled<Int8> {
    }

    /** float32 subtraction. */
    public record Float32(Broadcast broadcast, float[] range) implements BroadcastKernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Elementwise.mapFloats(broadcast, inputs, outputs, (x, y) -> Activation.clamp(x - y, range));
        }
    }
}
