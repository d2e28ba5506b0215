package dev.tflc.codegen;

import dev.tflc.target.Target;
import java.util.Locale;

/**
 * Whether a compiled model fits its target's part: RAM for the arena plus the stack the generated
 * code needs, flash for at least the weights and the tables computed from the model (the kernels'
 * code comes on top; the check is for what is certain). A RAM or flash of 0 is not checked.
 */
public record Fit(String target, long ramBytes, long flashBytes, long arenaBytes, long stackBytes,
        long modelDataBytes) {

    public static Fit of(Compilation c) {
        Target t = c.target();
        return new Fit(t.name(), t.ramBytes(), t.flashBytes(), c.layout().arenaBytes(), t.stackEstimateBytes(),
                c.weightBytes() + c.requantTableBytes() + c.otherTableBytes());
    }

    public long ramNeeded() {
        return arenaBytes + stackBytes;
    }

    public boolean fitsRam() {
        return ramBytes == 0 || ramNeeded() <= ramBytes;
    }

    public boolean fitsFlash() {
        return flashBytes == 0 || modelDataBytes <= flashBytes;
    }

    /** Why the model cannot fit, one line with the numbers, or null when it may. */
    public String problem() {
        if (!fitsRam()) {
            return String.format(Locale.ROOT, "needs %,d B of RAM (arena %,d + stack %,d); %s has %,d B of RAM "
                    + "(--ram gives your part's)", ramNeeded(), arenaBytes, stackBytes, target, ramBytes);
        }
        if (!fitsFlash()) {
            return String.format(Locale.ROOT, "needs at least %,d B of flash for its weights and tables; %s has "
                    + "%,d B of flash (--flash gives your part's)", modelDataBytes, target, flashBytes);
        }
        return null;
    }

    /** {@code info}'s line. */
    public String describe() {
        String ram = ramBytes == 0 ? "RAM not stated" : String.format(Locale.ROOT, "RAM %,d B", ramBytes);
        String flash = flashBytes == 0 ? "flash not stated" : String.format(Locale.ROOT, "flash %,d B", flashBytes);
        return String.format(Locale.ROOT, "fit (%s: %s, %s): needs RAM %,d B (arena %,d + stack %,d), flash at "
                + "least %,d B (weights and tables) + code: %s", target, ram, flash, ramNeeded(), arenaBytes,
                stackBytes, modelDataBytes, problem() == null ? (ramBytes == 0 && flashBytes == 0 ? "not checked"
                        : "fits") : "does not fit");
    }
}
