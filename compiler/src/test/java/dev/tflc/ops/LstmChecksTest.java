package dev.tflc.ops;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.IrException;
import dev.tflc.testing.RandomLstm;
import dev.tflc.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;
import org.tensorflow.lite.schema.UnidirectionalSequenceLSTMOptionsT;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM refuses, with one located diagnostic, what TensorFlow Lite's Prepare
 * refuses or tflc does not compute: hybrid weights, integer LSTMs beyond TensorFlow Lite Micro's kernel
 * (CIFG, peepholes, projection, layer norm, another cell activation than TANH, missing biases, other
 * types), missing required weights, half a CIFG or half the peepholes, a projection bias without projection, states that are
 * not variable tensors, shapes that disagree, negative clips, the activations TensorFlow Lite does
 * not apply fully (NONE, SIGN_BIT) and diagonal recurrent weights.
 */
class LstmChecksTest {
    /** batches 2, steps 3, input 4, cells 5, outputs 3: peepholes, projection with bias, layer norm. */
    private static ModelT model(boolean cifg) {
        byte[] bytes = RandomLstm.lstm(5, new RandomLstm.Spec(2, 3, 4, 5, 3, cifg, true, true, true, true, false,
                ActivationFunctionType.TANH, 0f, 0f)).model();
        return Model.getRootAsModel(ByteBuffer.wrap(bytes)).unpack();
    }

    private static OperatorT lstm(ModelT m) {
        return m.getSubgraphs()[0].getOperators()[0];
    }

    private static UnidirectionalSequenceLSTMOptionsT options(ModelT m) {
        return (UnidirectionalSequenceLSTMOptionsT) lstm(m).getBuiltinOptions().getValue();
    }

    private static TensorT tensor(ModelT m, int input) {
        SubGraphT g = m.getSubgraphs()[0];
        return g.getTensors()[lstm(m).getInputs()[input]];
    }

    private static void assertRefused(String expected, Consumer<ModelT> edit) {
        assertRefused(false, expected, edit);
    }

    private static void assertRefused(boolean cifg, String expected, Consumer<ModelT> edit) {
        ModelT m = model(cifg);
        edit.accept(m);
        IrException e = assertThrows(IrException.class,
                () -> Operators.prepare(ModelReader.read(m.serializeToBinary(), "lstm").main()));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' does not contain '" + expected + "'");
        assertTrue(e.diagnostic().contains("operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM)"), e.diagnostic());
    }

    @Test
    void theUneditedModelsAreAccepted() {
        for (boolean cifg : new boolean[] {false, true}) {
            assertDoesNotThrow(() -> Operators.prepare(ModelReader.read(model(cifg).serializeToBinary(), "lstm").main()));
        }
    }

    @Test
    void hybridInt8WeightsAreRefused() {
        assertRefused("only float32 weights are supported (no hybrid or integer LSTM)", m -> {
            // Hybrid weights as the converter writes them: int8 values with one scale.
            TensorT w = tensor(m, 2);
            w.setType(TensorType.INT8);
            m.getBuffers()[(int) w.getBuffer()].setData(new int[5 * 4]);
            QuantizationParametersT q = new QuantizationParametersT();
            q.setScale(new float[] {0.01f});
            q.setZeroPoint(new long[] {0});
            w.setQuantization(q);
        });
    }

    @Test
    void anInt8InputTakesTflmsIntegerKernelWithItsLimits() {
        assertRefused("input 9 must be omitted: TFLM's integer LSTM has no CIFG, peephole, projection or layer norm",
                m -> tensor(m, 0).setType(TensorType.INT8));
    }

    /** An integer LSTM (int8, or 16x8 when {@code int16}) edited by {@code edit}, refused with {@code expected}. */
    private static void assertIntegerRefused(boolean int16, String expected, Consumer<ModelT> edit) {
        byte[] bytes = RandomLstm.integer(7, int16, 2, 3, 4, 5, false, 0f).model();
        ModelT m = Model.getRootAsModel(ByteBuffer.wrap(bytes)).unpack();
        edit.accept(m);
        IrException e = assertThrows(IrException.class,
                () -> Operators.prepare(ModelReader.read(m.serializeToBinary(), "lstm").main()));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' does not contain '" + expected + "'");
    }

    @Test
    void integerLstmsAreTflmsKernelsOnly() {
        for (boolean int16 : new boolean[] {false, true}) {
            byte[] bytes = RandomLstm.integer(7, int16, 2, 3, 4, 5, false, 0f).model();
            assertDoesNotThrow(() -> Operators.prepare(ModelReader.read(bytes, "lstm").main()));
        }
        assertIntegerRefused(false, "cell gate takes TANH (TFLM's integer kernel has no other), not RELU",
                m -> options(m).setFusedActivationFunction(ActivationFunctionType.RELU));
        assertIntegerRefused(false, "input 13 (the forget gate's bias) is missing", m -> lstm(m).getInputs()[13] = -1);
        assertIntegerRefused(false, "type INT8 is not supported here (expected INT16)",
                m -> tensor(m, 19).setType(TensorType.INT8));
        assertIntegerRefused(false, "type INT16 is not supported here (expected INT32)", m -> {
            tensor(m, 12).setType(TensorType.INT16);
            tensor(m, 12).setShape(new int[] {10});
        });
        assertIntegerRefused(true, "int16 zero point 3 is not 0",
                m -> tensor(m, 0).getQuantization().setZeroPoint(new long[] {3}));
        assertIntegerRefused(true, "has per-channel quantization where one scale is expected", m -> {
            tensor(m, 2).getQuantization().setScale(new float[] {0.01f, 0.01f, 0.01f, 0.01f, 0.01f});
            tensor(m, 2).getQuantization().setZeroPoint(new long[5]);
        });
    }

    @Test
    void requiredWeightsMustBePresent() {
        assertRefused("input 7 (the cell gate's recurrent weights) is missing", m -> lstm(m).getInputs()[7] = -1);
        assertRefused("input 15 (the output gate's bias) is missing", m -> lstm(m).getInputs()[15] = -1);
    }

    @Test
    void cifgOmitsEveryInputGateTensorOrNone() {
        assertRefused("input 5 (the input gate's recurrent weights) is missing", m -> lstm(m).getInputs()[5] = -1);
        assertRefused("input 12 (the input gate's bias) must be omitted here", m -> {
            m.getSubgraphs()[0].getOperators()[0].getInputs()[1] = -1;
            m.getSubgraphs()[0].getOperators()[0].getInputs()[5] = -1;
        });
    }

    @Test
    void peepholesAreAllOrNone() {
        assertRefused("input 11 (the output gate's peephole weights) is missing", m -> lstm(m).getInputs()[11] = -1);
        assertRefused("input 9 (the input gate's peephole weights) must be omitted here",
                m -> lstm(m).getInputs()[10] = -1);
    }

    @Test
    void layerNormIsAllOrNone() {
        assertRefused(true, "input 23 (the output gate's layer norm coefficients) is missing",
                m -> lstm(m).getInputs()[23] = -1);
    }

    @Test
    void aProjectionBiasNeedsProjectionWeights() {
        assertRefused("a projection bias (input 17) without projection weights", m -> lstm(m).getInputs()[16] = -1);
    }

    @Test
    void withoutProjectionTheOutputSizeIsTheCellCount() {
        assertRefused("without projection weights the output size 3 must equal the cell count 5", m -> {
            lstm(m).getInputs()[16] = -1;
            lstm(m).getInputs()[17] = -1;
        });
    }

    @Test
    void theStatesMustBeVariableTensors() {
        assertRefused("input 19 (the cell state) must be a variable tensor", m -> {
            tensor(m, 19).setIsVariable(false);
            SubGraphT g = m.getSubgraphs()[0];
            g.setInputs(new int[] {g.getInputs()[0], lstm(m).getInputs()[19]});
        });
    }

    @Test
    void shapesMustAgree() {
        assertRefused("input 2 (the forget gate's input weights) has shape 5x3, expected 5x4",
                m -> lstm(m).getInputs()[2] = lstm(m).getInputs()[6]);
        assertRefused("input 18 (the output state) has shape 1x3, expected 2x3",
                m -> tensor(m, 18).setShape(new int[] {1, 3}));
        assertRefused("has shape 3x2x3 but the operator computes 2x3x3",
                m -> m.getSubgraphs()[0].getTensors()[lstm(m).getOutputs()[0]].setShape(new int[] {3, 2, 3}));
    }

    @Test
    void clipsMustNotBeNegative() {
        assertRefused("must not be negative", m -> options(m).setCellClip(-1f));
    }

    @Test
    void activationsTfliteDoesNotApplyAreRefused() {
        assertRefused("fused activation NONE is not supported",
                m -> options(m).setFusedActivationFunction(ActivationFunctionType.NONE));
        assertRefused("fused activation SIGN_BIT is not supported",
                m -> options(m).setFusedActivationFunction(ActivationFunctionType.SIGN_BIT));
    }

    @Test
    void diagonalRecurrentWeightsAreRefused() {
        assertRefused("diagonal recurrent weights are not supported", m -> options(m).setDiagonalRecurrentTensors(true));
    }
}
