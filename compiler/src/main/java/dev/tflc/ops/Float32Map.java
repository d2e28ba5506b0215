package dev.tflc.ops;

import dev.tflc.ir.TensorData;

/** A float32 kernel whose every output element is a function of the matching input element alone. */
public interface Float32Map extends Kernel {
    /** Elements of the input (and output). */
    int size();

    /** The output element for input element {@code x}. */
    float apply(float x);

    @Override
    default void run(TensorData[] inputs, TensorData[] outputs) {
        float[] in = inputs[0].floats();
        float[] out = outputs[0].floats();
        for (int i = 0; i < out.length; i++) {
            out[i] = apply(in[i]);
        }
    }

    @Override
    default long macs() {
        return 0;
    }
}
