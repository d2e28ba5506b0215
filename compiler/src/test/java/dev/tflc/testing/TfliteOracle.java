package dev.tflc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.tensorflow.lite.Interpreter;
import org.tensorflow.lite.Tensor;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.TensorType;

/**
 * The second oracle (DESIGN.md, Correctness): runs a model in the real TensorFlow Lite 2.6.2
 * interpreter, through DJL's bundled {@code org.tensorflow.lite} Java API and the JNI library in
 * {@code tflite-native-cpu}, on one thread and without delegates, so results are deterministic.
 *
 * <p>Byte contract, the same as {@code tflc run} and the {@code --main} runner: one raw
 * little-endian byte array per input tensor in input order in, one per output tensor in output
 * order out.
 *
 * <p>Each call builds a fresh interpreter and closes it afterwards, so no state carries from one
 * call to the next ({@link #runSequence} carries it over the invocations of one call). Closing is safe for every model this oracle accepts. It refuses fully integer
 * SVDF models: TensorFlow Lite 2.6.2's integer SVDF kernel reads and writes outside its int16 state
 * buffer (valgrind shows invalid 2-byte writes during Invoke of keyword_scrambled_svdf_int8), which
 * corrupts the native heap and crashes the JVM later, at close or at exit. It also refuses
 * FULLY_CONNECTED with per-channel weights, which TFLite 2.6.2 runs without complaint but computes
 * wrongly (it has no per-channel FULLY_CONNECTED and reads the weights as unquantized).
 */
public final class TfliteOracle {
    /** Path of the JNI library inside {@code ai.djl.tflite:tflite-native-cpu:2.6.2:linux-x86_64}. */
    private static final String NATIVE_LIBRARY = "native/lib/libtensorflowlite_jni.so";

    private static final Object LOCK = new Object();
    private static boolean loaded;

    private TfliteOracle() {
    }

    /** Thrown when TensorFlow Lite refuses a model or its inputs, with TFLite's own message. */
    public static final class RefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Runs {@code model} once on {@code inputs} and returns the raw bytes of each output.
     *
     * @throws RefusedException if TensorFlow Lite cannot build, allocate or run the model, or an
     *     input's byte count does not match its tensor
     */
    public static List<byte[]> run(byte[] model, List<byte[]> inputs) {
        return runSequence(model, List.of(inputs)).get(0);
    }

    /**
     * Runs {@code model} on several invocations in order, in one interpreter, so that variable
     * (state) tensors carry from each invocation to the next; returns each invocation's outputs.
     *
     * @throws RefusedException as {@link #run}
     */
    public static List<List<byte[]>> runSequence(byte[] model, List<List<byte[]>> invocations) {
        synchronized (LOCK) {
            loadNativeLibrary();
            refuseUnsafe(model);
            ByteBuffer modelBuffer = ByteBuffer.allocateDirect(model.length).order(ByteOrder.nativeOrder());
            modelBuffer.put(model).rewind();
            Interpreter interpreter;
            try {
                interpreter = new Interpreter(modelBuffer,
                        new Interpreter.Options().setNumThreads(1).setUseXNNPACK(false));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new RefusedException("TensorFlow Lite refuses the model: " + oneLine(e.getMessage()), e);
            }
            try {
                List<List<byte[]>> outputs = new ArrayList<>();
                for (List<byte[]> inputs : invocations) {
                    outputs.add(invoke(interpreter, inputs));
                }
                return outputs;
            } finally {
                interpreter.close();
            }
        }
    }

    /** Refuses, before TFLite sees them, models it would corrupt its heap on or silently get wrong (see class doc). */
    private static void refuseUnsafe(byte[] model) {
        if (model.length < 8 || !Model.ModelBufferHasIdentifier(ByteBuffer.wrap(model))) {
            throw new RefusedException("not a TensorFlow Lite model (file identifier is not TFL3)", null);
        }
        Model m = Model.getRootAsModel(ByteBuffer.wrap(model).order(ByteOrder.LITTLE_ENDIAN));
        for (int g = 0; g < m.subgraphsLength(); g++) {
            SubGraph subgraph = m.subgraphs(g);
            for (int o = 0; o < subgraph.operatorsLength(); o++) {
                Operator op = subgraph.operators(o);
                OperatorCode code = m.operatorCodes((int) op.opcodeIndex());
                int builtin = Math.max(code.builtinCode(), code.deprecatedBuiltinCode());
                if (builtin == BuiltinOperator.SVDF && op.inputsLength() > 0
                        && subgraph.tensors(op.inputs(0)).type() == TensorType.INT8) {
                    throw new RefusedException("TfliteOracle refuses integer SVDF (subgraph " + g + ", operator " + o
                            + "): TensorFlow Lite 2.6.2's kernel corrupts its native heap", null);
                }
                if (builtin == BuiltinOperator.FULLY_CONNECTED && op.inputsLength() > 1 && op.inputs(1) >= 0) {
                    QuantizationParameters q = subgraph.tensors(op.inputs(1)).quantization();
                    if (q != null && q.scaleLength() > 1) {
                        throw new RefusedException("TfliteOracle refuses FULLY_CONNECTED with per-channel weights (subgraph "
                                + g + ", operator " + o + "): TensorFlow Lite 2.6.2 runs it without error but ignores"
                                + " the per-channel scales", null);
                    }
                }
            }
        }
    }

    private static List<byte[]> invoke(Interpreter interpreter, List<byte[]> inputs) {
        int inputCount = interpreter.getInputTensorCount();
        if (inputs.size() != inputCount) {
            throw new RefusedException("the model has " + inputCount + " inputs, got " + inputs.size(), null);
        }
        Object[] feeds = new Object[inputCount];
        for (int i = 0; i < inputCount; i++) {
            Tensor tensor = interpreter.getInputTensor(i);
            byte[] bytes = inputs.get(i);
            if (bytes.length != tensor.numBytes()) {
                throw new RefusedException("input " + i + " (" + tensor.dataType() + " "
                        + Arrays.toString(tensor.shape()) + ") takes " + tensor.numBytes()
                        + " bytes, got " + bytes.length, null);
            }
            ByteBuffer feed = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
            feed.put(bytes).rewind();
            feeds[i] = feed;
        }
        try {
            interpreter.runForMultipleInputsOutputs(feeds, new HashMap<>());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new RefusedException("TensorFlow Lite fails to run the model: " + oneLine(e.getMessage()), e);
        }
        List<byte[]> outputs = new ArrayList<>();
        for (int i = 0; i < interpreter.getOutputTensorCount(); i++) {
            ByteBuffer data = interpreter.getOutputTensor(i).asReadOnlyBuffer();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            outputs.add(bytes);
        }
        return outputs;
    }

    /** The TFLite runtime version the native library reports, e.g. {@code 2.6.2}. */
    public static String runtimeVersion() {
        synchronized (LOCK) {
            loadNativeLibrary();
            return org.tensorflow.lite.TensorFlowLite.runtimeVersion();
        }
    }

    /**
     * Extracts the JNI library from the class path into a fresh temporary directory, loads it, and
     * deletes the file (the loaded mapping outlives it on Linux).
     */
    private static void loadNativeLibrary() {
        if (loaded) {
            return;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("TfliteOracle needs linux-x86_64 (tflite-native-cpu:2.6.2:linux-x86_64);"
                    + " this JVM runs on " + os + "/" + arch);
        }
        try (InputStream in = TfliteOracle.class.getClassLoader().getResourceAsStream(NATIVE_LIBRARY)) {
            if (in == null) {
                throw new IllegalStateException(NATIVE_LIBRARY + " is not on the class path: add the test dependency"
                        + " ai.djl.tflite:tflite-native-cpu:2.6.2:linux-x86_64");
            }
            Path dir = Files.createTempDirectory("tflc-tflite-");
            Path library = dir.resolve("libtensorflowlite_jni.so");
            try {
                Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
                System.load(library.toAbsolutePath().toString());
            } finally {
                Files.deleteIfExists(library);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + NATIVE_LIBRARY, e);
        }
        loaded = true;
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\n\\s*", "; ");
    }
}
