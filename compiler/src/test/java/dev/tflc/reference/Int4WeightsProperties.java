package dev.tflc.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.testing.Int4Weights;
import dev.tflc.testing.Int4Weights.Twins;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Precision;
import dev.tflc.testing.TfliteOracle;
import dev.tflc.tflite.ModelReader;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * INT4 weights, which TensorFlow Lite 2.6.2 has no kernel for, held to the same model with the same
 * weight values stored as INT8 (Int4Weights packs them bit by bit): the reference gives the INT4 model
 * exactly the INT8 twin's outputs, and TensorFlow Lite runs the twin within one step (its CONV_2D and
 * FULLY_CONNECTED round once where TFLM rounds twice; DEPTHWISE_CONV_2D agrees exactly). CONV_2D and
 * DEPTHWISE_CONV_2D per tensor and per channel, FULLY_CONNECTED per tensor (TFLM's only INT4 variant).
 */
class Int4WeightsProperties {
    @Provide
    Arbitrary<Twins> twins() {
        return Arbitraries.oneOf(List.of(
                Int4Weights.twins(RandomModels.conv2d(Precision.INT8)),
                Int4Weights.twins(RandomModels.conv2d(Precision.INT8_PER_CHANNEL)),
                Int4Weights.twins(RandomModels.depthwiseConv2d(Precision.INT8)),
                Int4Weights.twins(RandomModels.depthwiseConv2d(Precision.INT8_PER_CHANNEL)),
                Int4Weights.twins(RandomModels.fullyConnected(Precision.INT8))));
    }

    @Property(tries = 150)
    void int4WeightsComputeAsTheirInt8Twin(@ForAll("twins") Twins t) {
        Graph int4 = ModelReader.read(t.int4().model(), t.int4().description()).main();
        Graph int8 = ModelReader.read(t.int8().model(), t.int8().description()).main();
        List<byte[]> ours = Interpreter.run(int4, t.int4().inputs());
        List<byte[]> twin = Interpreter.run(int8, t.int8().inputs());
        assertArrayEquals(twin.get(0), ours.get(0), t + ": the INT8 twin's reference output");
        byte[] tflite = TfliteOracle.run(t.int8().model(), t.int8().inputs()).get(0);
        int allowed = int4.operators().get(0).kind().equals("DEPTHWISE_CONV_2D") ? 0 : 1;
        int diff = Outputs.maxInt8Difference(tflite, ours.get(0));
        assertTrue(diff <= allowed, t + ": differs from TensorFlow Lite on the INT8 twin by " + diff + " steps");
    }
}
