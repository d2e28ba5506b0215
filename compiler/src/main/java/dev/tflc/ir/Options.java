package dev.tflc.ir;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An operator's builtin options, schema-independent: the options table's name (for example
 * {@code Conv2DOptions}) and its fields by name ({@code strideW}, {@code padding}, ...). Values are
 * Integer, Long, Float, Boolean, String or List of those.
 */
public record Options(String type, Map<String, Object> fields) {
    public static final Options NONE = new Options("NONE", Map.of());

    public Options {
        Objects.requireNonNull(type, "type");
        fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public int getInt(String field, int fallback) {
        Object v = fields.get(field);
        return v == null ? fallback : ((Number) v).intValue();
    }

    public float getFloat(String field, float fallback) {
        Object v = fields.get(field);
        return v == null ? fallback : ((Number) v).floatValue();
    }

    public boolean getBoolean(String field, boolean fallback) {
        Object v = fields.get(field);
        return v == null ? fallback : (Boolean) v;
    }

    /** A list-valued field as ints, or null when absent. */
    public int[] getInts(String field) {
        Object v = fields.get(field);
        if (v == null) {
            return null;
        }
        List<?> list = (List<?>) v;
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).intValue();
        }
        return out;
    }
}
