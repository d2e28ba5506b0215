package dev.tflc.ops;

import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * DIV with broadcasting. Float: x / y clamped to the fused activation's range, as TensorFlow Lite
 * Micro's reference (reference/div.h). int8 as TFLM's reference kernel (div.cc, reference/div.h
 * DivElementwise): the offset dividend shifted up by its leading sign bits, multiplied by the
 * fixed-point reciprocal of the offset divisor (GetReciprocal), scaled by one multiplier derived in
 * double from the float quotient input1 scale / (input2 scale * output scale), plus the output zero
 * point, clamped. TFLM leaves a divisor equal to its zero point undefined (a debug check); tflc gives
 * the activation's upper bound for a positive dividend, its lower bound for a negative one and the
 * clamped output zero point for zero, and a right shift past 31 bits gives 0 (the exact rounding).
 */
public final class Div implements OperatorKind {
    @Override
    public String name() {
        return "DIV";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Binary e = Elementwise.binary(node, TensorType.FLOAT32, TensorType.INT8);
        Activation act = Activation.of(node);
        if (e.isFloat()) {
            return new Float32(e.broadcast(), act.floatRange());
        }
        float quotient = Elementwise.scale(e.a()) / (Elementwise.scale(e.b()) * Elementwise.scale(e.out()));
        FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(quotient);
        // The offset dividend has at least 23 leading sign bits, so the final shift stays a right shift.
        if (m.shift() > 23) {
            throw node.error(e.out(), "scale " + Elementwise.scale(e.out()) + " is too small for the inputs' scales");
        }
        return new Int8(e.broadcast(), -Elementwise.zeroPoint(e.a()), -Elementwise.zeroPoint(e.b()), m,
                Elementwise.zeroPoint(e.out()), act.quantizedRange(e.out()));
    }

    /** int8 division. */
    public record Int8(Broadcast broadcast, int offset1, int offset2, FixedPoint.Multiplier multiplier,
            int outputOffset, int[] range) implements BroadcastKernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Elementwise.mapInts(broadcast, inputs, outputs, this::div);
        }

        int div(int x, int y) {
            int dividend = x + offset1;
            int divisor = y + offset2;
            int raw;
            if (divisor == 0) {
                raw = dividend > 0 ? range[1] : dividend < 0 ? range[0] : outputOffset;
            } else {
                if (divisor < 0) {
                    dividend = -dividend;
                    divisor = -divisor;
                }
                int[] reciprocal = FixedPoint.reciprocal(divisor, 31);
                int headroom = countLeadingSignBits(dividend);
                int unscaled = FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(dividend, reciprocal[0], headroom);
                int totalShift = multiplier.shift() - reciprocal[1] - headroom;
                int scaled = totalShift < -31 ? 0 : FixedPoint.multiplyByQuantizedMultiplierSmallerThanOne(unscaled,
                        multiplier.multiplier(), totalShift);
                raw = outputOffset + scaled;
            }
            return Math.min(Math.max(raw, range[0]), range[1]);
        }

        /** TFLite's CountLeadingSignBits: the bits below the sign bit equal to it (31 for 0). */
        static int countLeadingSignBits(int x) {
            return x == 0 ? 31 : Integer.numberOfLeadingZeros(x < 0 ? ~x : x) - 1;
        }
    }

    /** float32 division. */
    public record Float32(Broadcast broadcast, float[] range) implements BroadcastKernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Elementwise.mapFloats(broadcast, inputs, outputs, (x, y) -> Activation.clamp(x / y, range));
        }
    }
}
