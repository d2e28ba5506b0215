package dev.tflc.lower;

import java.util.List;

/**
 * A concatenation whose inputs interleave in its output ({@link dev.tflc.ops.Kernel#concatenationRounds}
 * above 1: NHWC tensors joined along the channels, say), written there in place by the layers that
 * produce them: layer {@code producers.get(k)} writes input k, each of its {@code rounds} rows at the
 * output's stride, the other inputs' elements between them. The concatenation runs nothing; the memory
 * plan must place each input inside the output, at its rows' place (a joined concatenation of
 * the arena layout, strided). {@code alone}: each producer as it was lowered to write its own output,
 * for a lowering without this interleaving ({@link Lowering#without}).
 */
public record Interleaving(int concatenation, List<Integer> producers, int rounds, List<LoweredLayer> alone) {
    public Interleaving {
        producers = List.copyOf(producers);
        alone = List.copyOf(alone);
    }
}
