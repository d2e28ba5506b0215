package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tflc.ir.Graph;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomLstm;
import dev.tflc.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.SubGraphT;

/**
 * The float LSTM of TensorFlow Lite Micro's own kernel test (TestUnidirectionalLSTMFloat, its data in
 * tensorflow/lite/micro/kernels/testdata/lstm_test_data.cc: Get2X2LstmEvalCheckData and
 * Create2x3x2X2FloatNodeContents): 2 batches of 3 steps of 2 inputs, 2 cells, no projection, tanh,
 * cell_clip 6, zero initial states; gates chosen to saturate (forget and input) and to stay in the
 * middle (cell and output). The reference and the generated C give the outputs that test expects,
 * within its tolerance (1e-6) or DESIGN.md's relative one.
 */
class LstmTflmVectorsTest {
    /** Input-to-gate and recurrent weights [2][2] (the same in that test) and biases, by gate: input, forget, cell, output. */
    private static final float[][] WEIGHTS = {{10, 10, 20, 20}, {-10, -10, -20, -20}, {1, 1, 1, 1}, {1, 1, 1, 1}};
    private static final float[][] BIAS = {{-1, -2}, {1, 2}, {0, 0}, {0, 0}};
    private static final float[] INPUT = {0.2f, 0.3f, 0.2f, 0.3f, 0.2f, 0.3f, -0.98f, 0.62f, 0.01f, 0.99f, 0.49f, -0.32f};
    private static final float[] EXPECTED = {0.26455893f, 0.26870455f, 0.47935803f, 0.47937014f, 0.58013272f,
        0.58013278f, -1.41184672e-3f, -1.43329117e-5f, 0.46887168f, 0.46891281f, 0.50054074f, 0.50054148f};

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** A random LSTM of that test's sizes and options, its weights and biases replaced by the test's. */
    private static Graph model() {
        byte[] random = RandomLstm.lstm(1, new RandomLstm.Spec(2, 3, 2, 2, 2, false, false, false, false, false,
                false, ActivationFunctionType.TANH, 6f, 3f)).model();
        ModelT m = Model.getRootAsModel(ByteBuffer.wrap(random)).unpack();
        SubGraphT g = m.getSubgraphs()[0];
        OperatorT op = g.getOperators()[0];
        for (int gate = 0; gate < 4; gate++) {
            for (int[] io : new int[][] {{1 + gate, 0}, {5 + gate, 0}, {12 + gate, 1}}) {
                byte[] data = floats(io[1] == 0 ? WEIGHTS[gate] : BIAS[gate]);
                int[] ubytes = new int[data.length];
                for (int i = 0; i < data.length; i++) {
                    ubytes[i] = data[i] & 0xff;
                }
                m.getBuffers()[(int) g.getTensors()[op.getInputs()[io[0]]].getBuffer()].setData(ubytes);
            }
        }
        return ModelReader.read(m.serializeToBinary(), "tflm-lstm").main();
    }

    @Test
    void referenceAndGeneratedCGiveTheOutputsOfTfliteMicrosFloatLstmTest() throws Exception {
        Graph g = model();
        List<byte[]> in = List.of(floats(INPUT));
        assertNull(Outputs.floatMismatch(floats(EXPECTED), Interpreter.run(g, in).get(0)), "reference");
        assertNull(Outputs.floatMismatch(floats(EXPECTED), SequenceRunner.run(g, List.of(in), -1).get(0).get(0)),
                "generated C");
    }
}
