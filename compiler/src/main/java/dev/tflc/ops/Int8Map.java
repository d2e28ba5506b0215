package dev.tflc.ops;

import dev.tflc.ir.TensorData;

/**
 * An int8 kernel whose every output element is a function of the matching input element alone:
 * {@link #apply} is the reference arithmetic. With only 256 possible inputs, a kernel set may
 * evaluate it once per input value and look the results up ({@link #packedTable}).
 */
public interface Int8Map extends Kernel {
    /** Elements of the input (and output). */
    int size();

    /** The output element for input element {@code x} in [-128, 127]. */
    int apply(int x);

    @Override
    default void run(TensorData[] inputs, TensorData[] outputs) {
        int[] in = inputs[0].ints();
        int[] out = outputs[0].ints();
        for (int i = 0; i < out.length; i++) {
            out[i] = apply(in[i]);
        }
    }

    @Override
    default long macs() {
        return 0;
    }

    /**
     * The 256 outputs, for inputs -128 to 127, packed four to an int32 word with the lowest byte
     * first: the output for input x is byte {@code (x + 128) % 4} of word {@code (x + 128) / 4}
     * (tflc_lookup_s8 reads it so).
     */
    default int[] packedTable() {
        int[] words = new int[64];
        for (int x = -128; x <= 127; x++) {
            int index = x + 128;
            words[index >> 2] |= (apply(x) & 0xff) << (8 * (index & 3));
        }
        return words;
    }
}
