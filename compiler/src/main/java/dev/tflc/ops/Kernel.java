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

    /** The C call that computes the same outputs in generated code. */
    CCall lower();
}
