package dev.tflc.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.IrException;
import dev.tflc.ir.Model;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Tensor;
import dev.tflc.testing.SharedModels;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;

class ModelReaderTest {
    private static ModelT schemaOf(String name) {
        return ModelT.deserializeFromBinary(SharedModels.read(SharedModels.root().resolve(name)));
    }

    @Test
    void operatorKindIsTheLargerOfBuiltinAndDeprecatedCode() {
        ModelT m = schemaOf("mlperf-tiny/kws_dscnn_int8.tflite");
        for (OperatorCodeT c : m.getOperatorCodes()) {
            int code = Math.max(c.getBuiltinCode(), c.getDeprecatedBuiltinCode());
            c.setBuiltinCode(0); // old writers leave builtin_code at 0 (ADD) and fill the deprecated field
            c.setDeprecatedBuiltinCode((byte) code);
        }
        Model old = ModelReader.read(m.serializeToBinary(), "old");
        assertEquals("CONV_2D", old.main().operators().get(0).kind());
        for (OperatorCodeT c : m.getOperatorCodes()) {
            c.setBuiltinCode(c.getDeprecatedBuiltinCode()); // newer writers: builtin_code holds it
            c.setDeprecatedBuiltinCode((byte) 0);
        }
        Model modern = ModelReader.read(m.serializeToBinary(), "new");
        assertEquals(old.main().operators(), modern.main().operators());
        m.getOperatorCodes()[0].setBuiltinCode(BuiltinOperator.BITCAST); // codes past 127: deprecated field saturates
        m.getOperatorCodes()[0].setDeprecatedBuiltinCode((byte) BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES);
        assertEquals("BITCAST", ModelReader.read(m.serializeToBinary(), "big").main().operators().get(0).kind());
    }

    @Test
    void readsPerChannelQuantizationAndConstants() {
        Model m = ModelReader.read(SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite"));
        Tensor filter = m.main().tensors().stream().filter(t -> t.shape().rank() == 4 && t.isConstant()
                && t.shape().dim(0) == 1).findFirst().orElseThrow();
        Quantization q = filter.quantization();
        assertTrue(q.isPerChannel());
        assertEquals(3, q.axis());
        assertEquals(filter.shape().dim(3), q.count());
        assertEquals(filter.byteSize(), filter.data().length);
    }

    @Test
    void perChannelBiasWithTheFiltersAxisReadsAsAVector() {
        Model m = ModelReader.read(SharedModels.root().resolve("tflm-examples/person_detect_int8.tflite"));
        assertTrue(m.main().tensors().stream().anyMatch(t -> t.shape().rank() == 1 && t.isQuantized()
                && t.quantization().isPerChannel() && t.quantization().axis() == 0));
    }

    @Test
    void rejectsAFileWithoutTheTfl3Identifier() {
        byte[] bytes = SharedModels.read(SharedModels.root().resolve("tflm-examples/hello_world_int8.tflite"));
        bytes[4] = 'X';
        IrException e = assertThrows(IrException.class, () -> ModelReader.read(bytes, "bad.tflite"));
        assertEquals("bad.tflite: not a TensorFlow Lite model (file identifier is not TFL3)", e.diagnostic());
    }

    @Test
    void rejectsATruncatedFileWithOneLine() {
        byte[] bytes = SharedModels.read(SharedModels.root().resolve("tflm-examples/hello_world_int8.tflite"));
        IrException e = assertThrows(IrException.class,
                () -> ModelReader.read(Arrays.copyOf(bytes, bytes.length / 3), "cut.tflite"));
        assertTrue(e.diagnostic().startsWith("cut.tflite: "), e.diagnostic());
        assertTrue(!e.diagnostic().contains("\n"));
    }
}
