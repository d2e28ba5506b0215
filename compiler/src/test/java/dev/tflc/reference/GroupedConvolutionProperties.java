package dev.tflc.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.TfliteOracle;
import dev.tflc.tflite.ModelReader;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;

/**
 * A grouped CONV_2D, which TensorFlow Lite 2.6.2 has no kernel for, derived another way: it equals the
 * concatenation along channels of one ordinary CONV_2D per group (that group's input channels, filter
 * rows, bias and per-channel scales). Each per-group model is cut out of the grouped one here, run in
 * the Java reference (the grouped result must equal the concatenation bit for bit) and in TensorFlow
 * Lite (within one int8 step, whose CONV_2D rounds once where TFLM rounds twice, or the float
 * tolerance).
 */
class GroupedConvolutionProperties {
    @Provide
    Arbitrary<Case> grouped() {
        return RandomModels.groupedConv2d();
    }

    @Property(tries = 100)
    void groupedConvolutionIsTheConcatenationOfItsGroups(@ForAll("grouped") Case c) {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        Tensor input = g.inputTensors().get(0);
        Tensor filter = g.tensor(g.operators().get(0).input(1));
        Tensor output = g.outputTensors().get(0);
        int inC = input.shape().dim(3);
        int filterC = filter.shape().dim(3);
        int groups = inC / filterC;
        int outC = output.shape().dim(3);
        int perGroup = outC / groups;
        assertTrue(groups > 1, c.description());
        byte[] grouped = Interpreter.run(g, c.inputs()).get(0);
        int elementBytes = output.type().bytes();
        int pixels = grouped.length / elementBytes / outC;
        byte[] byReference = new byte[grouped.length];
        byte[] byTflite = new byte[grouped.length];
        for (int k = 0; k < groups; k++) {
            byte[] model = group(c.model(), k, groups);
            byte[] in = channels(c.inputs().get(0), inC, k * filterC, filterC, input.type().bytes());
            Graph one = ModelReader.read(model, c.description() + " group " + k).main();
            place(Interpreter.run(one, List.of(in)).get(0), byReference, outC, k * perGroup, perGroup, elementBytes,
                    pixels);
            place(TfliteOracle.run(model, List.of(in)).get(0), byTflite, outC, k * perGroup, perGroup, elementBytes,
                    pixels);
        }
        assertArrayEquals(byReference, grouped, c.description() + ": the groups' reference outputs");
        if (output.type() == TensorType.FLOAT32) {
            assertNull(Outputs.floatMismatchScaled(byTflite, grouped), c.description() + ": TensorFlow Lite");
        } else {
            int diff = Outputs.maxInt8Difference(byTflite, grouped);
            assertTrue(diff <= 1, c.description() + ": differs from TensorFlow Lite's groups by " + diff + " steps");
        }
    }

    /** The grouped model cut down to group {@code k}: its input channels, filter rows, bias and scales. */
    private static byte[] group(byte[] bytes, int k, int groups) {
        ModelT m = ModelT.deserializeFromBinary(bytes);
        SubGraphT sg = m.getSubgraphs()[0];
        OperatorT op = sg.getOperators()[0];
        TensorT in = sg.getTensors()[op.getInputs()[0]];
        TensorT filter = sg.getTensors()[op.getInputs()[1]];
        TensorT out = sg.getTensors()[op.getOutputs()[0]];
        int filterC = filter.getShape()[3];
        int outC = filter.getShape()[0];
        int perGroup = outC / groups;
        in.getShape()[3] = filterC;
        out.getShape()[3] = perGroup;
        int rowBytes = rows(m, filter) / outC;
        slice(m, filter, k * perGroup * rowBytes, perGroup * rowBytes);
        filter.getShape()[0] = perGroup;
        sliceScales(filter.getQuantization(), k * perGroup, perGroup, outC);
        if (op.getInputs().length > 2 && op.getInputs()[2] >= 0) {
            TensorT bias = sg.getTensors()[op.getInputs()[2]];
            int biasBytes = rows(m, bias) / outC;
            slice(m, bias, k * perGroup * biasBytes, perGroup * biasBytes);
            bias.getShape()[0] = perGroup;
            sliceScales(bias.getQuantization(), k * perGroup, perGroup, outC);
        }
        return m.serializeToBinary();
    }

    private static int rows(ModelT m, TensorT t) {
        return m.getBuffers()[(int) t.getBuffer()].getData().length;
    }

    /** Keeps {@code length} bytes from {@code from} of the tensor's buffer (a buffer of its own: copied). */
    private static void slice(ModelT m, TensorT t, int from, int length) {
        BufferT copy = new BufferT();
        copy.setData(Arrays.copyOfRange(m.getBuffers()[(int) t.getBuffer()].getData(), from, from + length));
        BufferT[] buffers = Arrays.copyOf(m.getBuffers(), m.getBuffers().length + 1);
        buffers[buffers.length - 1] = copy;
        m.setBuffers(buffers);
        t.setBuffer(buffers.length - 1);
    }

    /** Per-channel scales and zero points (one per output channel) cut to the group's. */
    private static void sliceScales(QuantizationParametersT q, int from, int length, int channels) {
        if (q == null || q.getScale() == null || q.getScale().length != channels) {
            return;
        }
        q.setScale(Arrays.copyOfRange(q.getScale(), from, from + length));
        if (q.getZeroPoint() != null && q.getZeroPoint().length == channels) {
            q.setZeroPoint(Arrays.copyOfRange(q.getZeroPoint(), from, from + length));
        }
    }

    /** Channels [from, from + count) of an NHWC tensor with {@code channels} channels. */
    private static byte[] channels(byte[] nhwc, int channels, int from, int count, int elementBytes) {
        int pixels = nhwc.length / elementBytes / channels;
        byte[] out = new byte[pixels * count * elementBytes];
        for (int p = 0; p < pixels; p++) {
            System.arraycopy(nhwc, (p * channels + from) * elementBytes, out, p * count * elementBytes,
                    count * elementBytes);
        }
        return out;
    }

    /** Writes a group's output (count channels a pixel) into channels [from, from + count) of the whole. */
    private static void place(byte[] part, byte[] whole, int channels, int from, int count, int elementBytes,
            int pixels) {
        assertEquals(pixels * count * elementBytes, part.length);
        for (int p = 0; p < pixels; p++) {
            System.arraycopy(part, p * count * elementBytes, whole, (p * channels + from) * elementBytes,
                    count * elementBytes);
        }
    }
}
