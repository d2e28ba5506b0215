package dev.tflc.lower.portable;

import dev.tflc.lower.CCall;
import dev.tflc.lower.Layer;
import dev.tflc.ops.Activation;
import dev.tflc.ops.FixedPoint;
import dev.tflc.ops.Int16Sigmoid;
import dev.tflc.ops.IntegerLstm;
import dev.tflc.ops.Svdf;
import dev.tflc.ops.UnidirectionalSequenceLstm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Portable calls of the stateful operators: they update variable tensors in place (input 4 of SVDF,
 * inputs 18 and 19 of UNIDIRECTIONAL_SEQUENCE_LSTM).
 */
final class StatefulCalls {
    private StatefulCalls() {
    }

    /** int8 SVDF; the state's element bits (16 or 8) tell the kernel its type. */
    static CCall svdfInt8(Layer l, Svdf.Int8 s) {
        Map<String, CCall.Arg> q = new LinkedHashMap<>();
        q.put("input_zero_point", CCall.i(s.inputZeroPoint()));
        q.put("state_zero_point", CCall.i(s.stateZeroPoint()));
        q.put("output_zero_point", CCall.i(s.outputZeroPoint()));
        multiplier(q, "feature", s.feature());
        multiplier(q, "output", s.output());
        return CCall.of("tflc_svdf_s8", dims(s.geometry()), new CCall.Struct("tflc_svdf_quant_t", "quant", q),
                CCall.i(8L * l.input(4).type().bytes()), new CCall.Input(0), new CCall.Weights(1),
                new CCall.Weights(2), new CCall.Weights(3), new CCall.Input(4), new CCall.Scratch(), new CCall.Output(0));
    }

    static CCall svdfFloat32(Layer l, Svdf.Float32 s) {
        return CCall.of("tflc_svdf_f32", dims(s.geometry()), CCall.f(s.range()[0]), CCall.f(s.range()[1]),
                new CCall.Input(0), new CCall.Weights(1), new CCall.Weights(2), CCall.optionalWeights(3, s.bias()),
                new CCall.Input(4), new CCall.Scratch(), new CCall.Output(0));
    }

    /** float LSTM: its sizes and options, then its weights in one struct (null pointers where omitted). */
    static CCall lstmFloat32(Layer l, UnidirectionalSequenceLstm.Float32 k) {
        UnidirectionalSequenceLstm.Geometry g = k.geometry();
        Map<String, CCall.Arg> p = sizes(g);
        p.put("outputs", CCall.i(g.outputs()));
        p.put("time_major", CCall.i(g.timeMajor() ? 1 : 0));
        p.put("tanh_activation", CCall.i(k.activation() == Activation.TANH ? 1 : 0));
        float[] range = k.activation().floatRange();
        p.put("act_min", CCall.f(range[0]));
        p.put("act_max", CCall.f(range[1]));
        p.put("cell_clip", CCall.f(k.cellClip()));
        p.put("proj_clip", CCall.f(k.projClip()));
        Map<String, CCall.Arg> w = new LinkedHashMap<>();
        List<String> gates = UnidirectionalSequenceLstm.GATES;
        for (int gate = 0; gate < 4; gate++) {
            w.put("input_to_" + gates.get(gate), CCall.optionalWeights(1 + gate, k.inputWeights()[gate]));
        }
        for (int gate = 0; gate < 4; gate++) {
            w.put("recurrent_to_" + gates.get(gate), CCall.optionalWeights(5 + gate, k.recurrentWeights()[gate]));
        }
        float[][] peephole = k.peephole();
        w.put("cell_to_input", CCall.optionalWeights(9, peephole[UnidirectionalSequenceLstm.INPUT]));
        w.put("cell_to_forget", CCall.optionalWeights(10, peephole[UnidirectionalSequenceLstm.FORGET]));
        w.put("cell_to_output", CCall.optionalWeights(11, peephole[UnidirectionalSequenceLstm.OUTPUT]));
        for (int gate = 0; gate < 4; gate++) {
            w.put(gates.get(gate) + "_bias", CCall.optionalWeights(12 + gate, k.bias()[gate]));
        }
        w.put("projection", CCall.optionalWeights(16, k.projection()));
        w.put("projection_bias", CCall.optionalWeights(17, k.projectionBias()));
        for (int gate = 0; gate < 4; gate++) {
            w.put(gates.get(gate) + "_layer_norm", CCall.optionalWeights(20 + gate, k.layerNorm()[gate]));
        }
        return CCall.of("tflc_lstm_f32", new CCall.Struct("tflc_lstm_params_t", "params", p),
                new CCall.Struct("tflc_lstm_weights_f32_t", "weights", w), new CCall.Input(0), new CCall.Input(18),
                new CCall.Input(19), new CCall.Scratch(), new CCall.Output(0));
    }

    static CCall lstmInteger(Layer l, IntegerLstm k) {
        UnidirectionalSequenceLstm.Geometry g = k.geometry();
        Map<String, CCall.Arg> p = sizes(g);
        p.put("time_major", CCall.i(g.timeMajor() ? 1 : 0));
        int[] multipliers = new int[8];
        int[] shifts = new int[8];
        for (int gate = 0; gate < 4; gate++) {
            IntegerLstm.Gate q = k.gates()[gate];
            multipliers[2 * gate] = q.input().multiplier();
            shifts[2 * gate] = q.input().shift();
            multipliers[2 * gate + 1] = q.recurrent().multiplier();
            shifts[2 * gate + 1] = q.recurrent().shift();
        }
        p.put("gate_multipliers", new CCall.IntList(multipliers));
        p.put("gate_shifts", new CCall.IntList(shifts));
        p.put("input_offset", CCall.i(k.inputOffset()));
        p.put("state_offset", CCall.i(k.stateOffset()));
        p.put("state_zero_point", CCall.i(k.stateZeroPoint()));
        multiplier(p, "forget_cell", k.forgetTimesCell());
        multiplier(p, "input_cell", k.inputTimesCell());
        multiplier(p, "output", k.outputTimesTanh());
        p.put("cell_clip", CCall.i(k.quantizedCellClip()));
        p.put("cell_tanh_multiplier", CCall.i(k.cellTanh().multiplier()));
        p.put("cell_tanh_shift", CCall.i(k.cellTanh().rightShift()));
        Map<String, CCall.Arg> w = new LinkedHashMap<>();
        List<String> gates = UnidirectionalSequenceLstm.GATES;
        for (int gate = 0; gate < 4; gate++) {
            w.put("input_to_" + gates.get(gate), new CCall.Weights(1 + gate));
        }
        for (int gate = 0; gate < 4; gate++) {
            w.put("recurrent_to_" + gates.get(gate), new CCall.Weights(5 + gate));
        }
        for (int gate = 0; gate < 4; gate++) {
            w.put(gates.get(gate) + "_bias", new CCall.Weights(12 + gate));
        }
        return CCall.of(k.int16Activations() ? "tflc_lstm_s16" : "tflc_lstm_s8",
                new CCall.Struct("tflc_lstm_int_params_t", "params", p),
                new CCall.Struct("tflc_lstm_weights_int_t", "weights", w),
                CCall.Ints.int16("sigmoid_table", Int16Sigmoid.tableExcess()), new CCall.Input(0), new CCall.Input(18),
                new CCall.Input(19), new CCall.Scratch(), new CCall.Output(0));
    }

    /** An LSTM's batches, steps, input size and cells, first in its parameter struct. */
    private static Map<String, CCall.Arg> sizes(UnidirectionalSequenceLstm.Geometry g) {
        Map<String, CCall.Arg> p = new LinkedHashMap<>();
        p.put("batches", CCall.i(g.batches()));
        p.put("steps", CCall.i(g.steps()));
        p.put("input_size", CCall.i(g.inputSize()));
        p.put("cells", CCall.i(g.cells()));
        return p;
    }

    /** A requantization as two struct members, NAME_multiplier and NAME_shift. */
    private static void multiplier(Map<String, CCall.Arg> fields, String name, FixedPoint.Multiplier m) {
        fields.put(name + "_multiplier", CCall.i(m.multiplier()));
        fields.put(name + "_shift", CCall.i(m.shift()));
    }

    private static CCall.Struct dims(Svdf.Geometry g) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("batches", CCall.i(g.batches()));
        f.put("input_size", CCall.i(g.inputSize()));
        f.put("filters", CCall.i(g.filters()));
        f.put("units", CCall.i(g.units()));
        f.put("rank", CCall.i(g.rank()));
        f.put("memory", CCall.i(g.memory()));
        return new CCall.Struct("tflc_svdf_dims_t", "dims", f);
    }
}
