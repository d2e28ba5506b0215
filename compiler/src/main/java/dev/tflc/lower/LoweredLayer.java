package dev.tflc.lower;

import java.util.List;

/** The implementation a layer got, and each preferred kernel set that declined it, with its reason. */
public record LoweredLayer(Implementation implementation, List<Declined> declined) {
    public LoweredLayer {
        declined = List.copyOf(declined);
    }

    /** A kernel set that declined, and why. */
    public record Declined(String kernelSet, String reason) {
    }
}
