package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.SharedModels;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The arena layout of every shared model: reshapes are free, and the arena stays near the lower bound. */
class ArenaLayoutTest {
    static Stream<Path> models() {
        return SharedModels.supported().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void reshapeSharesItsInputsMemoryWhenTheInputDiesThere(Path model) {
        Graph g = ModelReader.read(model).main();
        ArenaLayout layout = ArenaLayout.of(g, dev.tflc.ops.Operators.prepare(g), 4);
        for (Operator op : g.operators()) {
            if (op.kind().equals("RESHAPE") && !g.outputs().contains(op.input(0))) {
                assertTrue(layout.isAliased(op.index()), "RESHAPE " + op.index() + " is aliased");
                assertEquals(layout.offsets()[op.input(0)], layout.offsets()[op.output(0)]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void arenaIsWithinLowerBoundPlusLargestTensor(Path model) {
        Graph g = ModelReader.read(model).main();
        ArenaLayout layout = ArenaLayout.of(g, dev.tflc.ops.Operators.prepare(g), 4);
        long largest = g.tensors().stream().filter(t -> !t.isConstant()).mapToLong(t -> (t.byteSize() + 3) / 4 * 4)
                .max().orElse(0);
        assertTrue(layout.arenaBytes() >= layout.lowerBoundBytes());
        assertTrue(layout.arenaBytes() <= layout.lowerBoundBytes() + largest,
                model + ": arena " + layout.arenaBytes() + " > lower bound " + layout.lowerBoundBytes() + " + " + largest);
    }
}
