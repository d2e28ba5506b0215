package dev.tflc.cli;

import dev.tflc.lower.Goal;
import dev.tflc.target.Target;
import picocli.CommandLine.Option;

/**
 * The options that say what the model is compiled for, shared by {@code compile} and {@code info}:
 * the target, the kernel set tried first, what the lowering favours, and the RAM and flash of the user's part.
 */
final class TargetOptions {
    @Option(names = "--target", defaultValue = "host", paramLabel = "TARGET", converter = OptionValues.TargetName.class,
            completionCandidates = OptionValues.TargetNames.class,
            description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--kernels", paramLabel = "SET", converter = OptionValues.Kernels.class,
            completionCandidates = OptionValues.Kernels.class,
            description = "Kernel set tried first: ${COMPLETION-CANDIDATES} (default: the target's).")
    String kernels;

    @Option(names = "--optimize", defaultValue = "speed", paramLabel = "GOAL", converter = OptionValues.Optimize.class,
            completionCandidates = OptionValues.Optimize.class,
            description = "What the lowering favours: speed (the first kernel set that runs a layer: for int8 "
                    + "convolutions and fully connected layers, a function of the layer's own), balanced (as speed, "
                    + "but layers of the same shapes and parameters share one function, their arrays passed to it: "
                    + "less flash, a few percent more instructions) or size (a shared kernel for every layer) "
                    + "(default: ${DEFAULT-VALUE}).")
    String optimize;

    @Option(names = "--max-arena", paramLabel = "BYTES", converter = OptionValues.Bytes.class,
            description = "RAM budget for the arena (e.g. 30K): when the plan needs more, the first layers that can "
                    + "run in patches (bands of rows, the tensors between them never whole) do, with the fewest extra "
                    + "MACs that fit; a model that cannot fit is refused (default: no budget).")
    Long maxArena;

    @Option(names = "--ram", paramLabel = "BYTES", converter = OptionValues.Bytes.class,
            description = "RAM of your part (e.g. 256K): a model whose arena and stack cannot fit does not fit "
                    + "(default: the target's).")
    Long ram;

    @Option(names = "--flash", paramLabel = "BYTES", converter = OptionValues.Bytes.class,
            description = "Flash of your part (e.g. 1M): a model whose weights and tables cannot fit does not fit "
                    + "(default: the target's).")
    Long flash;

    /** The target, with the part's RAM and flash where given. */
    Target target() {
        return Target.load(target).withMemory(ram, flash);
    }

    /** The arena budget, or null. */
    Long maxArena() {
        return maxArena;
    }

    /** What the lowering favours. */
    Goal goal() {
        return Goal.named(optimize);
    }

    /** The kernel set tried first, or null for the target's order. */
    String preferredKernels() {
        return kernels;
    }
}
