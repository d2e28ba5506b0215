package dev.tflc.lower;

import java.util.List;

/**
 * How one layer runs: the kernel set that offered it, the C call, the files of tflc's runtime it needs
 * copied into the output folder, the headers the generated source includes for it, the scratch bytes
 * the call needs for the one step it runs (planned in the arena with the tensors), and the code
 * emitted for this layer alone (null when the call goes to a shared kernel).
 */
public record Implementation(String kernelSet, CCall call, List<String> runtimeFiles, List<String> headers,
        long scratchBytes, LayerCode code) implements Offer {
    /** An implementation that calls a shared kernel. */
    public Implementation(String kernelSet, CCall call, List<String> runtimeFiles, List<String> headers,
            long scratchBytes) {
        this(kernelSet, call, runtimeFiles, headers, scratchBytes, null);
    }

    public Implementation {
        runtimeFiles = List.copyOf(runtimeFiles);
        headers = List.copyOf(headers);
        if (scratchBytes < 0) {
            throw new IllegalArgumentException("negative scratch size " + scratchBytes);
        }
    }

    /** The function the layer calls. */
    public String function() {
        return call.function();
    }
}
