package dev.tflc.bench;

import dev.tflc.lower.Goal;
import dev.tflc.lower.cmsisnn.CmsisNnKernels;
import java.nio.file.Path;
import java.util.List;

/**
 * A benchmark run's settings, checked and with every default resolved: the tflc repository
 * ({@code root}), targets, optimisation levels, kernel sets, model patterns, parallel jobs, the two
 * result files, the shared models, TFLM's baseline, the work folder (null: a temporary one), the
 * user's CMSIS-NN (null unless cmsis-nn is measured), the command line that reproduces the run, and
 * the goals ({@code --optimize}) each kernel set is compiled for, and the arena budget every
 * compilation is held to ({@code --max-arena}, null: none).
 */
record BenchConfig(Path root, List<String> targets, List<String> opts, List<String> kernels, List<String> models,
        int jobs, Path markdown, Path json, Path modelsDir, Path baseline, Path work, CmsisNn cmsisNn,
        List<String> command, List<Goal> goals, Long maxArena) {
    BenchConfig {
        targets = List.copyOf(targets);
        opts = List.copyOf(opts);
        kernels = List.copyOf(kernels);
        models = List.copyOf(models);
        command = List.copyOf(command);
        goals = List.copyOf(goals);
    }

    /** A run without an arena budget. */
    BenchConfig(Path root, List<String> targets, List<String> opts, List<String> kernels, List<String> models,
            int jobs, Path markdown, Path json, Path modelsDir, Path baseline, Path work, CmsisNn cmsisNn,
            List<String> command, List<Goal> goals) {
        this(root, targets, opts, kernels, models, jobs, markdown, json, modelsDir, baseline, work, cmsisNn, command,
                goals, null);
    }

    /** A run that compiles for speed only. */
    BenchConfig(Path root, List<String> targets, List<String> opts, List<String> kernels, List<String> models,
            int jobs, Path markdown, Path json, Path modelsDir, Path baseline, Path work, CmsisNn cmsisNn,
            List<String> command) {
        this(root, targets, opts, kernels, models, jobs, markdown, json, modelsDir, baseline, work, cmsisNn, command,
                List.of(Goal.SPEED));
    }

    /** How to build a kernel set of this run for a target. */
    KernelBuild kernelBuild(String kernels, String target) {
        if (kernels.equals(KernelBuild.PORTABLE.kernels())) {
            return KernelBuild.PORTABLE;
        }
        if (kernels.equals(KernelBuild.OPTIMIZED.kernels())) {
            return KernelBuild.OPTIMIZED;
        }
        if (kernels.equals(CmsisNnKernels.NAME) && cmsisNn != null) {
            return cmsisNn.build(target);
        }
        throw new IllegalArgumentException("no build of kernel set " + kernels + " for " + target);
    }
}
