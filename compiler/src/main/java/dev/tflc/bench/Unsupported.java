package dev.tflc.bench;

/**
 * A model the benchmark could not measure, on one target ({@code target}) or on every one (null):
 * tflc does not support it, or it does not fit the target's board; the diagnostic why.
 */
record Unsupported(SharedModel model, String target, String reason) {
}
