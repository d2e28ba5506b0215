package dev.tflc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tflc.testing.RandomModels.Case;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorType;

/**
 * Every model {@link RandomModels} generates is one TensorFlow Lite 2.6.2 builds, allocates and runs,
 * with outputs of the sizes the generator expects (TFLite resizes outputs to the shapes it derives,
 * so this also checks the generator's shape arithmetic). Statistics show how many outputs are
 * degenerate (one value repeated, e.g. all saturated), which would make a case weak.
 */
class RandomModelsAreAcceptedByTflite {
    @Property(tries = 40)
    @Label("CONV_2D")
    void conv2dRunsInTflite(@ForAll("conv2d") Case c) {
        check(c);
    }

    @Property(tries = 40)
    @Label("DEPTHWISE_CONV_2D")
    void depthwiseConv2dRunsInTflite(@ForAll("depthwiseConv2d") Case c) {
        check(c);
    }

    @Property(tries = 30)
    @Label("FULLY_CONNECTED")
    void fullyConnectedRunsInTflite(@ForAll("fullyConnected") Case c) {
        check(c);
    }

    @Property(tries = 25)
    @Label("AVERAGE_POOL_2D")
    void averagePool2dRunsInTflite(@ForAll("averagePool2d") Case c) {
        check(c);
    }

    @Property(tries = 25)
    @Label("MAX_POOL_2D")
    void maxPool2dRunsInTflite(@ForAll("maxPool2d") Case c) {
        check(c);
    }

    @Property(tries = 30)
    @Label("ADD")
    void addRunsInTflite(@ForAll("add") Case c) {
        check(c);
    }

    @Property(tries = 25)
    @Label("RESHAPE")
    void reshapeRunsInTflite(@ForAll("reshape") Case c) {
        check(c);
    }

    @Property(tries = 25)
    @Label("SOFTMAX")
    void softmaxRunsInTflite(@ForAll("softmax") Case c) {
        check(c);
    }

    @Property(tries = 20)
    @Label("QUANTIZE")
    void quantizeRunsInTflite(@ForAll("quantize") Case c) {
        check(c);
    }

    @Property(tries = 15)
    @Label("DEQUANTIZE")
    void dequantizeRunsInTflite(@ForAll("dequantize") Case c) {
        check(c);
    }

    @Property(tries = 100)
    @Label("int8 graphs")
    void int8GraphsRunInTflite(@ForAll("int8Graphs") Case c) {
        check(c);
    }

    private static void check(Case c) {
        List<byte[]> outputs = TfliteOracle.run(c.model(), c.inputs());
        assertEquals(c.outputBytes().size(), outputs.size(), "output count");
        for (int i = 0; i < outputs.size(); i++) {
            assertEquals(c.outputBytes().get(i), outputs.get(i).length, "bytes of output " + i);
        }
        SubGraphT graph = ModelT.deserializeFromBinary(c.model()).getSubgraphs()[0];
        boolean int8 = graph.getTensors()[graph.getOutputs()[0]].getType() == TensorType.INT8;
        Statistics.label("output").collect((int8 ? "int8 " : "float32 ") + variety(outputs.get(0), int8 ? 1 : 4));
    }

    /** Whether an output's elements differ: all equal (e.g. saturated) makes a weak case. */
    private static String variety(byte[] out, int elementBytes) {
        int n = out.length / elementBytes;
        if (n == 1) {
            return "one element";
        }
        for (int i = 1; i < n; i++) {
            if (!Arrays.equals(out, 0, elementBytes, out, i * elementBytes, (i + 1) * elementBytes)) {
                return "varied";
            }
        }
        return "all equal";
    }

    @Provide
    Arbitrary<Case> conv2d() {
        return RandomModels.conv2d();
    }

    @Provide
    Arbitrary<Case> depthwiseConv2d() {
        return RandomModels.depthwiseConv2d();
    }

    @Provide
    Arbitrary<Case> fullyConnected() {
        return RandomModels.fullyConnected();
    }

    @Provide
    Arbitrary<Case> averagePool2d() {
        return RandomModels.averagePool2d();
    }

    @Provide
    Arbitrary<Case> maxPool2d() {
        return RandomModels.maxPool2d();
    }

    @Provide
    Arbitrary<Case> add() {
        return RandomModels.add();
    }

    @Provide
    Arbitrary<Case> reshape() {
        return RandomModels.reshape();
    }

    @Provide
    Arbitrary<Case> softmax() {
        return RandomModels.softmax();
    }

    @Provide
    Arbitrary<Case> quantize() {
        return RandomModels.quantize();
    }

    @Provide
    Arbitrary<Case> dequantize() {
        return RandomModels.dequantize();
    }

    @Provide
    Arbitrary<Case> int8Graphs() {
        return RandomModels.int8Graphs();
    }
}
