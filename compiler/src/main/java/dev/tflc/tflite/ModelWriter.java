package dev.tflc.tflite;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Model;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;

/**
 * Writes a {@link Model} as a {@code .tflite} flatbuffer (schema version 3). Strings are written as
 * valid UTF-8: bytes that were not valid UTF-8 when read become U+FFFD ({@link Text#wellFormed}).
 */
public final class ModelWriter {
    private ModelWriter() {
    }

    public static byte[] write(Model model) {
        return toSchema(model).serializeToBinary();
    }

    /** The model in the schema's object API, for callers that build or mutate models field by field. */
    public static ModelT toSchema(Model model) {
        List<BufferT> buffers = new ArrayList<>();
        buffers.add(new BufferT());
        Map<String, Integer> codeIndex = new LinkedHashMap<>();
        List<OperatorCodeT> codes = new ArrayList<>();
        List<SubGraphT> subgraphs = new ArrayList<>();
        for (Graph g : model.subgraphs()) {
            SubGraphT sg = new SubGraphT();
            sg.setName(Text.wellFormed(g.name()));
            TensorT[] tensors = new TensorT[g.tensors().size()];
            for (Tensor t : g.tensors()) {
                TensorT tt = new TensorT();
                tt.setName(Text.wellFormed(t.name()));
                tt.setType((byte) t.type().code());
                tt.setShape(t.shape().dims());
                tt.setIsVariable(t.isVariable());
                tt.setQuantization(quantization(t.quantization()));
                if (t.isConstant()) {
                    byte[] data = t.data();
                    int[] raw = new int[data.length];
                    for (int i = 0; i < raw.length; i++) {
                        raw[i] = data[i] & 0xff;
                    }
                    BufferT b = new BufferT();
                    b.setData(raw);
                    tt.setBuffer(buffers.size());
                    buffers.add(b);
                } else {
                    tt.setBuffer(0);
                }
                tensors[t.index()] = tt;
            }
            sg.setTensors(tensors);
            OperatorT[] ops = new OperatorT[g.operators().size()];
            for (Operator op : g.operators()) {
                String key = op.kind() + "#" + op.version();
                Integer idx = codeIndex.get(key);
                if (idx == null) {
                    idx = codes.size();
                    codeIndex.put(key, idx);
                    codes.add(operatorCode(op));
                }
                OperatorT ot = new OperatorT();
                ot.setOpcodeIndex(idx);
                ot.setInputs(op.inputs().stream().mapToInt(Integer::intValue).toArray());
                ot.setOutputs(op.outputs().stream().mapToInt(Integer::intValue).toArray());
                ot.setBuiltinOptions(OptionsCodec.encode(op.options()));
                ops[op.index()] = ot;
            }
            sg.setOperators(ops);
            sg.setInputs(g.inputs().stream().mapToInt(Integer::intValue).toArray());
            sg.setOutputs(g.outputs().stream().mapToInt(Integer::intValue).toArray());
            subgraphs.add(sg);
        }
        ModelT m = new ModelT();
        m.setVersion(3);
        m.setDescription(Text.wellFormed(model.description()));
        m.setOperatorCodes(codes.toArray(new OperatorCodeT[0]));
        m.setSubgraphs(subgraphs.toArray(new SubGraphT[0]));
        m.setBuffers(buffers.toArray(new BufferT[0]));
        return m;
    }

    private static OperatorCodeT operatorCode(Operator op) {
        OperatorCodeT c = new OperatorCodeT();
        c.setVersion(op.version());
        int code;
        if (op.kind().startsWith("CUSTOM:")) {
            code = BuiltinOperator.CUSTOM;
            c.setCustomCode(Text.wellFormed(op.kind().substring("CUSTOM:".length())));
        } else {
            code = codeOf(op.kind());
        }
        c.setBuiltinCode(code);
        c.setDeprecatedBuiltinCode((byte) Math.min(code, 127));
        return c;
    }

    /** The schema's code for a builtin operator name. */
    public static int codeOf(String kind) {
        if (kind.startsWith("BUILTIN_")) {
            return Integer.parseInt(kind.substring("BUILTIN_".length()));
        }
        for (int i = 0; i < BuiltinOperator.names.length; i++) {
            if (kind.equals(BuiltinOperator.names[i])) {
                return i;
            }
        }
        throw new IrException("unknown builtin operator " + kind);
    }

    private static QuantizationParametersT quantization(Quantization q) {
        if (q == null) {
            return null;
        }
        QuantizationParametersT p = new QuantizationParametersT();
        p.setScale(q.scales());
        p.setZeroPoint(q.zeroPoints());
        p.setQuantizedDimension(q.axis());
        return p;
    }
}
