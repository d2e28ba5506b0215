package dev.tflc.ops;

import dev.tflc.ir.TensorData;

/** A prepared operator: everything derived, ready to compute. */
public interface Kernel {
    /**
     * Computes the outputs from the inputs in the reference interpreter. {@code inputs[i]} is null
     * for an omitted optional input; outputs are allocated by the caller.
     */
    void run(TensorData[] inputs, TensorData[] outputs);

    /** Multiply-accumulates one run performs (0 for operators without multiplies). */
    long macs();

    /**
     * True when output 0 is input 0's bytes under another shape (a re-view such as RESHAPE): the
     * memory plan may then give both the same place, and the call is skipped.
     */
    default boolean isView() {
        return false;
    }

    /**
     * True when output 0 is the inputs' bytes one after another, in input order (a CONCATENATION or
     * PACK whose axis has only 1s before it): the memory plan may then place each input inside the
     * output, where its producer writes it, and the call is skipped.
     */
    default boolean concatenatesInputs() {
        return concatenationRounds() == 1;
    }

    /**
     * For a concatenation (CONCATENATION, PACK): in how many rounds output 0 takes, from each input in
     * turn, its next chunk of consecutive elements (1: the inputs one after another; for NHWC tensors
     * joined along the channels, one round per pixel); 0 for every other kernel.
     */
    default int concatenationRounds() {
        return 0;
    }

    /**
     * The position of the input whose bytes the outputs are, one after another in output order (a
     * SPLIT, SPLIT_V or UNPACK whose axis has only 1s before it), or -1: the memory plan may then place
     * each output inside that input, where its consumers read it, and the call is skipped.
     */
    default int splitsInput() {
        return -1;
    }
}
