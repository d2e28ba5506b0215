package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import dev.tflc.target.Target;
import dev.tflc.testing.CBatch;
import dev.tflc.testing.CBuild;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated C is plain C99 for any compiler: every shared model, compiled as {@code tflc compile
 * --main} compiles it for the host (its default kernels, optimized then portable), builds warning-free
 * under gcc, clang and tcc, its runner included, and each of the three programs gives TensorFlow Lite
 * Micro's golden output on the golden input (bit for bit for integer models, within DESIGN.md's
 * tolerance for float ones); xtensa-lx106-elf-gcc (ESP8266 class) compiles the same sources to objects.
 * tcc, the quick one, also builds and runs every model with the portable kernels alone (gcc and clang
 * do in {@link GeneratedCodeTest}). All models go into one program per build ({@link CBatch}); the
 * builds run two at a time.
 */
class CompilersAgreeTest {
    private static final CBuild TCC = new CBuild("tcc", "-O2", false);
    private static final List<CBuild> BUILDS = List.of(new CBuild("gcc", "-O2", false),
            new CBuild("clang", "-O2", false), TCC, new CBuild(CBuild.XTENSA, "-O2", false));

    /** The shared models compiled with {@code kernels} (null: the target's default) into one batch. */
    private record Batch(String kernels, CBatch batch, List<Path> models, List<List<byte[]>> inputs, Path runners) {
    }

    @Test
    void gccClangAndTccGiveTheGoldenOutputsAndXtensaCompilesTheSameSources(@TempDir Path tmp) throws Exception {
        Batch defaults = batch(null, tmp.resolve("default"));
        Batch portable = batch("portable", tmp.resolve("portable"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (CBuild build : BUILDS) {
                done.add(pool.submit(() -> check(defaults, build, tmp.resolve(build.cc()))));
            }
            done.add(pool.submit(() -> check(portable, TCC, tmp.resolve("tcc-portable"))));
            for (Future<String> f : done) {
                String checked = f.get();
                assertTrue(checked.endsWith(SharedModels.all().size() + " models"), checked);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Every shared model compiled with {@code kernels} into {@code dir}, one folder per model (prefix
     * {@code mN}), and the batch of them all; {@code dir/runners} holds each model's header and runner.
     */
    private static Batch batch(String kernels, Path dir) throws IOException {
        CBatch batch = new CBatch();
        List<Path> models = SharedModels.all();
        List<List<byte[]>> inputs = new ArrayList<>();
        Path runners = dir.resolve("runners");
        Files.createDirectories(runners);
        for (int i = 0; i < models.size(); i++) {
            Path model = models.get(i);
            Graph g = ModelReader.read(model).main();
            String prefix = "m" + i;
            Target host = Target.load("host");
            CGenerator.Output out = CGenerator.generate(g, new CGenerator.Options(prefix, host,
                    kernels == null ? host.kernelOrder().get(0) : kernels, true, SharedModels.name(model) + ".tflite"));
            Path folder = dir.resolve(prefix);
            OutputFolder.write(folder, out.files());
            CBatch.Member m = new CBatch.Member(prefix, g.inputTensors().stream().mapToLong(t -> t.byteSize()).toArray(),
                    g.outputTensors().stream().mapToLong(t -> t.byteSize()).toArray());
            assertTrue(batch.add(m, folder), model + ": its runtime files differ from the other models'");
            inputs.add(List.of(SharedModels.goldenInput(model)));
            Files.copy(folder.resolve(prefix + ".h"), runners.resolve(prefix + ".h"));
            Files.copy(folder.resolve("main.c"), runners.resolve(prefix + "_main.c"));
        }
        return new Batch(kernels, batch, models, inputs, runners);
    }

    /** Builds the batch and the runners with {@code build}; where it runs here, runs it and checks the outputs. */
    private static String check(Batch b, CBuild build, Path dir) throws Exception {
        String what = build + " (" + (b.kernels() == null ? "default" : b.kernels()) + " kernels)";
        Path runners = dir.resolve("runners");
        Files.createDirectories(runners);
        try (var files = Files.list(b.runners())) {
            for (Path f : files.toList()) {
                Files.copy(f, runners.resolve(f.getFileName()));
            }
        }
        HostCompiler.compile(runners, build.cc(), build.flags());
        if (!build.runsHere()) {
            b.batch().write(dir.resolve("batch"));
            build.build(dir.resolve("batch"));
            return what + ": compiled " + b.models().size() + " models";
        }
        List<List<byte[]>> outputs = b.batch().run(dir.resolve("batch"), build.cc(), build.flags(), b.inputs());
        assertEquals(b.models().size(), outputs.size());
        for (int i = 0; i < b.models().size(); i++) {
            Path model = b.models().get(i);
            byte[] golden = SharedModels.goldenOutput(model);
            byte[] actual = Outputs.concat(outputs.get(i));
            if (isFloat(model)) {
                assertNull(Outputs.floatMismatch(golden, actual), what + ": " + SharedModels.name(model));
            } else {
                assertArrayEquals(golden, actual, what + ": " + SharedModels.name(model) + ": golden output");
            }
        }
        return what + ": ran " + b.models().size() + " models";
    }

    private static boolean isFloat(Path model) {
        return ModelReader.read(model).main().outputTensors().stream().anyMatch(t -> t.type() == TensorType.FLOAT32);
    }
}
