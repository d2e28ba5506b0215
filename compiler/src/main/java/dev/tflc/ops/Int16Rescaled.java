package dev.tflc.ops;

import dev.tflc.ir.TensorData;

/**
 * An int16 binary operator that computes as its int8 kernel {@code rescaled()} does, the int16 range
 * and left shift already in it (TFLM's int16 ADD and SUB). Its own class so that kernel sets choose
 * int16 kernels for it.
 */
public interface Int16Rescaled<K extends BroadcastKernel> extends BroadcastKernel {
    K rescaled();

    @Override
    default Broadcast broadcast() {
        return rescaled().broadcast();
    }

    @Override
    default void run(TensorData[] inputs, TensorData[] outputs) {
        rescaled().run(inputs, outputs);
    }
}
