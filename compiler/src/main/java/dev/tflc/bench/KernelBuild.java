package dev.tflc.bench;

import dev.tflc.lower.Goal;
import dev.tflc.lower.cmsisnn.CmsisNnKernels;
import dev.tflc.lower.optimized.OptimizedKernels;
import dev.tflc.lower.portable.PortableKernels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel set as the benchmark builds it for one core: the set tflc prefers ({@code kernels}; layers
 * it cannot run fall back to portable), what targets/run-on-board needs besides the generated
 * folder: extra compiler flags (CMSIS-NN's include folder) and static libraries (its libcmsis-nn.a),
 * and what tflc's lowering favours ({@code goal}, {@code --optimize}).
 */
record KernelBuild(String kernels, List<String> cflags, List<Path> libraries, Goal goal) {
    /** The kernel sets the benchmark can build, in the order it measures them. */
    static final List<String> SETS = List.of(PortableKernels.NAME, OptimizedKernels.NAME, CmsisNnKernels.NAME);

    /** tflc's own C: nothing to add. */
    static final KernelBuild PORTABLE = new KernelBuild(PortableKernels.NAME, List.of(), List.of());

    /** tflc's own layer-specialised C: nothing to add either. */
    static final KernelBuild OPTIMIZED = new KernelBuild(OptimizedKernels.NAME, List.of(), List.of());

    KernelBuild {
        cflags = List.copyOf(cflags);
        libraries = List.copyOf(libraries);
    }

    /** The build of a kernel set compiled for speed. */
    KernelBuild(String kernels, List<String> cflags, List<Path> libraries) {
        this(kernels, cflags, libraries, Goal.SPEED);
    }

    /** This build, compiled for {@code g}. */
    KernelBuild forGoal(Goal g) {
        return new KernelBuild(kernels, cflags, libraries, g);
    }

    /** {@code kernels}, with {@code --optimize size} when compiled for size: how rows and folders name it. */
    String label() {
        return goal == Goal.SPEED ? kernels : kernels + " --optimize " + goal.label();
    }

    /** The targets/run-on-board options: {@code --cflags "FLAGS"} and one {@code --lib PATH} per library. */
    List<String> runOnBoardOptions() {
        List<String> options = new ArrayList<>();
        if (!cflags.isEmpty()) {
            options.add("--cflags");
            options.add(String.join(" ", cflags));
        }
        for (Path lib : libraries) {
            options.add("--lib");
            options.add(lib.toString());
        }
        return options;
    }
}
