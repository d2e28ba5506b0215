package dev.tflc.bench;

/**
 * A firmware's flash bytes by where they come from: the model's weights, the rest of the generated
 * folder and the kernel set's library ({@code code}, of which {@code codeText} is .text and
 * {@code codeLibrary} comes from the library, e.g. libcmsis-nn.a), and the {@code runtime} around it
 * (board runner and startup, other libraries, alignment).
 */
record Flash(long total, long weights, long code, long codeText, long codeLibrary, long runtime, long board,
        long libraries) {
    /** code + runtime: the counterpart of TFLM's "flash excl. model". */
    long exclWeights() {
        return total - weights;
    }

    /** The code's .rodata and .data: per-channel multipliers and shifts, layer parameters, tables. */
    long codeConstants() {
        return code - codeText;
    }
}
