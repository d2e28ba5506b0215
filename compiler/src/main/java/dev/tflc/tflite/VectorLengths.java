package dev.tflc.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;

/**
 * Bounds the vectors of a model before the schema's object API allocates an array for each: every
 * vector's bytes, summed over the whole model, must fit in the file. A hostile length (or tables
 * that alias one another to repeat a vector) is then caught before it costs memory or time beyond
 * a small multiple of the file's size. Throws {@link IndexOutOfBoundsException} for an offset
 * outside the file, as the accessors do.
 */
final class VectorLengths {
    private final long budget;
    private long used;
    private String tooLong;

    private VectorLengths(long fileBytes) {
        this.budget = 2 * fileBytes + 1024;
    }

    /** Null if the vectors fit, else which vector broke the bound. */
    static String check(byte[] bytes) {
        VectorLengths v = new VectorLengths(bytes.length);
        Model m = Model.getRootAsModel(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        v.model(m);
        return v.tooLong;
    }

    private void model(Model m) {
        if (!fits("operator_codes", m.operatorCodesLength(), 4) || !fits("buffers", m.buffersLength(), 4)
                || !fits("subgraphs", m.subgraphsLength(), 4) || !fits("metadata", m.metadataLength(), 4)
                || !fits("metadata_buffer", m.metadataBufferLength(), 4)
                || !fits("signature_defs", m.signatureDefsLength(), 4)) {
            return;
        }
        for (int i = 0; i < m.buffersLength() && tooLong == null; i++) {
            Buffer b = m.buffers(i);
            if (b != null) {
                fits("buffers[" + i + "].data", b.dataLength(), 1);
            }
        }
        for (int s = 0; s < m.subgraphsLength() && tooLong == null; s++) {
            SubGraph g = m.subgraphs(s);
            if (g != null) {
                subgraph("subgraphs[" + s + "]", g);
            }
        }
    }

    private void subgraph(String at, SubGraph g) {
        if (!fits(at + ".tensors", g.tensorsLength(), 4) || !fits(at + ".operators", g.operatorsLength(), 4)
                || !fits(at + ".inputs", g.inputsLength(), 4) || !fits(at + ".outputs", g.outputsLength(), 4)) {
            return;
        }
        for (int i = 0; i < g.tensorsLength() && tooLong == null; i++) {
            Tensor t = g.tensors(i);
            if (t == null) {
                continue;
            }
            String here = at + ".tensors[" + i + "]";
            if (!fits(here + ".shape", t.shapeLength(), 4) || !fits(here + ".shape_signature", t.shapeSignatureLength(), 4)
                    || !fits(here + ".variant_tensors", t.variantTensorsLength(), 4)) {
                return;
            }
            QuantizationParameters q = t.quantization();
            if (q != null && fits(here + ".quantization.scale", q.scaleLength(), 4)
                    && fits(here + ".quantization.zero_point", q.zeroPointLength(), 8)
                    && fits(here + ".quantization.min", q.minLength(), 4)) {
                fits(here + ".quantization.max", q.maxLength(), 4);
            }
        }
        for (int i = 0; i < g.operatorsLength() && tooLong == null; i++) {
            Operator op = g.operators(i);
            if (op == null) {
                continue;
            }
            String here = at + ".operators[" + i + "]";
            if (fits(here + ".inputs", op.inputsLength(), 4) && fits(here + ".outputs", op.outputsLength(), 4)
                    && fits(here + ".intermediates", op.intermediatesLength(), 4)
                    && fits(here + ".mutating_variable_inputs", op.mutatingVariableInputsLength(), 1)) {
                fits(here + ".custom_options", op.customOptionsLength(), 1);
            }
        }
    }

    private boolean fits(String what, int length, int elementBytes) {
        if (tooLong != null) {
            return false;
        }
        used += (long) Math.max(length, 0) * elementBytes;
        if (length < 0 || used > budget) {
            tooLong = "vector " + what + " has length " + Integer.toUnsignedString(length)
                    + ", more than the file can hold";
            return false;
        }
        return true;
    }
}
