package dev.tflc.ops;

import dev.tflc.ir.TensorData;

/**
 * MAXIMUM and MINIMUM with broadcasting, as TensorFlow Lite Micro's reference kernel
 * (maximum_minimum.cc): {@code x > y ? x : y} and {@code x < y ? x : y} on the stored values, int8
 * and float alike. On int8 that is right only when both inputs and the output share one
 * quantization, so tflc requires it.
 */
public final class MaximumMinimum implements OperatorKind {
    private final boolean maximum;

    private MaximumMinimum(boolean maximum) {
        this.maximum = maximum;
    }

    public static MaximumMinimum maximum() {
        return new MaximumMinimum(true);
    }

    public static MaximumMinimum minimum() {
        return new MaximumMinimum(false);
    }

    @Override
    public String name() {
        return maximum ? "MAXIMUM" : "MINIMUM";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Binary e = Elementwise.binary(node);
        if (!e.isFloat()) {
            node.expectSameQuantization(e.a(), e.b());
            node.expectSameQuantization(e.a(), e.out());
        }
        return new Select(e.broadcast(), maximum, e.isFloat());
    }

    /** The larger ({@code maximum}) or smaller of each pair, float32 or int8. */
    public record Select(Broadcast broadcast, boolean maximum, boolean isFloat) implements BroadcastKernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            if (isFloat) {
                Elementwise.mapFloats(broadcast, inputs, outputs,
                        maximum ? (x, y) -> x > y ? x : y : (x, y) -> x < y ? x : y);
            } else {
                Elementwise.mapInts(broadcast, inputs, outputs, maximum ? Math::max : Math::min);
            }
        }
    }
}
