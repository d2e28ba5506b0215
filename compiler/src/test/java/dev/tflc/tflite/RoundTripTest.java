package dev.tflc.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tflc.ir.Model;
import dev.tflc.testing.SharedModels;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading, writing and reading again gives the same graph, for every shared model. */
class RoundTripTest {
    static Stream<Path> models() {
        return SharedModels.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void writtenModelReadsBackAsTheSameGraph(Path model) {
        Model first = ModelReader.read(model);
        byte[] written = ModelWriter.write(first);
        Model second = ModelReader.read(written, "rewritten " + model);
        assertEquals(first, second);
        assertEquals(first.main().operators(), second.main().operators());
        assertNotEquals(0, first.main().operators().size());
    }
}
