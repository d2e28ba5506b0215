package dev.tflc.bench;

import dev.tflc.target.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The user's TensorFlow Lite Micro for one core: the checkout ({@code root}, whose headers the harness
 * is built against) and the library its own Makefile built there, {@code
 * gen/<TARGET>_<TARGET_ARCH>_<BUILD_TYPE>[_<OPTIMIZED_KERNEL_DIR>]_<TOOLCHAIN>/lib/libtensorflow-microlite.a}
 * (e.g. {@code gen/cortex_m_generic_cortex-m4+fp_release_cmsis_nn_gcc/}); {@code kernels} is
 * {@link TflmBaseline#CMSIS} when it was built with {@code OPTIMIZED_KERNEL_DIR=cmsis_nn}, else
 * {@link TflmBaseline#REF}.
 */
record TflmLibrary(Path root, Path library, String build, String kernels, boolean release) {
    static final String LIBRARY = "libtensorflow-microlite.a";
    static final String ROOT_VARIABLE = "TFLM_ROOT";
    /** Where TFLM's Makefile puts its third-party downloads (FlatBuffers, gemmlowp) in the checkout. */
    static final String DOWNLOADS = "tensorflow/lite/micro/tools/make/downloads";
    static final String RESOLVER_HEADER = "tensorflow/lite/micro/micro_mutable_op_resolver.h";

    private static final Pattern RESOLVER_METHOD = Pattern.compile("TfLiteStatus\\s+Add([A-Z][A-Za-z0-9]*)\\s*\\(");

    /**
     * TFLM's {@code TARGET_ARCH} values of the {@code cortex_m_generic} target that build code linkable
     * with a tflc target's image (same core, hard-float ABI).
     */
    static List<String> archesFor(Target t) {
        String core = t.core();
        boolean fpu = !"none".equals(t.fpu());
        return switch (core) {
            case "cortex-m4", "cortex-m7" -> List.of(fpu ? core + "+fp" : core);
            default -> List.of(core); // cortex-m55: TFLM's plain cortex-m55 is the hard-float build
        };
    }

    /**
     * The library in {@code dir} for {@code target}, preferring the kernels that compare with tflc's
     * {@code tflcKernels} (CMSIS-NN for optimized and cmsis-nn, the reference kernels for portable);
     * a one-line {@link BenchFailure} (bad options) naming what is missing otherwise.
     */
    static TflmLibrary find(Path dir, Target target, String tflcKernels) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw bad("--tflm " + dir + ": no such folder (give your TensorFlow Lite Micro checkout)");
        }
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve(RESOLVER_HEADER))) {
            throw bad(root + " is not a TensorFlow Lite Micro checkout (no " + RESOLVER_HEADER + ")");
        }
        List<String> arches = archesFor(target);
        List<TflmLibrary> found = new ArrayList<>();
        Path gen = root.resolve("gen");
        if (Files.isDirectory(gen)) {
            try (Stream<Path> builds = Files.list(gen)) {
                for (Path b : builds.sorted().toList()) {
                    TflmLibrary lib = parse(root, b);
                    if (lib != null && Files.isRegularFile(lib.library())
                            && arches.stream().anyMatch(a -> b.getFileName().toString()
                                    .startsWith("cortex_m_generic_" + a + "_"))) {
                        found.add(lib);
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw bad("no " + LIBRARY + " for " + target.name() + " in " + gen + "/cortex_m_generic_"
                    + arches.get(0) + "_*/lib (build it with TensorFlow Lite Micro's Makefile: make -f "
                    + "tensorflow/lite/micro/tools/make/Makefile TARGET=cortex_m_generic TARGET_ARCH=" + arches.get(0)
                    + " microlite)");
        }
        String wanted = TflmBaseline.kernelsFor(tflcKernels);
        // the counterpart kernels first, then a release build, then by name
        return found.stream().min(Comparator.comparing((TflmLibrary l) -> !l.kernels().equals(wanted))
                .thenComparing(l -> !l.release()).thenComparing(TflmLibrary::build)).orElseThrow();
    }

    /** A gen/ build folder's library and what its name says, or null if it is not TFLM's naming. */
    static TflmLibrary parse(Path root, Path build) {
        String name = build.getFileName().toString();
        if (!name.startsWith("cortex_m_generic_")) {
            return null;
        }
        String kernels = name.contains("_cmsis_nn_") ? TflmBaseline.CMSIS : TflmBaseline.REF;
        boolean release = name.contains("_release_") || name.contains("_release_with_logs_");
        return new TflmLibrary(root, build.resolve("lib").resolve(LIBRARY), name, kernels, release);
    }

    /** "reference kernels" or "CMSIS-NN kernels". */
    String kernelsInWords() {
        return TflmBaseline.CMSIS.equals(kernels) ? "CMSIS-NN kernels" : "reference kernels";
    }

    /** The include folders of the checkout that the harness needs: its root, FlatBuffers', gemmlowp's. */
    List<Path> includes() {
        Path downloads = root.resolve(DOWNLOADS);
        List<Path> dirs = List.of(root, downloads.resolve("flatbuffers/include"), downloads.resolve("gemmlowp"));
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw bad(root + " has no " + root.relativize(d) + " (TensorFlow Lite Micro's Makefile downloads it "
                        + "when it builds the library)");
            }
        }
        return dirs;
    }

    /** The defines the library was built with that change what its headers declare. */
    List<String> defines() {
        List<String> d = new ArrayList<>(List.of("-DTF_LITE_STATIC_MEMORY"));
        if (build.contains("_release_")) {
            d.add("-DNDEBUG");
            if (!build.contains("_release_with_logs_")) {
                d.add("-DTF_LITE_STRIP_ERROR_STRINGS");
            }
        }
        return d;
    }

    /**
     * The {@code MicroMutableOpResolver} call registering each of {@code builtins} (schema names such
     * as DEPTHWISE_CONV_2D), from the methods the checkout's resolver declares (AddDepthwiseConv2D);
     * a one-line failure naming an operator it has none for.
     */
    Map<String, String> resolverCalls(List<String> builtins) throws IOException {
        Map<String, String> methods = new LinkedHashMap<>();
        Matcher m = RESOLVER_METHOD.matcher(Files.readString(root.resolve(RESOLVER_HEADER)));
        while (m.find()) {
            methods.put(m.group(1).toUpperCase(Locale.ROOT), "Add" + m.group(1));
        }
        Map<String, String> calls = new LinkedHashMap<>();
        for (String op : builtins) {
            String method = methods.get(op.replace("_", "").toUpperCase(Locale.ROOT));
            if (method == null || method.equals("AddCustom")) {
                throw bad("TensorFlow Lite Micro in " + root + " has no resolver method for operator " + op);
            }
            calls.put(op, method);
        }
        return calls;
    }

    private static BenchFailure bad(String message) {
        return new BenchFailure(BenchFailure.BAD_OPTIONS, message);
    }
}
