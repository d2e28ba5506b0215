package dev.tflc.plan;

/** Arithmetic on power-of-two alignments. */
final class Alignment {
    private Alignment() {
    }

    /** Throws unless {@code alignment} is a power of two of at least 1. */
    static void require(int alignment) {
        if (alignment < 1 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment " + alignment + " is not a power of two");
        }
    }

    /** {@code value} rounded up to a multiple of {@code alignment}. */
    static long up(long value, int alignment) {
        return (value + alignment - 1) & -(long) alignment;
    }

    static boolean isMultiple(long value, int alignment) {
        return (value & (alignment - 1)) == 0;
    }
}
