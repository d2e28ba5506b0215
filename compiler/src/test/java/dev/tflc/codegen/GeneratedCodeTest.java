package dev.tflc.codegen;

import dev.tflc.target.Target;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared model the compiler supports compiles to C that builds warning-free under gcc and
 * clang with strict flags and gives TFLM's golden outputs and the Java reference's, bit for bit for
 * int8, on the golden input and on random inputs.
 */
class GeneratedCodeTest {
    static final List<String> STRICT = List.of("-std=c99", "-O2", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
            "-Wshadow", "-Wstrict-prototypes", "-Wmissing-prototypes", "-Wvla");

    static Stream<Path> models() {
        return SharedModels.all().stream();
    }

    static Path compile(Graph g, Path dir, String name) {
        CGenerator.Output out = CGenerator.generate(g, new CGenerator.Options("model", Target.load("host"), "portable",
                true, name + ".tflite"));
        OutputFolder.write(dir, out.files());
        return dir;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void generatedCodeMatchesGoldenAndReferenceUnderGccAndClang(Path model, @TempDir Path tmp) throws Exception {
        Graph g = ModelReader.read(model).main();
        boolean isFloat = g.outputTensors().stream().anyMatch(t -> t.type() == TensorType.FLOAT32);
        for (String cc : List.of("gcc", "clang")) {
            Path dir = compile(g, tmp.resolve(cc), SharedModels.name(model));
            HostCompiler.build(dir, cc, STRICT);
            byte[] golden = SharedModels.goldenOutput(model);
            byte[] actual = HostCompiler.run(dir, List.of("./prog"), SharedModels.goldenInput(model));
            if (isFloat) {
                assertNull(Outputs.floatMismatch(golden, actual), cc + " " + model);
            } else {
                assertArrayEquals(golden, actual, cc + " " + model + ": golden output");
            }
        }
        Path dir = tmp.resolve("gcc");
        Random random = new Random(SharedModels.name(model).hashCode());
        Interpreter reference = new Interpreter(g);
        for (int run = 0; run < 3; run++) {
            byte[] in = new byte[(int) g.inputTensors().stream().mapToLong(t -> t.byteSize()).sum()];
            if (isFloat) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(in).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                while (b.remaining() >= 4) {
                    b.putFloat(random.nextFloat() * 2 - 1);
                }
            } else {
                random.nextBytes(in);
            }
            byte[] expected = Outputs.concat(reference.run(Interpreter.splitInputs(g, in)));
            byte[] actual = HostCompiler.run(dir, List.of("./prog"), in);
            if (isFloat) {
                assertNull(Outputs.floatMismatch(expected, actual), model + " random input " + run);
            } else {
                assertArrayEquals(expected, actual, model + " random input " + run);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void compilingTwiceGivesIdenticalBytes(Path model) {
        Graph g = ModelReader.read(model).main();
        CGenerator.Options o = new CGenerator.Options("model", Target.load("cortex-m4"), "portable", true, "m.tflite");
        Map<String, byte[]> first = CGenerator.generate(g, o).files();
        Map<String, byte[]> second = CGenerator.generate(ModelReader.read(model).main(), o).files();
        assertEquals(first.keySet(), second.keySet());
        first.forEach((name, bytes) -> assertArrayEquals(bytes, second.get(name), name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void outputFolderHoldsOnlyTheKernelsTheModelCalls(Path model, @TempDir Path tmp) throws Exception {
        Graph g = ModelReader.read(model).main();
        Path dir = compile(g, tmp.resolve("out"), "m");
        String source = Files.readString(dir.resolve("model.c"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith("tflc_") && n.endsWith(".c")) {
                    assertTrue(source.contains(n.substring(0, n.length() - 2) + "("), n + " is copied but not called");
                }
            }
        }
        assertTrue(!source.contains("malloc") && !source.contains("printf"), "no heap, no stdio outside main.c");
    }
}
