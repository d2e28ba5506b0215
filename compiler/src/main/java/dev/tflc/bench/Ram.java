package dev.tflc.bench;

/** A firmware's RAM (.data + .bss, stack excluded): the arena, the model's other data, the runtime's. */
record Ram(long total, long arena, long modelOther, long runtime) {
}
