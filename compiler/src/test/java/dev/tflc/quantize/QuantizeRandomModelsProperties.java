package dev.tflc.quantize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Model;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.Precision;
import dev.tflc.testing.RandomMovements;
import dev.tflc.testing.TfliteOracle;
import dev.tflc.tflite.ModelReader;
import dev.tflc.tflite.ModelWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random float single-operator models of every kind quantize handles (and hybrid CONV_2D), quantized
 * on their own input plus seven more drawn over its range: the int8 model is one tflc accepts, and
 * TensorFlow Lite 2.6.2 runs it with the reference's outputs, exactly where its int8 arithmetic is
 * TFLM's and within one step where it rounds otherwise (ReferenceMatchesTfliteProperties lists them).
 */
class QuantizeRandomModelsProperties {
    private static final Set<String> ONE_STEP = Set.of("CONV_2D", "FULLY_CONNECTED", "SOFTMAX", "MEAN", "MUL", "SUB",
            "LOGISTIC", "TANH");

    @Provide
    Arbitrary<Case> floatModels() {
        Precision f = Precision.FLOAT32;
        return Arbitraries.oneOf(List.of(RandomModels.conv2d(f), RandomModels.hybridConv2d(),
                RandomModels.depthwiseConv2d(f), RandomModels.fullyConnected(f), RandomModels.averagePool2d(f),
                RandomModels.maxPool2d(f), RandomModels.add(f), RandomModels.reshape(f), RandomModels.softmax(f),
                RandomModels.pad(f), RandomModels.mean(f), RandomModels.concatenation(f), RandomModels.transpose(f),
                RandomModels.stridedSlice(f), RandomModels.slice(f), RandomModels.squeeze(f),
                RandomModels.expandDims(f), RandomModels.mul(f), RandomModels.sub(f),
                RandomModels.resizeNearestNeighbor(f), RandomMovements.split(f), RandomMovements.pack(f),
                RandomMovements.depthToSpace(f), RandomMovements.spaceToDepth(f),
                Arbitraries.oneOf(List.of(RandomModels.relu(), RandomModels.relu6(), RandomModels.logistic(),
                        RandomModels.tanh(), RandomModels.maximum(), RandomModels.minimum()))
                        .filter(c -> floatInputs(ModelReader.read(c.model(), c.description()).main()))));
    }

    private static boolean floatInputs(Graph g) {
        return g.inputTensors().stream().allMatch(t -> t.type() == TensorType.FLOAT32);
    }

    @Property(tries = 150)
    void quantizedModelRunsInTfliteAsInTheReference(@ForAll("floatModels") Case c) {
        Graph f = ModelReader.read(c.model(), c.description()).main();
        Random random = new Random(c.description().hashCode());
        List<List<byte[]>> calibration = new ArrayList<>();
        calibration.add(c.inputs());
        for (int s = 0; s < 7; s++) {
            List<byte[]> sample = new ArrayList<>();
            for (int i = 0; i < c.inputs().size(); i++) {
                float[] v = TensorData.fromBytes(TensorType.FLOAT32, f.inputTensors().get(i).shape(), c.inputs().get(i))
                        .floats();
                Range r = Range.of(v);
                ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                for (int k = 0; k < v.length; k++) {
                    b.putFloat(r.min() + random.nextFloat() * (r.max() - r.min()));
                }
                sample.add(b.array());
            }
            calibration.add(sample);
        }
        Model q = PostTraining.quantize(f, calibration, false, done -> { });
        byte[] bytes = ModelWriter.write(q);
        Graph g = ModelReader.read(bytes, "quantized").main();
        List<byte[]> in = new ArrayList<>();
        for (int i = 0; i < c.inputs().size(); i++) {
            Tensor t = g.inputTensors().get(i);
            Quantization qp = t.quantization();
            float[] v = TensorData.fromBytes(TensorType.FLOAT32, t.shape(), c.inputs().get(i)).floats();
            byte[] b = new byte[v.length];
            for (int k = 0; k < v.length; k++) {
                b[k] = (byte) Scales.quantize(v[k], qp.scale(), qp.zeroPoint(), -128, 127);
            }
            in.add(b);
        }
        List<byte[]> ours = Interpreter.run(g, in);
        List<byte[]> theirs = TfliteOracle.run(bytes, in);
        long steps = g.operators().stream().filter(o -> ONE_STEP.contains(o.kind())).count();
        for (int i = 0; i < ours.size(); i++) {
            int diff = Outputs.maxInt8Difference(theirs.get(i), ours.get(i));
            assertTrue(diff <= steps, c.description() + ": output " + i + " differs from TFLite by " + diff);
        }
    }
}
