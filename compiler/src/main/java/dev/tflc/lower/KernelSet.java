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
     * {@code chosen}, this set's implementation of {@code layer}, changed to write its output 0 as a part
     * of a concatenation, in place in the concatenation's output ({@link Interleaving}): each row of
     * {@code rowElements} elements (a convolution's output pixel, a fully connected layer's row)
     * {@code strideElements} elements from the last, the elements between left as they are; null
     * when this set cannot. The call's output is the part's first element. The implementation writes
     * its output over none of its inputs and does not run in bands. {@code part} says where the part
     * lies ("channels 16..31 of layer 7's CONCATENATION"), for the generated code's comments.
     */
    default Implementation interleaved(Layer layer, Implementation chosen, int rowElements, int strideElements,
            String part) {
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
