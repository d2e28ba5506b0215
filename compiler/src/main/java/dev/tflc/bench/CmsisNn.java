package dev.tflc.bench;

import dev.tflc.target.Target;
import dev.tflc.lower.cmsisnn.CmsisNnKernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The user's CMSIS-NN, for {@code --kernels cmsis-nn}: its Include folder, and for each target the
 * static library built for that core. Each comes from its option, else from the environment
 * variable the test profile {@code mvn test -Pcmsis-nn} reads as well: {@code CMSIS_NN_INCLUDE},
 * {@code CMSIS_NN_LIB_CORTEX_M4}, {@code CMSIS_NN_LIB_CORTEX_M55}, ... Paths are absolute.
 */
record CmsisNn(Path include, Map<String, Path> libraries) {
    static final String INCLUDE_VARIABLE = "CMSIS_NN_INCLUDE";

    CmsisNn {
        libraries = Collections.unmodifiableMap(new LinkedHashMap<>(libraries));
    }

    /** The environment variable naming the library for a core: CMSIS_NN_LIB_CORTEX_M4 for cortex-m4. */
    static String libraryVariable(String target) {
        return "CMSIS_NN_LIB_" + target.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * The Include folder and each target's library, from the options ({@code include} may be null,
     * {@code libraries} by core) or else {@code env}; a missing or wrong path is a bad option.
     */
    static CmsisNn resolve(Path include, Map<String, Path> libraries, List<String> targets,
            Function<String, String> env) {
        for (String core : libraries.keySet()) {
            if (!Target.NAMES.contains(core)) {
                throw bad("--cmsis-nn-lib " + core + "=...: unknown core (use cortex-m3, cortex-m4, cortex-m7, "
                        + "cortex-m33 or cortex-m55)");
            }
        }
        Path dir = include != null ? include : fromEnvironment(env, INCLUDE_VARIABLE);
        if (dir == null) {
            throw bad("--kernels cmsis-nn needs CMSIS-NN's Include folder: --cmsis-nn-include DIR or "
                    + INCLUDE_VARIABLE);
        }
        if (!Files.isRegularFile(dir.resolve("arm_nnfunctions.h"))) {
            throw bad("CMSIS-NN include folder " + dir + " holds no arm_nnfunctions.h");
        }
        if (dir.toAbsolutePath().toString().matches(".*\\s.*")) {
            // targets/run-on-board splits --cflags at blanks
            throw bad("CMSIS-NN include folder '" + dir + "' has a blank in its path, which --cflags cannot carry");
        }
        Map<String, Path> found = new LinkedHashMap<>();
        for (String target : targets) {
            String variable = libraryVariable(target);
            Path lib = libraries.containsKey(target) ? libraries.get(target) : fromEnvironment(env, variable);
            if (lib == null) {
                throw bad("--kernels cmsis-nn on " + target + " needs CMSIS-NN built for it: --cmsis-nn-lib "
                        + target + "=PATH/libcmsis-nn.a or " + variable);
            }
            if (!Files.isRegularFile(lib)) {
                throw bad("CMSIS-NN library for " + target + ": " + lib + " is not a file");
            }
            found.put(target, lib.toAbsolutePath().normalize());
        }
        return new CmsisNn(dir.toAbsolutePath().normalize(), found);
    }

    /** How the benchmark builds the cmsis-nn kernel set for a target this was resolved for. */
    KernelBuild build(String target) {
        Path lib = libraries.get(target);
        if (lib == null) {
            throw new IllegalArgumentException("no CMSIS-NN library for " + target);
        }
        return new KernelBuild(CmsisNnKernels.NAME, List.of("-I" + include), List.of(lib));
    }

    private static Path fromEnvironment(Function<String, String> env, String variable) {
        String value = env.apply(variable);
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    private static BenchFailure bad(String message) {
        return new BenchFailure(BenchFailure.BAD_OPTIONS, message);
    }
}
