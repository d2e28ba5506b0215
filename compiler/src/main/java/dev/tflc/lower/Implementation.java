package dev.tflc.lower;

import java.util.List;

/**
 * How one layer runs: the kernel set that offered it, the C call, the files of tflc's runtime it needs
 * copied into the output folder, the headers the generated source includes for it, the scratch bytes
 * the call needs for the one step it runs (planned in the arena with the tensors), the code emitted
 * for this layer alone (null when the call goes to a shared kernel), and the calls that run before
 * it (preparing its scratch, such as unpacking INT4 weights).
 */
public record Implementation(String kernelSet, CCall call, List<String> runtimeFiles, List<String> headers,
        long scratchBytes, LayerCode code, List<CCall> before) implements Offer {
    /** An implementation that calls a shared kernel. */
    public Implementation(String kernelSet, CCall call, List<String> runtimeFiles, List<String> headers,
            long scratchBytes) {
        this(kernelSet, call, runtimeFiles, headers, scratchBytes, null);
    }

    /** An implementation with nothing to run before its call. */
    public Implementation(String kernelSet, CCall call, List<String> runtimeFiles, List<String> headers,
            long scratchBytes, LayerCode code) {
        this(kernelSet, call, runtimeFiles, headers, scratchBytes, code, List.of());
    }

    public Implementation {
        runtimeFiles = List.copyOf(runtimeFiles);
        headers = List.copyOf(headers);
        before = List.copyOf(before);
        if (scratchBytes < 0) {
            throw new IllegalArgumentException("negative scratch size " + scratchBytes);
        }
    }

    /** The function the layer calls. */
    public String function() {
        return call.function();
    }
}
