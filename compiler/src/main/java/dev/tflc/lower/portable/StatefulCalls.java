package dev.tflc.lower.portable;

import dev.tflc.lower.CCall;
import dev.tflc.lower.Layer;
import dev.tflc.ops.Svdf;
import java.util.LinkedHashMap;
import java.util.Map;

/** Portable calls of the stateful operators: they update a variable tensor in place (input 4 of SVDF). */
final class StatefulCalls {
    private StatefulCalls() {
    }

    /** int8 SVDF; the state's element bits (16 or 8) tell the kernel its type. */
    static CCall svdfInt8(Layer l, Svdf.Int8 s) {
        Map<String, CCall.Arg> q = new LinkedHashMap<>();
        q.put("input_zero_point", CCall.i(s.inputZeroPoint()));
        q.put("state_zero_point", CCall.i(s.stateZeroPoint()));
        q.put("output_zero_point", CCall.i(s.outputZeroPoint()));
        q.put("feature_multiplier", CCall.i(s.feature().multiplier()));
        q.put("feature_shift", CCall.i(s.feature().shift()));
        q.put("output_multiplier", CCall.i(s.output().multiplier()));
        q.put("output_shift", CCall.i(s.output().shift()));
        return CCall.of("tflc_svdf_s8", dims(s.geometry()), new CCall.Struct("tflc_svdf_quant_t", "quant", q),
                CCall.i(8L * l.input(4).type().bytes()), new CCall.Input(0), new CCall.Weights(1),
                new CCall.Weights(2), new CCall.Weights(3), new CCall.Input(4), new CCall.Scratch(), new CCall.Output(0));
    }

    static CCall svdfFloat32(Layer l, Svdf.Float32 s) {
        return CCall.of("tflc_svdf_f32", dims(s.geometry()), CCall.f(s.range()[0]), CCall.f(s.range()[1]),
                new CCall.Input(0), new CCall.Weights(1), new CCall.Weights(2), CCall.optionalWeights(3, s.bias()),
                new CCall.Input(4), new CCall.Scratch(), new CCall.Output(0));
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
