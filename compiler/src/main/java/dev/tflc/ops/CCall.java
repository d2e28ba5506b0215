package dev.tflc.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator's C call needs: the runtime function (and so the kernel file of the same name)
 * and its arguments in order. Code generation turns it into one call with named constants.
 */
public record CCall(String function, List<Arg> args) {
    public CCall {
        args = List.copyOf(args);
    }

    public static CCall of(String function, Arg... args) {
        return new CCall(function, List.of(args));
    }

    /** One argument of a call or one field of a struct. */
    public sealed interface Arg permits Int, Real, Input, Output, Ints, IntList, Struct, Null {
    }

    /** An int32 constant. */
    public record Int(long value) implements Arg {
    }

    /** A float constant. */
    public record Real(float value) implements Arg {
    }

    /** Pointer to the operator's input {@code index} (weights included). */
    public record Input(int index) implements Arg {
    }

    /** Pointer to the operator's output {@code index}. */
    public record Output(int index) implements Arg {
    }

    /** A constant int32 array emitted once, passed by pointer; {@code name} suffixes the layer's name. */
    public record Ints(String name, int[] values) implements Arg {
    }

    /** An inline array initializer for a fixed-size struct member. */
    public record IntList(int[] values) implements Arg {
    }

    /** A constant struct emitted once, passed by pointer. */
    public record Struct(String type, String name, Map<String, Arg> fields) implements Arg {
        public Struct {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** A null pointer (an omitted optional tensor). */
    public record Null() implements Arg {
    }

    public static Int i(long v) {
        return new Int(v);
    }

    public static Real f(float v) {
        return new Real(v);
    }

    /** The struct describing a sliding window, shared by convolutions and pooling. */
    public static Struct window(Window w, int inC, int outC) {
        Map<String, Arg> f = new LinkedHashMap<>();
        f.put("batches", i(w.batches()));
        f.put("in_h", i(w.inH()));
        f.put("in_w", i(w.inW()));
        f.put("in_c", i(inC));
        f.put("filter_h", i(w.filterH()));
        f.put("filter_w", i(w.filterW()));
        f.put("out_h", i(w.outH()));
        f.put("out_w", i(w.outW()));
        f.put("out_c", i(outC));
        f.put("stride_h", i(w.strideH()));
        f.put("stride_w", i(w.strideW()));
        f.put("dilation_h", i(w.dilationH()));
        f.put("dilation_w", i(w.dilationW()));
        f.put("pad_h", i(w.padH()));
        f.put("pad_w", i(w.padW()));
        return new Struct("tflc_window_t", "window", f);
    }

    /** The requantization struct of an int8 weighted operator. */
    public static Struct requant(Weights.PerChannel q, int[] range) {
        boolean uniform = q.isUniform();
        Map<String, Arg> f = new LinkedHashMap<>();
        f.put("input_offset", i(q.inputOffset()));
        f.put("output_offset", i(q.outputOffset()));
        f.put("act_min", i(range[0]));
        f.put("act_max", i(range[1]));
        f.put("per_channel", i(uniform ? 0 : 1));
        f.put("multipliers", new Ints("multipliers", uniform ? new int[] {q.multipliers()[0]} : q.multipliers()));
        f.put("shifts", new Ints("shifts", uniform ? new int[] {q.shifts()[0]} : q.shifts()));
        return new Struct("tflc_requant_t", "requant", f);
    }

    /** Input {@code index}, or NULL when the kernel ran without it. */
    public static Arg optionalInput(int index, Object present) {
        return present == null ? new Null() : new Input(index);
    }
}
