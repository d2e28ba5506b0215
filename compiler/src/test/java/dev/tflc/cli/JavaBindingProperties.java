package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tflc.codegen.OutputFolder;
import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.tflite.ModelReader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random single-operator models (int8, int16, int32 and float tensors) and concatenations (several
 * inputs) run through their Java binding, many in one JVM, each class in its own package and class
 * loader and each native library its own: outputs equal the Java reference's (floats within tolerance).
 */
class JavaBindingProperties {
    private static final AtomicInteger CASES = new AtomicInteger();

    @Provide
    Arbitrary<Case> models() {
        return Arbitraries.oneOf(List.of(RandomModels.singleOperator(), RandomModels.concatenation(),
                RandomModels.int16Quantize(true)));
    }

    @Property(tries = 12)
    void bindingMatchesTheReference(@ForAll("models") Case c) throws Throwable {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        Path dir = Files.createTempDirectory("tflc-java-");
        try {
            JavaBindingTest.Binding b = JavaBindingTest.compile(g, dir.resolve("c"), "prop.case" + CASES.incrementAndGet());
            b.call("load", b.dir().resolve("libmodel.so"));
            Method invoke = Arrays.stream(b.cls().getMethods()).filter(m -> m.getName().equals("invoke")).findFirst()
                    .orElseThrow();
            Object[] args = new Object[c.inputs().size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = JavaBindingTest.typed(c.inputs().get(i), invoke.getParameterTypes()[i]);
            }
            Object result = b.call("invoke", args);
            List<byte[]> actual = g.outputs().size() == 1 ? List.of(JavaBindingTest.littleEndian(result))
                    : JavaBindingTest.outputs(result);
            List<byte[]> expected = Interpreter.run(g, c.inputs());
            for (int o = 0; o < expected.size(); o++) {
                if (g.outputTensors().get(o).type() == TensorType.FLOAT32) {
                    assertNull(Outputs.floatMismatch(expected.get(o), actual.get(o)), c.description());
                } else {
                    assertArrayEquals(expected.get(o), actual.get(o), c.description() + ", output " + o);
                }
            }
        } finally {
            OutputFolder.deleteTree(dir);
        }
    }
}
