package dev.tflc.plan;

/**
 * A declaration that buffer {@code output} may take the very bytes of buffer {@code input} at step
 * {@code step}: the one operator of that step reads each element of the input before it writes the
 * output element of the same index, and reads no element of the input after writing it (an
 * element-wise kernel). It holds only where the input is last used at that step and the output first
 * used there, and the two have the same size; {@link PlanChecker} checks each of these.
 */
public record InPlace(int input, int output, int step) {
    /** {@code input 3 -> output 7 at step 2}, as diagnostics name a pair. */
    String describe() {
        return "in-place pair (input " + input + " -> output " + output + " at step " + step + ")";
    }
}
