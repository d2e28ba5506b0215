package dev.tflc.lower;

import java.util.List;

/**
 * How one layer runs: the kernel set that offered it, the C call, the files of tflc's runtime it needs
 * copied into the output folder, the headers the generated source includes for it, the scratch bytes
 * the call needs for the one step it runs (planned in the arena with the tensors), the code emitted
 * for this layer alone (null when the call goes to a shared kernel), {@code sharing}: the inputs
 * whose memory output 0 may share, in order of preference, each with the order in which the call
 * reads it and writes the output (the memory planner places the output over the input, at a distance
 * where no byte is written before its last read, when that saves memory), the calls that run before it (preparing its scratch, such as unpacking INT4 weights), and
 * {@code band}: how the layer runs on a band of its output rows in patch-based execution (null when it
 * cannot).
 * An input is listed in {@code sharing} only when the call takes no {@code restrict} pointer to it
 * or to the output and runs in the order stated there.
 */
public record Implementation(String kernelSet, CCall call, List<String> runtimeFiles, List<String> headers,
        long scratchBytes, LayerCode code, Sharing sharing, List<CCall> before, Band band) implements Offer {
    /** An implementation that calls a shared kernel. */
    public Implementation(String kernelSet, CCall call, List<String> runtimeFiles, List<String> headers,
            long scratchBytes) {
        this(kernelSet, call, runtimeFiles, headers, scratchBytes, null);
    }

    /** An implementation whose output never takes an input's memory, with nothing to run before its call. */
    public Implementation(String kernelSet, CCall call, List<String> runtimeFiles, List<String> headers,
            long scratchBytes, LayerCode code) {
        this(kernelSet, call, runtimeFiles, headers, scratchBytes, code, Sharing.NONE, List.of(), null);
    }

    /** As the canonical constructor, for a layer that cannot run in bands. */
    public Implementation(String kernelSet, CCall call, List<String> runtimeFiles, List<String> headers,
            long scratchBytes, LayerCode code, Sharing sharing, List<CCall> before) {
        this(kernelSet, call, runtimeFiles, headers, scratchBytes, code, sharing, before, null);
    }

    public Implementation {
        runtimeFiles = List.copyOf(runtimeFiles);
        headers = List.copyOf(headers);
        before = List.copyOf(before);
        if (scratchBytes < 0) {
            throw new IllegalArgumentException("negative scratch size " + scratchBytes);
        }
    }

    /**
     * This implementation with output 0 allowed over the inputs at {@code positions}, which the call
     * reads and writes in the order {@code access} states.
     */
    public Implementation inPlace(List<Integer> positions, Access access) {
        return inPlace(positions, java.util.Collections.nCopies(positions.size(), access));
    }

    /**
     * This implementation with output 0 allowed over the inputs at {@code positions}, the input at
     * {@code positions.get(k)} read and the output written in the order {@code accesses.get(k)} states.
     */
    public Implementation inPlace(List<Integer> positions, List<Access> accesses) {
        return new Implementation(kernelSet, call, runtimeFiles, headers, scratchBytes, code,
                new Sharing(positions, accesses), before, band);
    }

    /** The order in which the call reads in-place input {@code position} and writes its output, or null. */
    public Access inPlaceAccess(int position) {
        return sharing.access(position);
    }

    /** This implementation, able to run on bands of rows as {@code band} states. */
    public Implementation withBand(Band band) {
        return new Implementation(kernelSet, call, runtimeFiles, headers, scratchBytes, code, sharing, before,
                band);
    }

    /** The function the layer calls. */
    public String function() {
        return call.function();
    }
}
