package dev.tflc.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.tflite.ModelReader;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * FuseActivationIntoProducer on random CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED and ADD (with
 * any fused activation) followed by RELU, RELU6 or RELU_N1_TO_1: the reference gives the same bytes
 * before and after; float32 and requantizing activations are never fused; and it fuses in at least
 * a third of the cases (about half on average).
 */
class FuseActivationIntoProducerProperties {
    @Property(tries = 150)
    void fusingKeepsEveryOutputBitExact(@ForAll("producerThenActivation") Case c) {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        Graph r = new FuseActivationIntoProducer().apply(g);
        boolean fused = r.operators().size() < g.operators().size();
        Statistics.label("fused").collect(fused);
        Statistics.label("fused").coverage(check -> check.check(true).percentage(p -> p >= 33));
        var relu = g.tensor(g.operators().get(g.operators().size() - 1).output(0));
        var producer = g.tensor(g.operators().get(g.operators().size() - 1).input(0));
        if (relu.type() == TensorType.FLOAT32 || !relu.quantization().equals(producer.quantization())) {
            assertEquals(g.operators().size(), r.operators().size(), c.description());
        }
        assertEquals(Outputs.hex(Outputs.concat(Interpreter.run(g, c.inputs()))),
                Outputs.hex(Outputs.concat(Interpreter.run(r, c.inputs()))), c.description());
    }

    @Provide
    Arbitrary<Case> producerThenActivation() {
        return RandomModels.producerThenActivation();
    }
}
