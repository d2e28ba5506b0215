package dev.tflc.lower;

/**
 * A family of implementations (portable C, CMSIS-NN calls, ...). For each layer it either offers an
 * implementation for the exact parameters, or declines and says why. A kernel set keeps its own
 * implementations; operator classes know nothing of it.
 */
public interface KernelSet {
    /** The name {@code --kernels} uses. */
    String name();

    /** An implementation of {@code layer}, or a reason to decline it. */
    Offer offer(Layer layer);

    /**
     * What building generated code that uses this set needs beyond the output folder, as comment lines
     * for the generated source (none when the folder is self-contained).
     */
    default java.util.List<String> buildNote() {
        return java.util.List.of();
    }
}
