package dev.tflc.ops;

import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * PRELU: x where x >= 0, else x * alpha, alpha broadcast against the input (usually a constant per
 * channel). Float as TensorFlow Lite Micro's reference (prelu_common.cc). int8 as TFLM's
 * (reference/prelu.h, multipliers derived in double): the offset input rescaled to the output by
 * input scale / output scale where it is >= 0, else its product with the offset alpha rescaled by
 * input scale * alpha scale / output scale, plus the output zero point, clamped to int8.
 */
public final class Prelu implements OperatorKind {
    @Override
    public String name() {
        return "PRELU";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Binary e = Elementwise.binary(node, TensorType.FLOAT32, TensorType.INT8);
        // TensorFlow Lite requires it; alpha broadcasts into the input.
        node.expectShape(e.out(), e.a().shape());
        if (e.isFloat()) {
            return new Float32(e.broadcast());
        }
        double in = Elementwise.scale(e.a());
        double alpha = Elementwise.scale(e.b());
        double out = Elementwise.scale(e.out());
        return new Int8(e.broadcast(), -Elementwise.zeroPoint(e.a()), -Elementwise.zeroPoint(e.b()),
                FixedPoint.quantizeMultiplier(in / out), FixedPoint.quantizeMultiplier(in * alpha / out),
                Elementwise.zeroPoint(e.out()));
    }

    /** int8 PRELU. */
    public record Int8(Broadcast broadcast, int inputOffset, int alphaOffset, FixedPoint.Multiplier identity,
            FixedPoint.Multiplier alpha, int outputOffset) implements BroadcastKernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Elementwise.mapInts(broadcast, inputs, outputs, this::prelu);
        }

        int prelu(int x, int a) {
            int value = x + inputOffset;
            int out = value >= 0 ? FixedPoint.multiplyByQuantizedMultiplier(value, identity)
                    : FixedPoint.multiplyByQuantizedMultiplier(value * (a + alphaOffset), alpha);
            return Math.min(Math.max(out + outputOffset, -128), 127);
        }
    }

    /** float32 PRELU. */
    public record Float32(Broadcast broadcast) implements BroadcastKernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Elementwise.mapFloats(broadcast, inputs, outputs, (x, a) -> x >= 0.0f ? x : x * a);
        }
    }
}
