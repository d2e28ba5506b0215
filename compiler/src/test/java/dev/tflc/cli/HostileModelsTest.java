package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.codegen.HostCompiler;
import dev.tflc.ir.IrException;
import dev.tflc.testing.CountingChannel;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
    static final String HELLO = "tflm-examples/hello_world_int8.tflite";
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

    /** hello_world_int8 with operators 0 and 2 made LSH_PROJECTION, an operator tflc does not support. */
    static Path twoUnsupportedOperators(Path dir) throws java.io.IOException {
        Path file = dir.resolve("unsupported.tflite");
        java.nio.file.Files.write(file, edited(HELLO, m -> {
            m.setOperatorCodes(new OperatorCodeT[] {m.getOperatorCodes()[0], code(BuiltinOperator.LSH_PROJECTION)});
            main(m).getOperators()[0].setOpcodeIndex(1);
            main(m).getOperators()[2].setOpcodeIndex(1);
        }));
        return file;
    }

    static byte[] edited(String model, Consumer<ModelT> edit) {
        ModelT m = schemaOf(model);
        edit.accept(m);
        return m.serializeToBinary();
    }

    static SubGraphT main(ModelT m) {
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

    static OperatorCodeT code(int builtin) {
        OperatorCodeT c = new OperatorCodeT();
        c.setBuiltinCode(builtin);
        c.setDeprecatedBuiltinCode((byte) Math.min(builtin, BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES));
        return c;
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
        assertFalse(r.err().matches("(?s).*(Exception|Error\\b|java\\.).*"), "no Java names: " + r.err());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(file), s.toList(), "no output folder and no debris");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return r.err();
    }

    private String rejectsEverywhere(byte[] bytes, String where) {
        rejects(bytes, where, "compile");
        return rejects(bytes, where, "info");
    }

    private static String q(String s) {
        return Pattern.quote(s);
    }

    /** Runs {@code info} on {@code bytes}, which must succeed; returns its standard output. */
    private String info(byte[] bytes) {
        Path file = tmp.resolve("good.tflite");
        try {
            Files.write(file, bytes);
            MainTest.Result r = MainTest.tflc(new byte[0], "info", file.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals("", r.err());
            return r.text();
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            file.toFile().delete();
        }
    }

    /** Compiles {@code bytes} with a runner into {@code out} and builds it with the host compiler. */
    private static Path compiles(byte[] bytes, Path out) throws Exception {
        Path file = out.resolve("model.tflite");
        Files.write(file, bytes);
        Path dir = out.resolve("c");
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", file.toString(), "-o", dir.toString(), "--main");
        assertEquals(0, r.code(), r.err());
        HostCompiler.build(dir);
        return dir;
    }

    /** {@code bytes} with byte {@code at} of the one string {@code name} (length-prefixed) set to {@code value}. */
    private static byte[] withNameByte(byte[] bytes, String name, int at, int value) {
        byte[] pattern = new byte[4 + name.length()];
        putInt(pattern, 0, name.length());
        System.arraycopy(name.getBytes(StandardCharsets.UTF_8), 0, pattern, 4, name.length());
        int found = -1;
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                assertEquals(-1, found, "the name is stored once");
                found = i;
            }
        }
        assertTrue(found >= 0, name);
        byte[] b = bytes.clone();
        b[found + 4 + at] = (byte) value;
        return b;
    }

    /** True when {@code text} holds a byte that a terminal would act on: a control other than newline. */
    private static boolean hasTerminalControls(String text) {
        return text.chars().anyMatch(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c < 0xa0) || c == 0x202e);
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
        rejectsEverywhere(b, q("subgraph 0, tensor '") + "[^']+" + q("': malformed flatbuffer: Buffer ") + "\\d+"
                + q(" field 'data': vector length 2147483639 is more than the file can hold (" + b.length + " bytes)"));
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
    void graphInputThatIsAVariable() {
        rejectsEverywhere(edited(HELLO, m -> main(m).getTensors()[0].setIsVariable(true)),
                q("subgraph 0, tensor 'serving_default_dense_input:0': graph input is a variable tensor"));
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
    void negativeAndHugeDimensions() {
        rejectsEverywhere(edited(HELLO, m -> tensor(m, 7).setShape(new int[] {1, -16})),
                q("subgraph 0, tensor '" + T7 + "': dimension -16 in shape [1, -16] is negative"));
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
        // Each 256 MiB tensor fits the element limit alone; nine live at once do not fit a 32-bit arena:
        // the nine outputs, the last of them written over the input every ADD reads, which dies there.
        int[] big = {1, 16383, 16384, 1};
        byte[] b = edited(ADD, m -> {
            SubGraphT g = main(m);
            List<TensorT> tensors = new ArrayList<>(Arrays.asList(g.getTensors()));
            List<OperatorT> ops = new ArrayList<>(Arrays.asList(g.getOperators()));
            for (int i = 3; i < 11; i++) {
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
            g.setOutputs(new int[] {2, 3, 4, 5, 6, 7, 8, 9, 10});
        });
        String tooLarge = "the activations need an arena of 2,415,771,648 bytes, more than the 2,147,483,647 tflc "
                + "supports";
        rejects(b, q("subgraph 0: " + tooLarge));
        assertTrue(info(b).contains("memory plan (host, alignment 16): cannot compile: " + tooLarge), "info shows why");
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
        // All three operators share operator code 0.
        rejects(edited(HELLO, m -> m.getOperatorCodes()[0].setBuiltinCode(BuiltinOperator.RNN)),
                q("subgraph 0: 3 problems: operator 0 (RNN): unsupported operator RNN; operator 1 (RNN): "
                        + "unsupported operator RNN; operator 2 (RNN): unsupported operator RNN"));
    }

    @Test
    void unsupportedOperatorsAreListedAtOnce() {
        rejects(edited(HELLO, m -> {
            OperatorCodeT custom = code(BuiltinOperator.CUSTOM);
            custom.setCustomCode("MyOp");
            m.setOperatorCodes(new OperatorCodeT[] {m.getOperatorCodes()[0], code(BuiltinOperator.RNN), custom});
            main(m).getOperators()[1].setOpcodeIndex(1);
            main(m).getOperators()[2].setOpcodeIndex(2);
        }), q("subgraph 0: 2 problems: operator 1 (RNN): unsupported operator RNN; operator 2 (CUSTOM:MyOp): "
                + "unsupported operator CUSTOM:MyOp"));
    }

    @Test
    void infoStatesEachOperatorsSupport() {
        String text = info(edited(HELLO, m -> {
            OperatorCodeT custom = code(BuiltinOperator.CUSTOM);
            custom.setCustomCode("MyOp");
            m.setOperatorCodes(new OperatorCodeT[] {m.getOperatorCodes()[0], code(BuiltinOperator.RNN), custom});
            main(m).getOperators()[1].setOpcodeIndex(1);
            main(m).getOperators()[2].setOpcodeIndex(2);
        }));
        assertTrue(text.matches("(?s).*\n +0 FULLY_CONNECTED +[^\n]* supported\n.*"), text);
        assertTrue(text.matches("(?s).*\n +1 RNN +[^\n]* not supported: unsupported operator RNN\n.*"), text);
        assertTrue(text.matches("(?s).*\n +2 CUSTOM:MyOp +[^\n]* not supported: unsupported operator CUSTOM:MyOp\n.*"),
                text);
    }

    @Test
    void unknownBuiltinCodeIsUnsupported() {
        rejects(edited(HELLO, m -> m.getOperatorCodes()[0].setBuiltinCode(100000)),
                q("subgraph 0: 3 problems: operator 0 (BUILTIN_100000): unsupported operator BUILTIN_100000; ")
                        + ".*");
    }

    @Test
    void unsupportedTensorTypes() {
        // TensorFlow Lite reads a model with string tensors: so does info; compile refuses the operators.
        byte[] string = edited(HELLO, m -> tensor(m, 7).setType(TensorType.STRING));
        String stringProblem = "tensor '" + T7 + "': type STRING is not supported (it has no fixed element size)";
        rejects(string, q("subgraph 0: 2 problems: operator 0 (FULLY_CONNECTED), " + stringProblem
                + "; operator 1 (FULLY_CONNECTED), " + stringProblem));
        assertTrue(info(string).contains("7 STRING   1x16"));
        String complexProblem = "tensor '" + T7 + "': type COMPLEX64 is not supported here (expected INT8)";
        rejects(edited(HELLO, m -> tensor(m, 7).setType(TensorType.COMPLEX64)),
                q("subgraph 0: 2 problems: operator 0 (FULLY_CONNECTED), " + complexProblem
                        + "; operator 1 (FULLY_CONNECTED), " + complexProblem));
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

    @Test
    void unsupportedOperatorAndUnsupportedTypeAreListedInOneLine() {
        rejects(edited(HELLO, m -> {
            m.setOperatorCodes(new OperatorCodeT[] {m.getOperatorCodes()[0], code(BuiltinOperator.LSH_PROJECTION)});
            main(m).getOperators()[0].setOpcodeIndex(1);
            tensor(m, 4).setType(TensorType.UINT8);
        }), q("subgraph 0: 2 problems: operator 0 (LSH_PROJECTION): unsupported operator LSH_PROJECTION; operator 1 "
                + "(FULLY_CONNECTED), "
                + "tensor '" + T4 + "': type UINT8 is not supported here (expected INT8 or INT4)"));
    }

    @Test
    void veryManyProblemsListTheFirstTenAndCountTheRest() {
        ModelT m = schemaOf(KWS);
        assertEquals(13, main(m).getOperators().length);
        for (OperatorCodeT c : m.getOperatorCodes()) {
            c.setBuiltinCode(BuiltinOperator.RNN);
            c.setDeprecatedBuiltinCode((byte) BuiltinOperator.RNN);
        }
        String err = rejects(m.serializeToBinary(), q("subgraph 0: 13 problems: operator 0 (RNN): unsupported "
                + "operator RNN; operator 1 (RNN): ") + ".*"
                + q("; operator 9 (RNN): unsupported operator RNN; and 3 more"));
        assertEquals(10, err.split("unsupported operator RNN").length - 1);
    }

    @Test
    void anIgnoredOperandOfATypeTheReferenceDoesNotHoldRunsAsTheModel() {
        // KWS's RESHAPE carries its new shape as a constant operand it ignores; as UINT32 the model
        // still compiles, and the reference runs it (the fuzz suite found it could not).
        byte[] b = edited(KWS, m -> tensor(m, 2).setType(TensorType.UINT32));
        dev.tflc.ir.Graph g = ModelReader.read(b, "reshape").main();
        assertEquals("UINT32", g.tensor(2).type().name());
        byte[] in = new byte[49 * 10];
        assertArrayEquals(dev.tflc.reference.Interpreter.run(ModelReader.read(SharedModels.read(SharedModels.root()
                .resolve(KWS)), "kws").main(), List.of(in)).get(0), dev.tflc.reference.Interpreter.run(g,
                List.of(in)).get(0));
    }

    @Test
    void zeroElementTensorsAreReadAndOnlyCompileRefusesOperatorsOnThem() {
        byte[] b = edited(HELLO, m -> tensor(m, 7).setShape(new int[] {0, 16}));
        String problem = "tensor '" + T7 + "': has no elements (shape 0x16); tflc does not compile operators on empty "
                + "tensors";
        rejects(b, q("subgraph 0: 2 problems: operator 0 (FULLY_CONNECTED), " + problem
                + "; operator 1 (FULLY_CONNECTED), " + problem));
        assertTrue(info(b).contains("    7 INT8     0x16           '" + T7 + "'"));
    }

    @Test
    void lstmStyleZeroElementIntermediateIsReadShownAndCompiled(@TempDir Path out) throws Exception {
        // Quantized LSTM operators list intermediate tensors of shape [0], quantized, with no buffer.
        byte[] b = edited(HELLO, m -> {
            List<TensorT> tensors = new ArrayList<>(Arrays.asList(main(m).getTensors()));
            TensorT t = new TensorT();
            t.setName("lstm/intermediate_0");
            t.setType(TensorType.INT16);
            t.setShape(new int[] {0});
            t.setQuantization(quant(new float[] {0.0078125f}, new long[] {0}, 0));
            tensors.add(t);
            main(m).setTensors(tensors.toArray(TensorT[]::new));
            main(m).getOperators()[1].setIntermediates(new int[] {10});
        });
        assertTrue(info(b).contains(
                "   10 INT16    0              'lstm/intermediate_0'  q: scale 0.0078125, zero point 0\n"));
        compiles(b, out);
    }

    @Test
    void aLargeFileThatIsNotAModelIsRefusedFromItsHeaderAlone(@TempDir Path dir) throws IOException {
        Path zeros = dir.resolve("zeros.tflite");
        try (RandomAccessFile f = new RandomAccessFile(zeros.toFile(), "rw")) {
            f.setLength(200L << 20); // sparse: 200 MiB of zeros that take no disk space
        }
        String notAModel = zeros + ": not a TensorFlow Lite model (file identifier is not TFL3)";
        try (CountingChannel in = new CountingChannel(zeros)) {
            IrException e = assertThrows(IrException.class, () -> ModelReader.read(in, zeros.toString()));
            assertEquals(notAModel, e.diagnostic());
            assertEquals(ModelReader.HEADER_BYTES, in.bytesRead());
        }
        MainTest.Result r = MainTest.tflc(new byte[0], "info", zeros.toString());
        assertEquals(2, r.code());
        assertEquals("tflc: error: " + notAModel + "\n", r.err());
        try (RandomAccessFile f = new RandomAccessFile(zeros.toFile(), "rw")) {
            f.setLength(ModelReader.MAX_FILE_BYTES + 1);
        }
        try (CountingChannel in = new CountingChannel(zeros)) {
            IrException e = assertThrows(IrException.class, () -> ModelReader.read(in, zeros.toString()));
            assertEquals(zeros + ": file is larger than 1,073,741,824 bytes", e.diagnostic());
            assertEquals(0, in.bytesRead());
        }
    }

    // ------------------------------------------------------------------ strings from the file

    @Test
    void namesWithInvalidUtf8AreShownWithTheirBytesEscaped(@TempDir Path out) throws Exception {
        // 'M' of "MatMul" in the weights' name becomes 0xff, which is never valid UTF-8.
        byte[] b = withNameByte(bytesOf(HELLO), T4, T4.indexOf("MatMul"), 0xff);
        String shown = T4.replace("MatMul", "\\xffatMul");
        String text = info(b);
        assertTrue(text.contains("    4 INT8     16x16          '" + shown + "'"), text);
        String source = Files.readString(compiles(b, out).resolve("model.c"));
        assertTrue(source.contains("'" + shown + "'"), "the weights' comment");
        assertTrue(source.chars().allMatch(c -> c < 0x80), "generated source stays ASCII");
        // A lead byte (0xc3) followed by no continuation byte, in the name of a tensor an error names.
        byte[] bad = withNameByte(edited(HELLO, m -> tensor(m, 7).getQuantization().setZeroPoint(new long[] {200})),
                T7, 0, 0xc3);
        rejectsEverywhere(bad, q("subgraph 0, tensor '\\xc3" + T7.substring(1)
                + "': zero point 200 is outside the range of INT8"));
    }

    @Test
    void terminalEscapesInNamesReachNeitherTheTerminalNorTheGeneratedComments(@TempDir Path out) throws Exception {
        String evil = "x\u001b[2J\u001b]0;owned\u0007*/ int evil; /*\nnext\u202e";
        String shown = "x\\x1b[2J\\x1b]0;owned\\x07*/ int evil; /*\\nnext\\u202e";
        Consumer<ModelT> names = m -> {
            tensor(m, 4).setName(evil + "w");
            tensor(m, 7).setName(evil + "a");
            main(m).setName(evil + "g");
            m.setDescription(evil + "d");
        };
        String text = info(edited(HELLO, names));
        assertFalse(hasTerminalControls(text), text);
        for (String s : List.of(shown + "w'", shown + "a'", "subgraph 0 '" + shown + "g'", "(" + shown + "d)")) {
            assertTrue(text.contains(s), () -> s + " in " + text);
        }
        // The comments keep the names, escaped, with "*/" and "/*" broken: -Wall -Werror builds them.
        Path c = compiles(edited(HELLO, names), out);
        for (String file : List.of("model.c", "model.h")) {
            String source = Files.readString(c.resolve(file));
            assertFalse(hasTerminalControls(source.replace("\t", "")), file);
            assertFalse(source.replaceAll("(?s)/\\*.*?\\*/", "").contains("evil"), file + ": only comments hold it");
        }
        assertTrue(Files.readString(c.resolve("model.c")).contains(
                "'x\\x1b[2J\\x1b]0;owned\\x07*\\/ int evil; /\\*\\nnext\\u202ew'"), "the weights' comment");
        String err = rejectsEverywhere(edited(HELLO, names.andThen(m -> tensor(m, 7).getQuantization()
                .setZeroPoint(new long[] {200}))), q("subgraph 0, tensor '" + shown + "a': zero point 200 is outside "
                + "the range of INT8"));
        assertFalse(hasTerminalControls(err.substring(0, err.length() - 1)), err);
    }
}
