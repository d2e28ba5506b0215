package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Tensor;
import dev.tflc.ops.Broadcast;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.SeanetCsv;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seanet models of ../shared/models/seanet-ops (TFLM's seanet integration tests, single
 * operators with 16-bit activations) against their golden outputs: the Java reference bit for bit
 * (but for SUB's known rounding-tie difference, see {@link #assertMatchesGolden}), and the generated
 * C built with gcc bit for bit against the reference. One folder per operator; each model reads
 * {@code <name>_input<k>_int16.csv} (or {@code _int32.csv}) for its inputs k = 0, 1, ... and
 * {@code <name>_golden_int16.csv} (SeanetCsv).
 */
class SeanetOpsTest {
    /** The operator folders whose models tflc compiles (each model of each). */
    private static final List<String> FOLDERS = List.of("pad", "strided_slice", "add", "sub", "leaky_relu", "conv",
            "transpose_conv");

    static Stream<Path> models() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String op : FOLDERS) {
            try (Stream<Path> s = Files.list(SharedModels.root().resolve("seanet-ops").resolve(op))) {
                List<Path> models = s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
                assertTrue(!models.isEmpty() && models.stream().allMatch(p -> SeanetCsv.csv(p, "golden") != null),
                        "seanet-ops/" + op + " models with golden outputs in " + SharedModels.root());
                all.addAll(models);
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void referenceAndGeneratedCodeMatchTheGoldenOutput(Path model, @TempDir Path tmp) throws Exception {
        Graph g = ModelReader.read(model).main();
        List<byte[]> inputs = SeanetCsv.inputs(model);
        assertEquals(g.inputs().size(), inputs.size(), model + ": an input CSV per graph input");
        byte[] golden = SeanetCsv.golden(model);
        byte[] reference = Outputs.concat(Interpreter.run(g, inputs));
        assertMatchesGolden(g, inputs, golden, reference, model + ": reference");
        Path dir = GeneratedCodeTest.compile(g, tmp.resolve("c"), SharedModels.name(model));
        HostCompiler.build(dir, "gcc", GeneratedCodeMatchesReferenceProperties.FLAGS);
        assertArrayEquals(reference, HostCompiler.run(dir, List.of("./prog"), Outputs.concat(inputs)),
                model + ": generated C");
    }

    /**
     * The golden outputs are TFLite's (TFLM's own seanet tests accept a difference of one step,
     * EXPECT_NEAR). They are held bit for bit but for one known difference: TFLM derives SUB's three
     * multipliers from float quotients of the scales, TFLite from double ones, so where the exact
     * result lies within a hair of a rounding tie the two may round to neighbours. Such an element of
     * a SUB model must be one step off, with its exact value ((x - zx) sx - (y - zy) sy) / so + zo
     * within 1/1000 step of a tie.
     */
    private static void assertMatchesGolden(Graph g, List<byte[]> inputs, byte[] golden, byte[] actual, String what) {
        boolean sub = g.operators().size() == 1 && g.operators().get(0).kind().equals("SUB");
        if (!sub) {
            assertArrayEquals(golden, actual, what);
            return;
        }
        assertEquals(golden.length, actual.length, what);
        ShortBuffer x = shorts(inputs.get(0));
        ShortBuffer y = shorts(inputs.get(1));
        ShortBuffer want = shorts(golden);
        ShortBuffer got = shorts(actual);
        Tensor a = g.inputTensors().get(0);
        Tensor b = g.inputTensors().get(1);
        Tensor out = g.outputTensors().get(0);
        Broadcast.of(a.shape(), b.shape()).forEach((o, i1, i2) -> {
            if (want.get(o) != got.get(o)) {
                double exact = (real(a, x.get(i1)) - real(b, y.get(i2))) / out.quantization().scale()
                        + out.quantization().zeroPoint();
                double fromTie = Math.abs(exact - Math.floor(exact) - 0.5);
                assertTrue(Math.abs(want.get(o) - got.get(o)) == 1 && fromTie < 1e-3, what + ": element " + o
                        + " is " + got.get(o) + ", golden " + want.get(o) + ", exact " + exact);
            }
        });
    }

    private static double real(Tensor t, int q) {
        return (q - t.quantization().zeroPoint()) * (double) t.quantization().scale();
    }

    private static ShortBuffer shorts(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    }
}
