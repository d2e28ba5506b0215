package dev.tflc.lower;

import dev.tflc.ir.IrException;
import dev.tflc.ir.TensorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * INT4 weights stay packed in flash, two to a byte; before a layer that reads them runs, a call
 * unpacks them to int8 into the layer's scratch, after the scratch its own call needs, and the call
 * reads them there: TensorFlow Lite Micro's way (it unpacks into a scratch buffer at each invoke). Any
 * implementation that passes the weights to its call (as an input or as weights) runs on INT4 weights
 * unchanged; a kernel set that builds its own weight arrays at compile time declines such layers
 * ({@link #has}), since it would store them unpacked. Targets whose kernels read weights from a
 * separate program memory (AVR) refuse them.
 */
public final class PackedWeights {
    static final String UNPACK = "tflc_unpack_s4";

    private PackedWeights() {
    }

    /** True when one of the layer's inputs is a constant INT4 tensor. */
    public static boolean has(Layer layer) {
        return layer.op().inputs().stream().anyMatch(t -> t >= 0 && layer.graph().tensor(t).type() == TensorType.INT4);
    }

    /** {@code impl} running on its INT4 inputs unpacked, or {@code impl} itself when it has none. */
    static Implementation unpacked(Implementation impl, Layer layer) {
        if (!has(layer)) {
            return impl;
        }
        if (layer.target().separateProgramMemory()) {
            throw new IrException(layer.op().location(), "INT4 weights are not supported on " + layer.target().name()
                    + ": its kernels read weights from flash, and INT4 weights are unpacked into RAM");
        }
        Map<Integer, CCall.Unpacked> unpacked = new LinkedHashMap<>();
        long scratch = align(impl.scratchBytes());
        for (int i = 0; i < layer.op().inputs().size(); i++) {
            if (layer.op().input(i) >= 0 && layer.input(i).type() == TensorType.INT4) {
                unpacked.put(i, new CCall.Unpacked(i, scratch));
                scratch = align(scratch + layer.input(i).shape().elements());
            }
        }
        List<CCall.Arg> args = impl.call().args().stream().map(a -> replace(a, unpacked)).toList();
        List<CCall> before = new ArrayList<>(impl.before());
        for (CCall.Unpacked u : unpacked.values()) {
            before.add(CCall.of(UNPACK, new CCall.Input(u.input()), u,
                    CCall.i(layer.input(u.input()).shape().elements())));
        }
        List<String> files = new ArrayList<>(impl.runtimeFiles());
        files.add(UNPACK + ".c");
        List<String> headers = new ArrayList<>(impl.headers());
        if (!headers.contains("tflc_kernels.h")) {
            headers.add("tflc_kernels.h");
        }
        if (!files.contains("tflc_kernels.h")) {
            files.add("tflc_kernels.h");
        }
        return new Implementation(impl.kernelSet(), new CCall(impl.call().function(), args, impl.call().checked()),
                files, headers, scratch, impl.code(), impl.sharing(), before);
    }

    /** {@code a} with each INT4 input it passes replaced by that input's unpacked copy. */
    private static CCall.Arg replace(CCall.Arg a, Map<Integer, CCall.Unpacked> unpacked) {
        int input = a instanceof CCall.Input in ? in.index() : a instanceof CCall.Weights w ? w.index() : -1;
        if (unpacked.containsKey(input)) {
            return unpacked.get(input);
        }
        if (a instanceof CCall.Struct s) {
            return new CCall.Struct(s.type(), s.name(), replaceAll(s.fields(), unpacked));
        }
        if (a instanceof CCall.Fields f) {
            return new CCall.Fields(replaceAll(f.fields(), unpacked));
        }
        return a;
    }

    private static Map<String, CCall.Arg> replaceAll(Map<String, CCall.Arg> fields,
            Map<Integer, CCall.Unpacked> unpacked) {
        Map<String, CCall.Arg> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, replace(v, unpacked)));
        return out;
    }

    /** Unpacked arrays start on a word boundary, as the kernels' own scratch does. */
    private static long align(long bytes) {
        return (bytes + 3) & ~3L;
    }
}
