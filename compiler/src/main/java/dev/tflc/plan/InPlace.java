package dev.tflc.plan;

import dev.tflc.lower.Access;

/**
 * A declaration that buffer {@code output} may share bytes with buffer {@code input} at step
 * {@code step}, whose one operator reads the input and writes the output in the order {@code access}
 * states. It holds only where the input is last used at that step and the output first used there,
 * and only at a distance between the two that {@code access} allows (no byte written before its last
 * read); {@link PlanChecker} checks each of these.
 */
public record InPlace(int input, int output, int step, Access access) {
    /** {@code input 3 -> output 7 at step 2}, as diagnostics name a pair. */
    String describe() {
        return "in-place pair (input " + input + " -> output " + output + " at step " + step + ")";
    }
}
