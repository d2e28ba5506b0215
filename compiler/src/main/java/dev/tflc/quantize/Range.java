package dev.tflc.quantize;

/** The smallest and largest value a tensor took over the calibration set. */
public record Range(float min, float max) {
    /** The range of {@code values}; an empty array gives the range [0, 0]. */
    public static Range of(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return values.length == 0 ? new Range(0, 0) : new Range(min, max);
    }

    /** The smallest range holding both. */
    public Range union(Range other) {
        return other == null ? this : new Range(Math.min(min, other.min), Math.max(max, other.max));
    }
}
