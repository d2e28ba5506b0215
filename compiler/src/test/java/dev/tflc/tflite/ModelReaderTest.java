package dev.tflc.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.IrException;
import dev.tflc.ir.Model;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.Text;
import dev.tflc.testing.CountingChannel;
import dev.tflc.testing.SharedModels;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;

class ModelReaderTest {
    private static final String HELLO = "tflm-examples/hello_world_int8.tflite";

    private static ModelT schemaOf(String name) {
        return ModelT.deserializeFromBinary(SharedModels.read(SharedModels.root().resolve(name)));
    }

    private static byte[] bytesOf(String name) {
        return SharedModels.read(SharedModels.root().resolve(name));
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static org.tensorflow.lite.schema.Tensor tensorTable(byte[] b, int index) {
        return org.tensorflow.lite.schema.Model.getRootAsModel(le(b)).subgraphs(0).tensors(index);
    }

    /** Where the length of the vector (or string) starting at {@code start} is stored. */
    private static int lengthAt(ByteBuffer vector) {
        return vector.position() - 4;
    }

    /** The one field offset in the file that points at the vector whose contents start at {@code start}. */
    private static int fieldPointingAt(byte[] b, int start) {
        int found = -1;
        for (int p = 0; p + 4 <= b.length; p += 4) {
            if (p + le(b).getInt(p) == start - 4) {
                assertEquals(-1, found, "one field points at the vector");
                found = p;
            }
        }
        assertTrue(found > 0);
        return found;
    }

    private static String diagnostic(byte[] b) {
        return assertThrows(IrException.class, () -> ModelReader.read(b, "m.tflite")).diagnostic();
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

    // ------------------------------------------------------------------ malformed tables and fields

    @Test
    void vectorRunningPastTheEndNamesItsTableAndField() {
        byte[] b = bytesOf(HELLO);
        ByteBuffer shape = tensorTable(b, 3).shapeAsByteBuffer();
        le(b).putInt(lengthAt(shape), (b.length - shape.position()) / 4 + 1);
        assertEquals("m.tflite: subgraph 0: malformed flatbuffer: Tensor 3 field 'shape': vector runs past the end "
                + "of the file", diagnostic(b));
    }

    @Test
    void stringRunningPastTheEndNamesItsTableAndField() {
        byte[] b = bytesOf(HELLO);
        ByteBuffer name = tensorTable(b, 2).nameAsByteBuffer();
        le(b).putInt(lengthAt(name), b.length - name.position() + 1);
        assertEquals("m.tflite: subgraph 0: malformed flatbuffer: Tensor 2 field 'name': vector runs past the end "
                + "of the file", diagnostic(b));
    }

    @Test
    void fieldOffsetOutsideTheFileNamesItsTableAndField() {
        byte[] b = bytesOf(HELLO);
        ByteBuffer inputs = org.tensorflow.lite.schema.Model.getRootAsModel(le(b)).subgraphs(0).operators(1)
                .inputsAsByteBuffer();
        int field = fieldPointingAt(b, inputs.position());
        le(b).putInt(field, 0x40000000);
        assertEquals("m.tflite: subgraph 0: malformed flatbuffer: Operator 1 field 'inputs': offset out of range",
                diagnostic(b));
    }

    @Test
    void rootTableWhoseVtableIsOutsideTheFileIsNamed() {
        byte[] b = bytesOf(HELLO);
        int root = le(b).getInt(0);
        le(b).putInt(root, 0x7fff0000);
        assertEquals("m.tflite: malformed flatbuffer: the Model table's vtable is outside the file", diagnostic(b));
    }

    @Test
    void vectorLongerThanTheFileCanHoldIsRefusedBeforeItIsAllocated() {
        byte[] b = bytesOf(HELLO);
        ByteBuffer data = org.tensorflow.lite.schema.Model.getRootAsModel(le(b))
                .buffers((int) tensorTable(b, 4).buffer()).dataAsByteBuffer();
        le(b).putInt(lengthAt(data), Integer.MAX_VALUE);
        assertEquals("m.tflite: subgraph 0, tensor 'sequential/dense_1/MatMul': malformed flatbuffer: Buffer "
                + tensorTable(b, 4).buffer() + " field 'data': vector length 2147483647 is more than the file can "
                + "hold (" + b.length + " bytes)", diagnostic(b));
    }

    @Test
    void tensorsSharingABufferTooOftenAreRefusedBeforeTheyExhaustMemory() {
        ModelT m = schemaOf("mlperf-tiny/ad_autoencoder_int8.tflite");
        SubGraphT g = m.getSubgraphs()[0];
        TensorT weights = Arrays.stream(g.getTensors())
                .max(Comparator.comparingInt(t -> m.getBuffers()[(int) t.getBuffer()].getData().length))
                .orElseThrow();
        TensorT[] tensors = Arrays.copyOf(g.getTensors(), g.getTensors().length + 100);
        for (int i = g.getTensors().length; i < tensors.length; i++) {
            tensors[i] = new TensorT();
            tensors[i].setName("copy" + i);
            tensors[i].setType(weights.getType());
            tensors[i].setShape(weights.getShape());
            tensors[i].setBuffer(weights.getBuffer());
        }
        g.setTensors(tensors);
        String d = diagnostic(m.serializeToBinary());
        assertTrue(d.matches("m\\.tflite: subgraph 0, tensor 'copy\\d+': too many tensors share constant "
                + "buffers \\(this one buffer " + weights.getBuffer() + "\\): their data would take more than [0-9,]+ "
                + "bytes, 4 times the file and 1 MiB"), d);
    }

    @Test
    void namesWithInvalidUtf8AreReadWithTheirBytesKept() {
        byte[] b = bytesOf(HELLO);
        ByteBuffer name = tensorTable(b, 4).nameAsByteBuffer();
        String before = StandardCharsets.UTF_8.decode(name.duplicate()).toString();
        b[name.position() + 3] = (byte) 0xff;
        b[name.position() + 4] = (byte) 0xc3; // a lead byte followed by no continuation
        Tensor t = ModelReader.read(b, "m.tflite").main().tensor(4);
        assertEquals(before.substring(0, 3) + "\\xff\\xc3" + before.substring(5), Text.printable(t.name()));
        assertEquals(before.substring(0, 3) + "\uFFFD\uFFFD" + before.substring(5),
                ModelReader.read(ModelWriter.write(ModelReader.read(b, "m")), "w").main().tensor(4).name(),
                "written back as valid UTF-8, the bad bytes replaced");
    }

    @Test
    void zeroElementTensorsAreRead() {
        ModelT m = schemaOf(HELLO);
        m.getSubgraphs()[0].getTensors()[7].setShape(new int[] {0, 16});
        Tensor t = ModelReader.read(m.serializeToBinary(), "m").main().tensor(7);
        assertEquals(0, t.shape().elements());
        assertEquals(0, t.byteSize());
    }

    @Test
    void everyCorruptedWordIsReadOrRefusedWithAMessageWithoutJavaNames() {
        byte[] clean = bytesOf(HELLO);
        int refused = 0;
        for (int word = 0; word + 4 <= clean.length; word += 4) {
            int at = word;
            for (int value : new int[] {0x7fffffff, 0x80000000, -4, 0x00010000}) {
                byte[] b = clean.clone();
                le(b).putInt(at, value);
                try {
                    ModelReader.read(b, "m.tflite");
                } catch (IrException e) {
                    refused++;
                    String d = e.diagnostic();
                    assertTrue(d.startsWith("m.tflite: ") && !d.matches(".*(Exception|Error|java\\.).*"),
                            () -> "word " + at + " = " + value + ": " + d);
                }
            }
        }
        assertTrue(refused > clean.length / 4, "most corruptions are caught: " + refused);
    }

    // ------------------------------------------------------------------ reading the file

    @Test
    void aFileThatIsNotAModelIsRefusedFromItsFirstEightBytes(@TempDir Path tmp) throws IOException {
        Path zeros = tmp.resolve("zeros.bin");
        try (RandomAccessFile f = new RandomAccessFile(zeros.toFile(), "rw")) {
            f.setLength(1 << 20);
        }
        try (CountingChannel in = new CountingChannel(zeros)) {
            IrException e = assertThrows(IrException.class, () -> ModelReader.read(in, "zeros.bin"));
            assertEquals("zeros.bin: not a TensorFlow Lite model (file identifier is not TFL3)", e.diagnostic());
            assertEquals(ModelReader.HEADER_BYTES, in.bytesRead());
        }
    }

    @Test
    void aModelIsReadOnceWhole(@TempDir Path tmp) throws IOException {
        Path model = tmp.resolve("m.tflite");
        Files.write(model, bytesOf(HELLO));
        try (CountingChannel in = new CountingChannel(model)) {
            assertEquals(ModelReader.read(SharedModels.root().resolve(HELLO)), ModelReader.read(in, "m.tflite"));
            assertEquals(Files.size(model), in.bytesRead());
        }
    }
}
