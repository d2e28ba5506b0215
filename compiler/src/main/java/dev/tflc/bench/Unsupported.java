package dev.tflc.bench;

/** A model the benchmark could not measure because tflc does not support it, and the diagnostic why. */
record Unsupported(SharedModel model, String reason) {
}
