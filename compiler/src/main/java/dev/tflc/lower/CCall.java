package dev.tflc.lower;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer's C call: the function and its arguments in order. Code generation turns it into one call
 * with named constants: structs and arrays become {@code static const} data (flash) named after the
 * layer (on a target with a program memory of its own, the arrays and weights are {@code TFLC_ROM}), tensors become pointers into the arena or to the weights. A {@code checked} call returns an
 * int, 0 when the run-time checks it makes on its inputs pass; when it returns another value, invoke
 * stops and returns 1 + the operator's index.
 */
public record CCall(String function, List<Arg> args, boolean checked) {
    public CCall {
        args = List.copyOf(args);
    }

    public CCall(String function, List<Arg> args) {
        this(function, args, false);
    }

    public static CCall of(String function, Arg... args) {
        return new CCall(function, List.of(args));
    }

    /** A call whose int result is 0 when the run-time checks it makes pass. */
    public static CCall checked(String function, Arg... args) {
        return new CCall(function, List.of(args), true);
    }

    /** One argument of a call or one field of a struct. */
    public sealed interface Arg permits Int, Real, Input, Weights, Output, Scratch, Unpacked, Ints, IntList, Struct,
            Fields, Null {
    }

    /** An integer constant. */
    public record Int(long value) implements Arg {
    }

    /** A float constant. */
    public record Real(float value) implements Arg {
    }

    /** Pointer to the operator's input {@code index} (weights included). */
    public record Input(int index) implements Arg {
    }

    /**
     * Pointer to the operator's input {@code index} that the callee declares {@code const TFLC_ROM}
     * (weights, biases): a constant tensor, kept in program memory on targets that have one of its
     * own (AVR); elsewhere the same as {@link Input}.
     */
    public record Weights(int index) implements Arg {
    }

    /** Pointer to the operator's output {@code index}. */
    public record Output(int index) implements Arg {
    }

    /** Pointer to the layer's scratch buffer in the arena (its size is the implementation's). */
    public record Scratch() implements Arg {
    }

    /**
     * An {@code int8_t *} to the int8 values of the operator's constant input {@code input}, unpacked
     * into the layer's scratch at {@code offset} by a call that runs before the layer's
     * ({@link dev.tflc.lower.PackedWeights}).
     */
    public record Unpacked(int input, long offset) implements Arg {
    }

    /**
     * A constant array of C type {@code type} (int8_t, int16_t, int32_t, or float: see {@link #floats}), passed by pointer;
     * {@code name} suffixes the layer's name. Code generation emits each distinct array (type and
     * values) once: a later layer with the same array refers to the first one's. {@code mutablePointer}:
     * the callee's parameter is a non-const {@code int32_t *} that it only reads (CMSIS-NN's
     * quantization structs), so the pointer is cast and the array stays in flash.
     */
    public record Ints(String name, int[] values, boolean mutablePointer, String type) implements Arg {
        /** An int32 array. */
        public Ints(String name, int[] values) {
            this(name, values, false, "int32_t");
        }

        /** An int32 array, cast to a non-const pointer when {@code mutablePointer}. */
        public Ints(String name, int[] values, boolean mutablePointer) {
            this(name, values, mutablePointer, "int32_t");
        }

        public Ints {
            int bits = 8 * LayerCode.elementBytes(type);
            for (int v : values) {
                if (bits < 32 && (v < -(1 << (bits - 1)) || v >= 1 << (bits - 1))) {
                    throw new IllegalArgumentException(name + " value " + v + " does not fit " + type);
                }
            }
            if (mutablePointer && !type.equals("int32_t")) {
                throw new IllegalArgumentException("only int32_t arrays are passed as mutable pointers");
            }
        }

        /** A float array, held as the values' IEEE 754 bits and written as float literals. */
        public static Ints floats(String name, float[] values) {
            return new Ints(name, LayerCode.floatBits(values), false, "float");
        }

        /** An int8 array: every value must fit. */
        public static Ints int8(String name, int[] values) {
            return new Ints(name, values, false, "int8_t");
        }

        /** An int16 array: every value must fit. */
        public static Ints int16(String name, int[] values) {
            return new Ints(name, values, false, "int16_t");
        }

        /** Its size in flash. */
        public long bytes() {
            return (long) values.length * LayerCode.elementBytes(type);
        }
    }

    /** An inline array initializer for a fixed-size struct member. */
    public record IntList(int[] values) implements Arg {
    }

    /** A constant struct emitted once as {@code static const TYPE layer_NAME}, passed by pointer. */
    public record Struct(String type, String name, Map<String, Arg> fields) implements Arg {
        public Struct {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** An inline struct initializer, for a struct member held by value. */
    public record Fields(Map<String, Arg> fields) implements Arg {
        public Fields {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
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

    /** Input {@code index}, or NULL when {@code present} is null (the kernel runs without that input). */
    public static Arg optionalInput(int index, Object present) {
        return present == null ? new Null() : new Input(index);
    }

    /** Weights {@code index}, or NULL when {@code present} is null (the kernel runs without them). */
    public static Arg optionalWeights(int index, Object present) {
        return present == null ? new Null() : new Weights(index);
    }
}
