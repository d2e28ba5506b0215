package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.testing.SharedModels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;

/**
 * Malformed and unsupported models: each ends in exit code 2 with one line naming the file, subgraph,
 * operator and tensor where they apply, and leaves no output folder behind.
 */
class HostileModelsTest {
    private static final String HELLO = "tflm-examples/hello_world_int8.tflite";
    private static final String KWS = "mlperf-tiny/kws_dscnn_int8.tflite";
    private static final String ADD = "tflm-examples/simple_add_int8.tflite";
    /** hello_world_int8: operator 1 is FULLY_CONNECTED(t7, t4, t3) -> t8. */
    private static final String T4 = "sequential/dense_1/MatMul";
    private static final String T7 = "sequential/dense/MatMul;sequential/dense/Relu;sequential/dense/BiasAdd";
    private static final String T8 = "sequential/dense_1/MatMul;sequential/dense_1/Relu;sequential/dense_1/BiasAdd";

    @TempDir
    Path tmp;

    private static byte[] bytesOf(String model) {
        return SharedModels.read(SharedModels.root().resolve(model));
    }

    private static ModelT schemaOf(String model) {
        return ModelT.deserializeFromBinary(bytesOf(model));
    }

    private static byte[] edited(String model, Consumer<ModelT> edit) {
        ModelT m = schemaOf(model);
        edit.accept(m);
        return m.serializeToBinary();
    }

    private static SubGraphT main(ModelT m) {
        return m.getSubgraphs()[0];
    }

    private static TensorT tensor(ModelT m, int index) {
        return main(m).getTensors()[index];
    }

    private static QuantizationParametersT quant(float[] scales, long[] zeroPoints, int axis) {
        QuantizationParametersT q = new QuantizationParametersT();
        q.setScale(scales);
        q.setZeroPoint(zeroPoints);
        q.setQuantizedDimension(axis);
        return q;
    }

    private static int intAt(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    private static void putInt(byte[] b, int at, int value) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    }

    /**
     * Compiles {@code bytes} as {@code bad.tflite} and checks the one-line error: the file, then
     * {@code where} (a regex for the rest of the line), exit code 2, and no output folder.
     */
    private String rejects(byte[] bytes, String where) {
        return rejects(bytes, where, "compile");
    }

    private String rejects(byte[] bytes, String where, String command) {
        Path file = tmp.resolve("bad.tflite");
        Path out = tmp.resolve("out");
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        MainTest.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> command.equals("compile")
                ? MainTest.tflc(new byte[0], "compile", file.toString(), "-o", out.toString())
                : MainTest.tflc(new byte[0], command, file.toString()));
        assertEquals(2, r.code(), r.err());
        String expected = "tflc: error: " + Pattern.quote(file.toString()) + ": " + where + "\n";
        assertTrue(r.err().matches(expected), () -> "stderr: " + r.err() + "expected: " + expected);
        assertFalse(r.err().contains("\tat "), r.err());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(file), s.toList(), "no output folder and no debris");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return r.err();
    }

    private void rejectsEverywhere(byte[] bytes, String where) {
        rejects(bytes, where, "compile");
        rejects(bytes, where, "info");
    }

    private static String q(String s) {
        return Pattern.quote(s);
    }

    // ------------------------------------------------------------------ reading

    @Test
    void truncatedFileIsMalformed() {
        byte[] b = bytesOf(HELLO);
        for (int length : new int[] {0, 7, 12, b.length / 3, b.length / 2, b.length - 100}) {
            rejectsEverywhere(Arrays.copyOf(b, length), "(file is too short .*|malformed flatbuffer: .*)");
        }
    }

    @Test
    void rootOffsetOutsideTheFileIsMalformed() {
        byte[] b = bytesOf(HELLO);
        putInt(b, 0, b.length + 1000);
        rejectsEverywhere(b, "malformed flatbuffer: root table offset " + (b.length + 1000) + " is outside the file \\("
                + b.length + " bytes\\)");
        putInt(b, 0, -4);
        rejectsEverywhere(b, "malformed flatbuffer: root table offset -4 is outside the file \\(" + b.length
                + " bytes\\)");
    }

    @Test
    void vtableOffsetOutsideTheFileIsMalformed() {
        byte[] b = bytesOf(HELLO);
        int root = intAt(b, 0);
        putInt(b, root, 0x7fff0000);
        rejectsEverywhere(b, "malformed flatbuffer: .*");
        b = bytesOf(HELLO);
        putInt(b, root, -0x7fff0000);
        rejectsEverywhere(b, "malformed flatbuffer: .*");
    }

    @Test
    void wrongFileIdentifierIsNotAModel() {
        byte[] b = bytesOf(HELLO);
        b[4] = 'X';
        rejectsEverywhere(b, q("not a TensorFlow Lite model (file identifier is not TFL3)"));
    }

    @Test
    void hugeVectorLengthIsMalformedAndBounded() {
        // The 640x128 weights of the autoencoder: its length field claims two billion bytes.
        byte[] b = bytesOf("mlperf-tiny/ad_autoencoder_int8.tflite");
        ModelT m = ModelT.deserializeFromBinary(b);
        int found = -1;
        byte[] pattern = new byte[4];
        int length = 640 * 128;
        putInt(pattern, 0, length);
        for (int i = 0; i + 4 <= b.length && found < 0; i += 4) {
            if (intAt(b, i) == length) {
                found = i;
            }
        }
        assertTrue(found > 0 && m != null);
        putInt(b, found, Integer.MAX_VALUE - 8);
        rejectsEverywhere(b, q("malformed flatbuffer: vector ") + "buffers\\[\\d+\\]\\.data"
                + q(" has length 2147483639, more than the file can hold (" + b.length + " bytes)"));
    }

    // ------------------------------------------------------------------ structure

    @Test
    void tensorIndexOutOfRangeInAnOperator() {
        rejectsEverywhere(edited(HELLO, m -> main(m).getOperators()[1].getInputs()[1] = 99),
                q("subgraph 0, operator 1 (FULLY_CONNECTED): input tensor index 99 is out of range (10 tensors)"));
        rejectsEverywhere(edited(HELLO, m -> main(m).getOperators()[2].getOutputs()[0] = -5),
                q("subgraph 0, operator 2 (FULLY_CONNECTED): output tensor index -5 is out of range (10 tensors)"));
    }

    @Test
    void bufferIndexOutOfRange() {
        byte[] b = edited(HELLO, m -> tensor(m, 4).setBuffer(1000));
        int buffers = schemaOf(HELLO).getBuffers().length;
        rejectsEverywhere(b, q("subgraph 0, tensor '" + T4 + "': buffer index 1000 is out of range (" + buffers
                + " buffers)"));
    }

    @Test
    void operatorThatReadsItsOwnOutput() {
        rejectsEverywhere(edited(HELLO, m -> main(m).getOperators()[1].getInputs()[0] = 8),
                q("subgraph 0, operator 1 (FULLY_CONNECTED), tensor '" + T8
                        + "': reads its own output"));
    }

    @Test
    void cycleThroughALaterOperator() {
        rejectsEverywhere(edited(HELLO, m -> main(m).getOperators()[0].getInputs()[0] = 8),
                q("subgraph 0, operator 0 (FULLY_CONNECTED), tensor '" + T8
                        + "': reads a tensor that only the later operator 1 writes"));
    }

    @Test
    void tensorWrittenTwice() {
        rejectsEverywhere(edited(HELLO, m -> main(m).getOperators()[1].getOutputs()[0] = 0),
                q("subgraph 0, operator 1 (FULLY_CONNECTED), tensor 'serving_default_dense_input:0': writes a graph input"));
        rejectsEverywhere(edited(HELLO, m -> main(m).getOperators()[2].getOutputs()[0] = 7),
                q("subgraph 0, operator 2 (FULLY_CONNECTED), tensor '" + T7
                        + "': writes a tensor that operator 0 already writes"));
    }

    @Test
    void graphInputThatIsAConstant() {
        rejectsEverywhere(edited(HELLO, m -> main(m).setInputs(new int[] {4})),
                q("subgraph 0, tensor '" + T4 + "': graph input is a constant"));
    }

    @Test
    void graphOutputThatIsAConstant() {
        rejectsEverywhere(edited(HELLO, m -> main(m).setOutputs(new int[] {4})),
                q("subgraph 0, tensor '" + T4 + "': graph output is a constant"));
    }

    @Test
    void graphInputOrOutputIndexOutOfRange() {
        rejectsEverywhere(edited(HELLO, m -> main(m).setInputs(new int[] {10})),
                q("subgraph 0: graph input tensor index 10 is out of range (10 tensors)"));
        rejectsEverywhere(edited(HELLO, m -> main(m).setOutputs(new int[] {-1})),
                q("subgraph 0: graph output tensor index -1 is out of range (10 tensors)"));
    }

    @Test
    void opcodeIndexOutOfRange() {
        rejectsEverywhere(edited(HELLO, m -> main(m).getOperators()[1].setOpcodeIndex(7)),
                q("subgraph 0, operator 1: operator code index 7 is out of range (1 codes)"));
    }

    @Test
    void modelWithoutSubgraphs() {
        rejectsEverywhere(edited(HELLO, m -> m.setSubgraphs(new SubGraphT[0])), q("the model has no subgraph"));
    }

    // ------------------------------------------------------------------ shapes and sizes

    @Test
    void negativeZeroAndHugeDimensions() {
        rejectsEverywhere(edited(HELLO, m -> tensor(m, 7).setShape(new int[] {1, -16})),
                q("subgraph 0, tensor '" + T7 + "': dimension -16 in shape [1, -16] is not positive"));
        rejectsEverywhere(edited(HELLO, m -> tensor(m, 7).setShape(new int[] {0, 16})),
                q("subgraph 0, tensor '" + T7 + "': dimension 0 in shape [0, 16] is not positive"));
        rejectsEverywhere(edited(HELLO, m -> tensor(m, 7).setShape(new int[] {1, Integer.MAX_VALUE})),
                q("subgraph 0, tensor '" + T7 + "': shape [1, 2147483647] has more than 268435455 elements"));
    }

    @Test
    void elementCountsOverflowing32And64Bits() {
        rejectsEverywhere(edited(HELLO, m -> tensor(m, 7).setShape(new int[] {65536, 65536, 65536, 65536})),
                q("subgraph 0, tensor '" + T7
                        + "': shape [65536, 65536, 65536, 65536] has more than 268435455 elements"));
        int[] wraps = {1, 1 << 16, 1 << 16, 1 << 16, 1 << 16, 16}; // 2^68 elements: wraps to 0 in a long
        rejectsEverywhere(edited(HELLO, m -> tensor(m, 7).setShape(wraps)),
                q("subgraph 0, tensor '" + T7 + "': shape " + Arrays.toString(wraps)) + " has more than .*");
    }

    @Test
    void activationsTooLargeForTheArena() {
        // Each 256 MiB tensor fits the element limit alone; ten live at once do not fit a 32-bit arena.
        int[] big = {1, 16383, 16384, 1};
        byte[] b = edited(ADD, m -> {
            SubGraphT g = main(m);
            List<TensorT> tensors = new ArrayList<>(Arrays.asList(g.getTensors()));
            List<OperatorT> ops = new ArrayList<>(Arrays.asList(g.getOperators()));
            for (int i = 3; i < 10; i++) {
                TensorT t = new TensorT();
                t.setName("sum" + i);
                t.setType(TensorType.INT8);
                t.setQuantization(tensors.get(2).getQuantization());
                tensors.add(t);
                OperatorT op = new OperatorT();
                op.setOpcodeIndex(ops.get(0).getOpcodeIndex());
                op.setInputs(new int[] {i - 1, 0});
                op.setOutputs(new int[] {i});
                op.setBuiltinOptions(ops.get(0).getBuiltinOptions());
                ops.add(op);
            }
            for (TensorT t : tensors) {
                t.setShape(big.clone());
            }
            g.setTensors(tensors.toArray(TensorT[]::new));
            g.setOperators(ops.toArray(OperatorT[]::new));
            g.setOutputs(new int[] {2, 3, 4, 5, 6, 7, 8, 9});
        });
        rejectsEverywhere(b, q("subgraph 0: the activations need an arena of 2,415,771,648 bytes, more than the "
                + "2,147,483,647 tflc supports"));
    }

    @Test
    void constantDataShorterThanItsShape() {
        rejectsEverywhere(edited(HELLO, m -> {
            BufferT buf = m.getBuffers()[(int) tensor(m, 4).getBuffer()];
            buf.setData(Arrays.copyOf(buf.getData(), 100));
        }), q("subgraph 0, tensor '" + T4 + "': constant data has 100 bytes but shape 16x16 of INT8 needs 256"));
    }

    // ------------------------------------------------------------------ quantization

    @Test
    void scalesAndZeroPointsOfDifferentLengths() {
        rejectsEverywhere(edited(HELLO, m -> tensor(m, 4).setQuantization(quant(new float[] {0.1f, 0.2f},
                new long[] {0, 0, 0}, 0))),
                q("subgraph 0, tensor '" + T4 + "': quantization has 2 scales but 3 zero points"));
    }

    @Test
    void perChannelCountThatIsNotTheChannelCount() {
        rejectsEverywhere(edited(HELLO, m -> tensor(m, 4).setQuantization(quant(new float[] {0.1f, 0.2f, 0.3f},
                new long[3], 0))),
                q("subgraph 0, tensor '" + T4 + "': per-channel quantization has 3 scales but dimension 0 has 16 channels"));
        rejectsEverywhere(edited(HELLO, m -> tensor(m, 4).setQuantization(quant(new float[16], new long[16], 5))),
                "subgraph 0, tensor '" + q(T4) + "': .*");
    }

    @Test
    void zeroNegativeNanAndInfiniteScales() {
        for (float s : new float[] {0f, -0.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            rejectsEverywhere(edited(HELLO, m -> tensor(m, 7).getQuantization().setScale(new float[] {s})),
                    q("subgraph 0, tensor '" + T7 + "': quantization scale " + s + " is not a positive finite number"));
        }
    }

    @Test
    void zeroPointOutOfRangeForInt8() {
        rejectsEverywhere(edited(HELLO, m -> tensor(m, 7).getQuantization().setZeroPoint(new long[] {200})),
                q("subgraph 0, tensor '" + T7 + "': zero point 200 is outside the range of INT8"));
        rejectsEverywhere(edited(HELLO, m -> tensor(m, 7).getQuantization().setZeroPoint(new long[] {Long.MIN_VALUE})),
                q("subgraph 0, tensor '" + T7 + "': zero point " + Long.MIN_VALUE + " is outside the range of INT8"));
    }

    @Test
    void perChannelQuantizationOnTheWrongDimension() {
        // Operator 2 of kws is a 1x1 CONV_2D with a 64x1x1x64 filter: dimension 3 has as many channels as 0.
        ModelT m = schemaOf(KWS);
        int filter = main(m).getOperators()[2].getInputs()[1];
        TensorT t = tensor(m, filter);
        assertEquals(3, t.getShape()[0] == 64 && t.getShape()[3] == 64 ? 3 : -1);
        t.getQuantization().setQuantizedDimension(3);
        rejects(m.serializeToBinary(), q("subgraph 0, operator 2 (CONV_2D), tensor '" + t.getName()
                + "': ") + ".*dimension 3.*dimension 0.*");
    }

    // ------------------------------------------------------------------ support

    @Test
    void unsupportedOperatorIsNamed() {
        rejects(edited(HELLO, m -> m.getOperatorCodes()[0].setBuiltinCode(BuiltinOperator.TANH)),
                q("subgraph 0, operator 0 (TANH): unsupported operator TANH"));
    }

    @Test
    void unsupportedOperatorsAreListedAtOnce() {
        rejects(edited(HELLO, m -> {
            OperatorCodeT tanh = new OperatorCodeT();
            tanh.setBuiltinCode(BuiltinOperator.TANH);
            tanh.setDeprecatedBuiltinCode((byte) BuiltinOperator.TANH);
            OperatorCodeT custom = new OperatorCodeT();
            custom.setBuiltinCode(BuiltinOperator.CUSTOM);
            custom.setDeprecatedBuiltinCode((byte) BuiltinOperator.CUSTOM);
            custom.setCustomCode("MyOp");
            m.setOperatorCodes(new OperatorCodeT[] {m.getOperatorCodes()[0], tanh, custom});
            main(m).getOperators()[1].setOpcodeIndex(1);
            main(m).getOperators()[2].setOpcodeIndex(2);
        }), q("subgraph 0, operator 1 (TANH): unsupported operators TANH, CUSTOM:MyOp"));
    }

    @Test
    void unknownBuiltinCodeIsUnsupported() {
        rejects(edited(HELLO, m -> m.getOperatorCodes()[0].setBuiltinCode(100000)),
                q("subgraph 0, operator 0 (BUILTIN_100000): unsupported operator BUILTIN_100000"));
    }

    @Test
    void unsupportedTensorTypes() {
        rejectsEverywhere(edited(HELLO, m -> tensor(m, 7).setType(TensorType.STRING)),
                q("subgraph 0, tensor '" + T7 + "': type STRING is not supported"));
        rejects(edited(HELLO, m -> tensor(m, 7).setType(TensorType.COMPLEX64)),
                q("subgraph 0, operator 0 (FULLY_CONNECTED), tensor '" + T7
                        + "': type COMPLEX64 is not supported here (expected INT8)"));
        rejectsEverywhere(edited(HELLO, m -> tensor(m, 7).setType((byte) 99)),
                q("subgraph 0, tensor '" + T7 + "': unknown tensor type code 99"));
    }

    @Test
    void missingRequiredInput() {
        rejects(edited(HELLO, m -> main(m).getOperators()[1].setInputs(new int[] {7})),
                q("subgraph 0, operator 1 (FULLY_CONNECTED): has 1 inputs, expected 2 to 3"));
        rejects(edited(HELLO, m -> main(m).getOperators()[1].setInputs(new int[] {7, -1, 3})),
                q("subgraph 0, operator 1 (FULLY_CONNECTED): input 1 is missing"));
    }
}
