package dev.tflc.ops;

import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * SQUARED_DIFFERENCE with broadcasting: (x - y)^2. Float as TensorFlow Lite Micro's reference
 * (squared_difference.cc). int8 as TFLM's: both offset inputs shifted left by 7 and scaled to twice
 * the larger input scale (multipliers smaller than one, derived in double), the difference squared
 * and scaled to the output by (2 max scale)^2 / (2^14 output scale), plus the output zero point,
 * clamped to int8.
 */
public final class SquaredDifference implements OperatorKind {
    /** The left shift on both inputs before scaling. */
    public static final int LEFT_SHIFT = 7;

    @Override
    public String name() {
        return "SQUARED_DIFFERENCE";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Binary e = Elementwise.binary(node, TensorType.FLOAT32, TensorType.INT8);
        if (e.isFloat()) {
            return new Float32(e.broadcast());
        }
        float s1 = Elementwise.scale(e.a());
        float s2 = Elementwise.scale(e.b());
        double twiceMax = 2.0 * Math.max(s1, s2);
        FixedPoint.Multiplier m1 = FixedPoint.quantizeMultiplier(s1 / twiceMax);
        FixedPoint.Multiplier m2 = FixedPoint.quantizeMultiplier(s2 / twiceMax);
        // TFLM multiplies 2^14 by the float scale in float, then widens.
        float denominator = (1 << (2 * LEFT_SHIFT)) * Elementwise.scale(e.out());
        FixedPoint.Multiplier mo = FixedPoint.quantizeMultiplier(twiceMax * twiceMax / denominator);
        return new Int8(e.broadcast(), -Elementwise.zeroPoint(e.a()), m1, -Elementwise.zeroPoint(e.b()), m2,
                Elementwise.zeroPoint(e.out()), mo);
    }

    /** int8 squared difference. */
    public record Int8(Broadcast broadcast, int offset1, FixedPoint.Multiplier m1, int offset2,
            FixedPoint.Multiplier m2, int outputOffset, FixedPoint.Multiplier mo) implements BroadcastKernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Elementwise.mapInts(broadcast, inputs, outputs, this::squaredDifference);
        }

        int squaredDifference(int x, int y) {
            int sx = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOne((x + offset1) * (1 << LEFT_SHIFT),
                    m1.multiplier(), m1.shift());
            int sy = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOne((y + offset2) * (1 << LEFT_SHIFT),
                    m2.multiplier(), m2.shift());
            int diff = sx - sy;
            int raw = FixedPoint.multiplyByQuantizedMultiplier(diff * diff, mo) + outputOffset;
            return Math.min(Math.max(raw, -128), 127);
        }
    }

    /** float32 squared difference. */
    public record Float32(Broadcast broadcast) implements BroadcastKernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Elementwise.mapFloats(broadcast, inputs, outputs, (x, y) -> {
                float d = x - y;
                return d * d;
            });
        }
    }
}
