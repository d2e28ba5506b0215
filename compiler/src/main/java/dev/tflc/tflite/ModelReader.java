package dev.tflc.tflite;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Location;
import dev.tflc.ir.Model;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;

/** Reads {@code .tflite} flatbuffers into a validated {@link Model}. */
public final class ModelReader {
    /** Largest model file read: keeps a hostile file from exhausting memory. */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private ModelReader() {
    }

    public static Model read(Path file) {
        Location at = Location.ofFile(file.toString());
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new IrException(at, "is a directory, not a model file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IrException(at, "file is larger than " + MAX_FILE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IrException(at, "no such file");
        } catch (IOException e) {
            throw new IrException(at, "cannot read: " + e.getMessage());
        }
        return read(bytes, file.toString());
    }

    /** Reads a model from its bytes; {@code name} labels diagnostics. */
    public static Model read(byte[] bytes, String name) {
        Location at = Location.ofFile(name);
        if (bytes.length < 8) {
            throw new IrException(at, "file is too short to be a TensorFlow Lite model (" + bytes.length + " bytes)");
        }
        if (bytes[4] != 'T' || bytes[5] != 'F' || bytes[6] != 'L' || bytes[7] != '3') {
            throw new IrException(at, "not a TensorFlow Lite model (file identifier is not TFL3)");
        }
        int root = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (root < 8 || root > bytes.length - 4) {
            throw new IrException(at, "malformed flatbuffer: root table offset " + root + " is outside the file ("
                    + bytes.length + " bytes)");
        }
        ModelT m;
        try {
            String tooLong = VectorLengths.check(bytes);
            if (tooLong != null) {
                throw new IrException(at, "malformed flatbuffer: " + tooLong + " (" + bytes.length + " bytes)");
            }
            m = ModelT.deserializeFromBinary(bytes);
        } catch (IrException e) {
            throw e;
        } catch (IndexOutOfBoundsException e) {
            throw new IrException(at, "malformed flatbuffer: an offset or length points outside the file ("
                    + bytes.length + " bytes)");
        } catch (NegativeArraySizeException | OutOfMemoryError e) {
            throw new IrException(at, "malformed flatbuffer: a vector length does not fit the file ("
                    + bytes.length + " bytes)");
        } catch (RuntimeException | StackOverflowError e) {
            throw new IrException(at, "malformed flatbuffer (" + e.getClass().getSimpleName() + ")");
        }
        try {
            return convert(m);
        } catch (IrException e) {
            throw e.at(at);
        } catch (RuntimeException e) {
            throw new IrException(at, "malformed model (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static Model convert(ModelT m) {
        OperatorCodeT[] codes = orEmpty(m.getOperatorCodes(), OperatorCodeT[]::new);
        BufferT[] buffers = orEmpty(m.getBuffers(), BufferT[]::new);
        SubGraphT[] subgraphs = orEmpty(m.getSubgraphs(), SubGraphT[]::new);
        List<Graph> graphs = new ArrayList<>();
        for (int s = 0; s < subgraphs.length; s++) {
            try {
                graphs.add(convert(subgraphs[s], codes, buffers));
            } catch (IrException e) {
                throw e.at(Location.ofSubgraph(s));
            }
        }
        return new Model(graphs, m.getDescription());
    }

    private static Graph convert(SubGraphT g, OperatorCodeT[] codes, BufferT[] buffers) {
        TensorT[] ts = orEmpty(g.getTensors(), TensorT[]::new);
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
            tensors.add(tensor(i, ts[i], buffers));
        }
        OperatorT[] ops = orEmpty(g.getOperators(), OperatorT[]::new);
        List<Operator> operators = new ArrayList<>();
        for (int i = 0; i < ops.length; i++) {
            OperatorT op = ops[i];
            long codeIndex = op.getOpcodeIndex();
            if (codeIndex < 0 || codeIndex >= codes.length) {
                throw new IrException(new Location(null, -1, i, null, null),
                        "operator code index " + codeIndex + " is out of range (" + codes.length + " codes)");
            }
            OperatorCodeT code = codes[(int) codeIndex];
            operators.add(new Operator(i, kindOf(code), code.getVersion(), list(op.getInputs()),
                    list(op.getOutputs()), OptionsCodec.decode(op.getBuiltinOptions())));
        }
        return new Graph(g.getName(), tensors, operators, list(g.getInputs()), list(g.getOutputs()));
    }

    /** The builtin operator's name: the larger of builtin_code and deprecated_builtin_code, as TFLite reads it. */
    static String kindOf(OperatorCodeT code) {
        int builtin = Math.max(code.getBuiltinCode(), code.getDeprecatedBuiltinCode());
        if (builtin == BuiltinOperator.CUSTOM) {
            return "CUSTOM:" + (code.getCustomCode() == null ? "" : code.getCustomCode());
        }
        if (builtin < 0 || builtin >= BuiltinOperator.names.length) {
            return "BUILTIN_" + builtin;
        }
        return BuiltinOperator.name(builtin);
    }

    private static Tensor tensor(int index, TensorT t, BufferT[] buffers) {
        String name = t.getName() == null || t.getName().isEmpty() ? "tensor" + index : t.getName();
        Location at = new Location(null, -1, -1, null, name);
        TensorType type = TensorType.fromCode(t.getType());
        if (type == null) {
            throw new IrException(at, "unknown tensor type code " + t.getType());
        }
        long bufferIndex = t.getBuffer();
        if (bufferIndex < 0 || bufferIndex >= Math.max(buffers.length, 1)) {
            throw new IrException(at, "buffer index " + bufferIndex + " is out of range (" + buffers.length
                    + " buffers)");
        }
        byte[] data = null;
        if (bufferIndex < buffers.length && buffers[(int) bufferIndex] != null) {
            int[] raw = buffers[(int) bufferIndex].getData();
            if (raw != null && raw.length > 0) {
                data = new byte[raw.length];
                for (int i = 0; i < raw.length; i++) {
                    data[i] = (byte) raw[i];
                }
            }
        }
        try {
            Shape shape = Shape.of(t.getShape() == null ? new int[0] : t.getShape());
            return new Tensor(index, name, type, shape, quantization(t.getQuantization(), shape), data,
                    t.getIsVariable());
        } catch (IrException e) {
            throw e.at(at);
        }
    }

    private static Quantization quantization(QuantizationParametersT q, Shape shape) {
        if (q == null || q.getScale() == null || q.getScale().length == 0) {
            return null;
        }
        float[] scales = q.getScale();
        long[] zeroPoints = q.getZeroPoint() == null || q.getZeroPoint().length == 0
                ? new long[scales.length] : q.getZeroPoint();
        if (scales.length == 1 && zeroPoints.length == 1) {
            return Quantization.perTensor(scales[0], zeroPoints[0]);
        }
        int axis = q.getQuantizedDimension();
        if (shape.rank() == 1 && axis > 0 && scales.length == shape.dim(0)) {
            // A vector has one axis; converters have written the filter's axis on per-channel biases
            // (person_detect), which TensorFlow Lite Micro accepts. Read it as the only axis there is.
            axis = 0;
        }
        return Quantization.perAxis(scales, zeroPoints, axis);
    }

    private static List<Integer> list(int[] a) {
        List<Integer> l = new ArrayList<>();
        if (a != null) {
            for (int x : a) {
                l.add(x);
            }
        }
        return l;
    }

    private static <T> T[] orEmpty(T[] a, java.util.function.IntFunction<T[]> make) {
        return a == null ? make.apply(0) : a;
    }
}
