package dev.tflc.lower;

import java.util.List;
import java.util.regex.Pattern;

/**
 * C code that an implementation emits for its layer alone, in the generated source ahead of the
 * layer calls: constant arrays (flash) and the text of the static functions that use them, the one
 * the layer's {@link CCall} calls among them. Names start with the layer's name ({@link Layer#name()})
 * so that they are unique in the generated source. {@code shared} (null if none) is the same
 * functions in a form layers of the same shapes and parameters can share (--optimize balanced): they
 * take the arrays, in the order of {@code arrays}, as their last parameters, after the call's own
 * arguments.
 */
public record LayerCode(List<Array> arrays, String functions, String shared) {
    public LayerCode {
        arrays = List.copyOf(arrays);
    }

    /** Code whose functions name its arrays, in no form another layer can share. */
    public LayerCode(List<Array> arrays, String functions) {
        this(arrays, functions, null);
    }

    /**
     * {@code static const TYPE NAME[] = { values };} with {@code comment} above it, after the name of
     * the tensor it derives from ({@code source}, null if none); {@code type} is int8_t, int16_t or
     * int32_t.
     */
    public record Array(String type, String name, Role role, String source, String comment, int[] values) {
        public Array {
            elementBytes(type);
        }

        /** Its size in flash. */
        public long bytes() {
            return (long) values.length * elementBytes(type);
        }
    }

    /** The bytes of one element of C type {@code type}: int8_t, int16_t, int32_t or float. */
    public static int elementBytes(String type) {
        return switch (type) {
            case "int8_t" -> 1;
            case "int16_t" -> 2;
            case "int32_t", "float" -> 4;
            default -> throw new IllegalArgumentException("array type " + type);
        };
    }

    /**
     * What an array holds, for the flash accounting: the model's weights and biases (in whatever
     * layout), requantization multipliers and shifts, or another table derived from them.
     */
    public enum Role {
        WEIGHTS, REQUANT, TABLE
    }

    /** A float array: {@code values} kept as their bits. */
    public static Array floats(String name, Role role, String source, String comment, float[] values) {
        return new Array("float", name, role, source, comment, floatBits(values));
    }

    /**
     * The IEEE 754 bits of {@code values}: how the arrays of type {@code float} (here and in
     * {@link CCall.Ints}) hold them, so that one deduplication and one writer serve every type.
     */
    public static int[] floatBits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    /**
     * What two layers' code must have in common for one to run the other's {@code shared} functions:
     * their text with the layer's name {@code layer} (which starts every name the code defines) made
     * anonymous. Two layers with the same key run the same code, each with its own arrays as the
     * functions' last arguments. Null without a shared form, or when its text names one of the
     * layer's arrays (it would read this layer's data whichever layer called it).
     */
    public String shapeKey(String layer) {
        if (shared == null) {
            return null;
        }
        for (Array a : arrays) {
            if (shared.contains(a.name())) {
                return null;
            }
        }
        return shared.replaceAll("\\b" + Pattern.quote(layer) + "(?![A-Za-z0-9])", "<layer>");
    }

    /** The bytes of the arrays with {@code role}. */
    public long bytes(Role role) {
        return arrays.stream().filter(a -> a.role() == role).mapToLong(Array::bytes).sum();
    }
}
