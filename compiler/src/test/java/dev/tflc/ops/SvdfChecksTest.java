package dev.tflc.ops;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.IrException;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.SvdfKind;
import dev.tflc.testing.RandomModels.SvdfSpec;
import dev.tflc.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.SVDFOptionsT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorType;

/**
 * SVDF refuses, with one located diagnostic, what TFLM's PrepareSvdf refuses or could not run: a
 * state that is not a variable tensor, filters that are not a multiple of the rank, an int8 layer
 * without bias, a state whose type is not the time weights', a bias scale other than state scale x
 * time scale, and input types other than int8 and float32.
 */
class SvdfChecksTest {
    /** units 2, rank 2 (4 filters), memory 3, int8 with an int16 state; input 0..4 as in the schema. */
    private static ModelT model() {
        byte[] bytes = RandomModels.svdf(5, new SvdfSpec(1, 6, 2, 2, 3, SvdfKind.INT8_STATE16,
                ActivationFunctionType.NONE)).model();
        return Model.getRootAsModel(ByteBuffer.wrap(bytes)).unpack();
    }

    private static OperatorT svdf(ModelT m) {
        return m.getSubgraphs()[0].getOperators()[0];
    }

    private static org.tensorflow.lite.schema.TensorT tensor(ModelT m, int input) {
        SubGraphT g = m.getSubgraphs()[0];
        return g.getTensors()[svdf(m).getInputs()[input]];
    }

    private static void assertRefused(String expected, Consumer<ModelT> edit) {
        ModelT m = model();
        edit.accept(m);
        IrException e = assertThrows(IrException.class,
                () -> Operators.prepare(ModelReader.read(m.serializeToBinary(), "svdf").main()));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' does not contain '" + expected + "'");
    }

    @Test
    void theUneditedModelIsAccepted() {
        assertDoesNotThrow(() -> Operators.prepare(ModelReader.read(model().serializeToBinary(), "svdf").main()));
    }

    @Test
    void theStateMustBeAVariableTensor() {
        // A graph input in its place: the graph is well formed, the operator refuses.
        assertRefused("the state (input 4) must be a variable tensor", m -> {
            tensor(m, 4).setIsVariable(false);
            SubGraphT g = m.getSubgraphs()[0];
            g.setInputs(new int[] {g.getInputs()[0], svdf(m).getInputs()[4]});
        });
    }

    @Test
    void filtersMustBeAMultipleOfTheRank() {
        assertRefused("4 filters are not a multiple of rank 3",
                m -> ((SVDFOptionsT) svdf(m).getBuiltinOptions().getValue()).setRank(3));
    }

    @Test
    void int8SvdfNeedsABias() {
        assertRefused("int8 SVDF needs a bias (input 3)", m -> svdf(m).getInputs()[3] = -1);
    }

    @Test
    void theStateHasTheTimeWeightsType() {
        assertRefused("type INT8 is not supported here (expected INT16)", m -> tensor(m, 4).setType(TensorType.INT8));
    }

    @Test
    void theBiasScaleIsStateScaleTimesTimeScale() {
        assertRefused("differs from state scale x time weights scale", m -> {
            float[] scale = tensor(m, 3).getQuantization().getScale();
            scale[0] *= 2;
        });
    }

    @Test
    void int16InputIsRefused() {
        assertRefused("type INT16 is not supported here (expected INT8)", m -> tensor(m, 0).setType(TensorType.INT16));
    }
}
