package dev.tflc.lower;

import java.util.Locale;

/**
 * What the lowering favours ({@code --optimize}): {@code SPEED} takes the first kernel set in the
 * order of preference that accepts a layer; {@code BALANCED} takes the same, and layers whose code
 * of their own is the same but for their arrays (the same shapes and parameters) run one copy of
 * it, their arrays passed as arguments (code generation decides: {@code Compilation.calledFunctions});
 * {@code SIZE} takes, for every layer, an implementation that calls a shared kernel, never code of
 * the layer's own, so that the layers of one operator share one function in flash.
 */
public enum Goal {
    SPEED, BALANCED, SIZE;

    /** The name {@code --optimize} uses: speed, balanced, size. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The goal called {@code label}. */
    public static Goal named(String label) {
        for (Goal g : values()) {
            if (g.label().equals(label)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown optimisation goal '" + label + "'");
    }

    /**
     * Why this goal turns down {@code offer}, or null when it takes it: under {@code SIZE}, an
     * implementation with code of the layer's own.
     */
    Offer.Decline refusal(Implementation offer) {
        if (this != SIZE || offer.code() == null) {
            return null;
        }
        return Offer.decline("--optimize size: its implementation is a function of this layer's own ("
                + offer.function() + "), code no other layer shares; a shared kernel costs less flash");
    }
}
