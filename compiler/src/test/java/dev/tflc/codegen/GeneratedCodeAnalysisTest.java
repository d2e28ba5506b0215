package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated code under the tools that find memory errors: every supported shared model built with
 * AddressSanitizer and UndefinedBehaviorSanitizer (any report aborts the run) gives its golden
 * output; gcc's -fanalyzer reports nothing on any generated folder; cppcheck reports nothing on the
 * whole C runtime and on the generated folders of the models with under 32 KiB of weights. (cppcheck's
 * time grows steeply with initializer size: over two minutes for ResNet-8's 78 KB of weight arrays,
 * which are constant data without code; the larger models call the same kernels.)
 */
class GeneratedCodeAnalysisTest {
    static Stream<Path> models() {
        return SharedModels.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void runsCleanUnderAddressAndUndefinedBehaviorSanitizers(Path model, @TempDir Path tmp) throws Exception {
        Graph g = ModelReader.read(model).main();
        Path dir = GeneratedCodeTest.compile(g, tmp.resolve("c"), SharedModels.name(model));
        HostCompiler.build(dir, "gcc", List.of("-std=c99", "-O1", "-g", "-Wall", "-Wextra", "-Werror",
                "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer"));
        byte[] actual = HostCompiler.run(dir, List.of("./prog"), SharedModels.goldenInput(model));
        byte[] golden = SharedModels.goldenOutput(model);
        if (g.outputTensors().stream().anyMatch(t -> t.type() == TensorType.FLOAT32)) {
            assertNull(Outputs.floatMismatch(golden, actual), model.toString());
        } else {
            assertArrayEquals(golden, actual, model.toString());
        }
    }

    static Stream<Path> smallModels() {
        return models().filter(p -> ModelReader.read(p).main().tensors().stream().filter(t -> t.isConstant())
                .mapToLong(t -> t.byteSize()).sum() < 32 * 1024);
    }

    static List<String> cppcheck() {
        return List.of("cppcheck", "--enable=warning,portability,performance", "--error-exitcode=1", "-q", "--std=c99",
                ".");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallModels")
    void cppcheckReportsNothingOnGeneratedCode(Path model, @TempDir Path tmp) throws Exception {
        Path dir = GeneratedCodeTest.compile(ModelReader.read(model).main(), tmp.resolve("c"), SharedModels.name(model));
        assertEquals("", new String(HostCompiler.run(dir, cppcheck(), null)).strip());
    }

    @org.junit.jupiter.api.Test
    void cppcheckReportsNothingOnTheRuntime() throws Exception {
        Path runtime = SharedModels.root().getParent().getParent().resolve("main").resolve("runtime-c");
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("runtime-c"))) {
                runtime = p.resolve("runtime-c");
                break;
            }
        }
        assertEquals("", new String(HostCompiler.run(runtime, cppcheck(), null)).strip());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void gccAnalyzerReportsNothing(Path model, @TempDir Path tmp) throws Exception {
        Path dir = GeneratedCodeTest.compile(ModelReader.read(model).main(), tmp.resolve("c"), SharedModels.name(model));
        List<String> cmd = new ArrayList<>(List.of("gcc", "-std=c99", "-O1", "-fanalyzer", "-Werror", "-c"));
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".c")).sorted().forEach(cmd::add);
        }
        HostCompiler.run(dir, cmd, null);
    }
}
