package dev.tflc.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.SharedModels;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reference interpreter against TensorFlow Lite Micro's golden outputs for every shared model it supports. */
class GoldenModelsTest {
    static Stream<Path> models() {
        return SharedModels.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void referenceMatchesTfliteMicroGoldenOutputs(Path model) {
        Graph g = ModelReader.read(model).main();
        byte[] in = SharedModels.goldenInput(model);
        byte[] expected = SharedModels.goldenOutput(model);
        byte[] actual = Outputs.concat(Interpreter.run(g, Interpreter.splitInputs(g, in)));
        if (g.outputTensors().stream().allMatch(t -> t.type() == TensorType.FLOAT32)) {
            assertNull(Outputs.floatMismatch(expected, actual), model.toString());
        } else {
            assertArrayEquals(expected, actual, model + ": bit-exact with TFLM");
        }
    }

}
