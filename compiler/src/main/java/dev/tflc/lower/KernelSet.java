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
     * {@code chosen}, this set's implementation of {@code layer}, extended to do in its stores the work
     * of {@code consumer}, an element-wise layer of two inputs of its output's shape that alone reads
     * {@code layer}'s output and takes as its other input, at position {@code residualPosition}, a
     * tensor already written when {@code layer} runs ({@link Fusion}); null when this set cannot. The extended call takes its
     * tensors from the fused step ({@link Fusion#step}): the layer's inputs, then the residual, and the
     * consumer's output.
     */
    default Implementation fuse(Layer layer, Implementation chosen, Layer consumer, int residualPosition) {
        return null;
    }

    /**
     * What building generated code that uses this set needs beyond the output folder, as comment lines
     * for the generated source (none when the folder is self-contained).
     */
    default java.util.List<String> buildNote() {
        return java.util.List.of();
    }
}
