package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The int16 PAD and STRIDED_SLICE models of ../shared/models/seanet-ops (TFLM's seanet integration
 * tests, 16-bit activations) against their golden outputs, bit for bit: the Java reference, and the
 * generated C built with gcc. The byte-moving kernels serve int16 as they serve int8 and float.
 */
class SeanetPadAndStridedSliceTest {
    static Stream<Path> models() throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        for (String op : List.of("pad", "strided_slice")) {
            try (Stream<Path> s = Files.list(SharedModels.root().resolve("seanet-ops").resolve(op))) {
                s.filter(p -> Files.exists(csv(p, "golden"))).sorted().forEach(all::add);
            }
        }
        assertTrue(all.size() >= 10, "seanet-ops pad and strided_slice models in " + SharedModels.root());
        return all.stream();
    }

    /** The CSV beside {@code model}: {@code <name>_golden_int16.csv} or {@code <name>_input0_int16.csv}. */
    private static Path csv(Path model, String which) {
        String name = SharedModels.name(model);
        return model.resolveSibling(name + "_" + which + "_int16.csv");
    }

    /** A CSV of int16 values as little-endian bytes. */
    private static byte[] int16s(Path csv) {
        try {
            String[] values = Files.readString(csv).trim().split("\\s*,\\s*");
            ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (String v : values) {
                b.putShort(Short.parseShort(v));
            }
            return b.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void referenceAndGeneratedCodeMatchTheGoldenOutput(Path model, @TempDir Path tmp) throws Exception {
        Graph g = ModelReader.read(model).main();
        byte[] input = int16s(csv(model, "input0"));
        byte[] golden = int16s(csv(model, "golden"));
        assertArrayEquals(golden, Outputs.concat(Interpreter.run(g, List.of(input))), model + ": reference");
        Path dir = GeneratedCodeTest.compile(g, tmp.resolve("c"), SharedModels.name(model));
        HostCompiler.build(dir, "gcc", GeneratedCodeMatchesReferenceProperties.FLAGS);
        assertArrayEquals(golden, HostCompiler.run(dir, List.of("./prog"), input), model + ": generated C");
    }
}
