package dev.tflc.lower;

/** What a kernel set answers for one layer: an implementation, or why it declines. */
public sealed interface Offer permits Implementation, Offer.Decline {
    /** The kernel set cannot run this layer as its parameters are; {@code reason} says which parameter. */
    record Decline(String reason) implements Offer {
    }

    static Decline decline(String reason) {
        return new Decline(reason);
    }
}
