package dev.tflc.tflite;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Location;
import dev.tflc.ir.Model;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.ir.Text;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SubGraph;

/**
 * Reads {@code .tflite} flatbuffers into a validated {@link Model}.
 *
 * <p>A file is judged by its header (root table offset and the {@code TFL3} identifier) and its size
 * before the rest of it is read. The model is then read table by table through the schema's
 * accessors; a field that points outside the file, or a vector that runs past its end, is reported
 * with the table and field ({@code Tensor 12 field 'shape': vector runs past the end of the file}).
 * Every vector is bounded before it is allocated: all vectors read, together, may hold at most twice
 * the file's bytes (tables may alias one another to repeat a vector), so a hostile length costs no
 * more than a small multiple of the file in memory and time. Strings are decoded by
 * {@link Text#fromUtf8}, which keeps bytes that are not valid UTF-8.
 */
public final class ModelReader {
    /** Largest model file read: keeps a hostile file from exhausting memory. */
    public static final long MAX_FILE_BYTES = 1L << 30;
    /** What is read before anything else: the root table's offset and the file identifier. */
    public static final int HEADER_BYTES = 8;
    /**
     * The constant data of all tensors together (tensors may share a buffer, and each holds its own
     * copy) may take this many times the file's bytes, and 1 MiB.
     */
    static final int SHARED_CONSTANTS_FACTOR = 4;

    private final ByteBuffer bb;
    private final long vectorBudget;
    private long vectorBytes;
    private final long constantBudget;
    private long constantBytes;
    private final Map<Long, byte[]> buffers = new HashMap<>();

    private ModelReader(byte[] bytes) {
        this.bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.vectorBudget = 2L * bytes.length + 1024;
        this.constantBudget = (long) SHARED_CONSTANTS_FACTOR * bytes.length + (1 << 20);
    }

    public static Model read(Path file) {
        Location at = Location.ofFile(file.toString());
        if (Files.isDirectory(file)) {
            throw new IrException(at, "is a directory, not a model file");
        }
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new IrException(at, "no such file");
        } catch (AccessDeniedException e) {
            throw new IrException(at, "cannot read: permission denied");
        } catch (IOException e) {
            throw new IrException(at, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Reads a model from {@code in}, from its current position to its end, {@code name} labelling
     * diagnostics. Reads the first {@link #HEADER_BYTES} bytes alone and nothing more when they, with
     * the channel's size, show that this is not a model.
     */
    public static Model read(SeekableByteChannel in, String name) throws IOException {
        Location at = Location.ofFile(name);
        long size = in.size() - in.position();
        if (size > MAX_FILE_BYTES) {
            throw new IrException(at, String.format("file is larger than %,d bytes", MAX_FILE_BYTES));
        }
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HEADER_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(in, head, at);
        checkHeader(head, size, at);
        ByteBuffer all = ByteBuffer.allocate((int) size);
        all.put(head.flip());
        readFully(in, all, at);
        return parse(all.array(), at);
    }

    /** Reads a model from its bytes; {@code name} labels diagnostics. */
    public static Model read(byte[] bytes, String name) {
        Location at = Location.ofFile(name);
        checkHeader(ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, HEADER_BYTES)).slice()
                .order(ByteOrder.LITTLE_ENDIAN), bytes.length, at);
        return parse(bytes, at);
    }

    private static void readFully(SeekableByteChannel in, ByteBuffer into, Location at) throws IOException {
        while (into.hasRemaining()) {
            if (in.read(into) < 0) {
                throw new IrException(at, "cannot read: the file ended after " + into.position() + " of "
                        + into.limit() + " bytes (did it change while being read?)");
            }
        }
    }

    /** Checks the first bytes of a file of {@code size} bytes; {@code head} holds them from index 0. */
    private static void checkHeader(ByteBuffer head, long size, Location at) {
        if (size < HEADER_BYTES) {
            throw new IrException(at, "file is too short to be a TensorFlow Lite model (" + size + " bytes)");
        }
        if (head.get(4) != 'T' || head.get(5) != 'F' || head.get(6) != 'L' || head.get(7) != '3') {
            throw new IrException(at, "not a TensorFlow Lite model (file identifier is not TFL3)");
        }
        int root = head.getInt(0);
        if (root < HEADER_BYTES || root > size - 4) {
            throw new IrException(at, "malformed flatbuffer: root table offset " + root + " is outside the file ("
                    + size + " bytes)");
        }
    }

    private static Model parse(byte[] bytes, Location at) {
        try {
            return new ModelReader(bytes).model();
        } catch (IrException e) {
            throw e.at(at);
        }
    }

    /** An operator code as an operator uses it. */
    private record Code(String kind, int version) {
    }

    private Model model() {
        org.tensorflow.lite.schema.Model m;
        try {
            m = org.tensorflow.lite.schema.Model.getRootAsModel(bb);
        } catch (IndexOutOfBoundsException e) {
            throw new IrException("malformed flatbuffer: the Model table's vtable is outside the file");
        }
        String table = "Model";
        int codeCount = length(table, "operator_codes", m::operatorCodesLength, 4);
        List<Code> codes = new ArrayList<>();
        for (int i = 0; i < codeCount; i++) {
            int index = i;
            codes.add(code(i, field(table, "operator_codes", () -> m.operatorCodes(index))));
        }
        int bufferCount = length(table, "buffers", m::buffersLength, 4);
        int subgraphCount = length(table, "subgraphs", m::subgraphsLength, 4);
        List<Graph> graphs = new ArrayList<>();
        for (int s = 0; s < subgraphCount; s++) {
            int index = s;
            try {
                graphs.add(subgraph(s, field(table, "subgraphs", () -> m.subgraphs(index)), codes, m, bufferCount));
            } catch (IrException e) {
                throw e.at(Location.ofSubgraph(s));
            }
        }
        String description = string(table, "description", m::descriptionAsByteBuffer);
        return new Model(graphs, description);
    }

    private Code code(int index, OperatorCode c) {
        String table = "OperatorCode " + index;
        int builtin = Math.max(field(table, "builtin_code", c::builtinCode),
                field(table, "deprecated_builtin_code", c::deprecatedBuiltinCode));
        String custom = string(table, "custom_code", c::customCodeAsByteBuffer);
        return new Code(kindOf(builtin, custom), field(table, "version", c::version));
    }

    /**
     * The builtin operator's name from the larger of builtin_code and deprecated_builtin_code, as
     * TFLite reads it: {@code CONV_2D}, {@code CUSTOM:<custom code>} or {@code BUILTIN_<code>} for a
     * code this schema does not name.
     */
    static String kindOf(int builtin, String customCode) {
        if (builtin == BuiltinOperator.CUSTOM) {
            return "CUSTOM:" + (customCode == null ? "" : customCode);
        }
        if (builtin < 0 || builtin >= BuiltinOperator.names.length) {
            return "BUILTIN_" + builtin;
        }
        return BuiltinOperator.name(builtin);
    }

    private Graph subgraph(int s, SubGraph g, List<Code> codes, org.tensorflow.lite.schema.Model m,
            int bufferCount) {
        String table = "SubGraph " + s;
        int tensorCount = length(table, "tensors", g::tensorsLength, 4);
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < tensorCount; i++) {
            int index = i;
            tensors.add(tensor(i, field(table, "tensors", () -> g.tensors(index)), m, bufferCount));
        }
        int operatorCount = length(table, "operators", g::operatorsLength, 4);
        List<Operator> operators = new ArrayList<>();
        for (int i = 0; i < operatorCount; i++) {
            int index = i;
            operators.add(operator(i, field(table, "operators", () -> g.operators(index)), codes));
        }
        List<Integer> inputs = list(ints(table, "inputs", g::inputsLength, g::inputsAsByteBuffer));
        List<Integer> outputs = list(ints(table, "outputs", g::outputsLength, g::outputsAsByteBuffer));
        return new Graph(string(table, "name", g::nameAsByteBuffer), tensors, operators, inputs, outputs);
    }

    private Tensor tensor(int index, org.tensorflow.lite.schema.Tensor t, org.tensorflow.lite.schema.Model m,
            int bufferCount) {
        String table = "Tensor " + index;
        String read = string(table, "name", t::nameAsByteBuffer);
        String name = read == null || read.isEmpty() ? "tensor" + index : read;
        Location at = Location.NONE.withTensor(name);
        byte typeCode = field(table, "type", t::type);
        TensorType type = TensorType.fromCode(typeCode);
        if (type == null) {
            throw new IrException(at, "unknown tensor type code " + typeCode);
        }
        long bufferIndex = field(table, "buffer", t::buffer);
        if (bufferIndex < 0 || bufferIndex >= Math.max(bufferCount, 1)) {
            throw new IrException(at, "buffer index " + bufferIndex + " is out of range (" + bufferCount + " buffers)");
        }
        int[] dims = ints(table, "shape", t::shapeLength, t::shapeAsByteBuffer);
        boolean variable = field(table, "is_variable", t::isVariable);
        QuantizationParameters q = field(table, "quantization", () -> t.quantization());
        try {
            byte[] data = bufferIndex < bufferCount ? constantData(bufferIndex, m) : null;
            Shape shape = Shape.of(dims);
            Quantization quantization = q == null ? null : quantization(table, q, shape);
            return new Tensor(index, name, type, shape, quantization, data, variable);
        } catch (IrException e) {
            throw e.at(at);
        }
    }

    /** The contents of buffer {@code index}, or null when it is empty (a run-time tensor). */
    private byte[] constantData(long index, org.tensorflow.lite.schema.Model m) {
        byte[] data = buffers.get(index);
        if (data == null) {
            String table = "Buffer " + index;
            Buffer b = field("Model", "buffers", () -> m.buffers((int) index));
            ByteBuffer v = b == null ? ByteBuffer.allocate(0)
                    : vector(table, "data", b::dataLength, b::dataAsByteBuffer, 1);
            data = new byte[v.remaining()];
            v.get(data);
            buffers.put(index, data);
        }
        if (data.length == 0) {
            return null;
        }
        constantBytes += data.length;
        if (constantBytes > constantBudget) {
            throw new IrException(String.format("too many tensors share constant buffers (this one buffer %d): "
                    + "their data would take more than %,d bytes, %d times the file and 1 MiB", index, constantBudget,
                    SHARED_CONSTANTS_FACTOR));
        }
        return data;
    }

    private Quantization quantization(String tensor, QuantizationParameters q, Shape shape) {
        FloatBuffer scaleVector = vector(tensor, "quantization.scale", q::scaleLength, q::scaleAsByteBuffer, 4)
                .asFloatBuffer();
        float[] scales = new float[scaleVector.remaining()];
        scaleVector.get(scales);
        if (scales.length == 0) {
            return null;
        }
        LongBuffer zeroPointVector = vector(tensor, "quantization.zero_point", q::zeroPointLength,
                q::zeroPointAsByteBuffer, 8).asLongBuffer();
        long[] zeroPoints = new long[zeroPointVector.remaining()];
        zeroPointVector.get(zeroPoints);
        if (zeroPoints.length == 0) {
            zeroPoints = new long[scales.length];
        }
        if (scales.length == 1 && zeroPoints.length == 1) {
            return Quantization.perTensor(scales[0], zeroPoints[0]);
        }
        int axis = field(tensor, "quantization.quantized_dimension", q::quantizedDimension);
        if (shape.rank() == 1 && axis > 0 && scales.length == shape.dim(0)) {
            // A vector has one axis; converters have written the filter's axis on per-channel biases
            // (person_detect), which TensorFlow Lite Micro accepts. Read it as the only axis there is.
            axis = 0;
        }
        return Quantization.perAxis(scales, zeroPoints, axis);
    }

    private Operator operator(int index, org.tensorflow.lite.schema.Operator op, List<Code> codes) {
        String table = "Operator " + index;
        long codeIndex = field(table, "opcode_index", op::opcodeIndex);
        if (codeIndex < 0 || codeIndex >= codes.size()) {
            throw new IrException(new Location(null, -1, index, null, null),
                    "operator code index " + codeIndex + " is out of range (" + codes.size() + " codes)");
        }
        Code code = codes.get((int) codeIndex);
        List<Integer> inputs = list(ints(table, "inputs", op::inputsLength, op::inputsAsByteBuffer));
        List<Integer> outputs = list(ints(table, "outputs", op::outputsLength, op::outputsAsByteBuffer));
        return new Operator(index, code.kind(), code.version(), inputs, outputs, options(table, op));
    }

    private Options options(String table, org.tensorflow.lite.schema.Operator op) {
        com.google.flatbuffers.Table t = field(table, "builtin_options", () -> OptionsCodec.table(op));
        if (t == null) {
            return Options.NONE;
        }
        for (int length : field(table, "builtin_options", () -> OptionsCodec.vectorLengths(t))) {
            charge(table, "builtin_options", length, 8);
        }
        return field(table, "builtin_options", () -> OptionsCodec.decode(t));
    }

    // ------------------------------------------------------------------ fields

    /** Reads one field of a table; a read outside the file becomes a diagnostic naming both. */
    private static <T> T field(String table, String field, Supplier<T> read) {
        try {
            return read.get();
        } catch (IndexOutOfBoundsException e) {
            throw malformed(table, field, "offset out of range");
        } catch (IllegalArgumentException e) {
            // ByteBuffer refuses a position or limit beyond the file; the schema's own string decoder
            // (which the options of some operators use) refuses invalid UTF-8.
            throw malformed(table, field, String.valueOf(e.getMessage()).contains("UTF-8")
                    ? "string is not valid UTF-8" : "vector runs past the end of the file");
        }
    }

    static IrException malformed(String table, String field, String problem) {
        return new IrException("malformed flatbuffer: " + table + " field '" + field + "': " + problem);
    }

    /** A vector's length, charged to the budget of all vectors before anything is allocated for it. */
    private int length(String table, String field, IntSupplier length, int elementBytes) {
        int n = field(table, field, length::getAsInt);
        charge(table, field, n, elementBytes);
        return n;
    }

    private void charge(String table, String field, int length, int elementBytes) {
        vectorBytes += (long) Math.max(length, 0) * elementBytes;
        if (length < 0 || vectorBytes > vectorBudget) {
            throw malformed(table, field, "vector length " + Integer.toUnsignedString(length)
                    + " is more than the file can hold (" + bb.capacity() + " bytes)");
        }
    }

    /** A scalar vector's bytes, {@code elementBytes} to an element; empty when the field is absent. */
    private ByteBuffer vector(String table, String field, IntSupplier length, Supplier<ByteBuffer> bytes,
            int elementBytes) {
        int n = length(table, field, length, elementBytes);
        ByteBuffer v = n == 0 ? null : field(table, field, bytes);
        if (v == null) {
            return ByteBuffer.allocate(0);
        }
        if (v.remaining() != (long) n * elementBytes) {
            throw malformed(table, field, "vector runs past the end of the file");
        }
        return v.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private int[] ints(String table, String field, IntSupplier length, Supplier<ByteBuffer> bytes) {
        ByteBuffer v = vector(table, field, length, bytes, 4);
        int[] out = new int[v.remaining() / 4];
        v.asIntBuffer().get(out);
        return out;
    }

    /** A string field, decoded by {@link Text#fromUtf8}; null when absent. */
    private String string(String table, String field, Supplier<ByteBuffer> bytes) {
        ByteBuffer v = field(table, field, bytes);
        if (v == null) {
            return null;
        }
        charge(table, field, v.remaining(), 2);
        return Text.fromUtf8(v);
    }

    private static List<Integer> list(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
