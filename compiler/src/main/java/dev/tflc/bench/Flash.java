package dev.tflc.bench;

/**
 * A firmware's flash bytes by where they come from: the model's weights, the rest of the generated
 * folder and the kernel set's library ({@code code}, of which {@code codeText} is .text and
 * {@code codeLibrary} comes from the library, e.g. libcmsis-nn.a), and the {@code runtime} around it
 * (board runner and startup, other libraries, alignment); {@code tables} of the code are the
 * per-channel arrays derived from the model.
 */
record Flash(long total, long weights, long code, long codeText, long codeLibrary, long runtime, long board,
        long libraries, long tables) {
    /** code + runtime: the counterpart of TFLM's "flash excl. model". */
    long exclWeights() {
        return total - weights;
    }

    /**
     * Flash outside everything derived from the model: the weights and the per-channel tables
     * ({@code tables}, part of the code: multipliers, shifts, CMSIS-NN kernel sums). TFLM's "flash
     * excl. model" leaves out its .tflite, which holds the weights and the per-channel quantization
     * parameters these tables are computed from.
     */
    long exclModelData() {
        return total - weights - tables;
    }

    /** The code's .rodata and .data: per-channel multipliers and shifts, layer parameters, tables. */
    long codeConstants() {
        return code - codeText;
    }
}
