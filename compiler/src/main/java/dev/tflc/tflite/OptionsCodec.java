package dev.tflc.tflite;

import com.google.flatbuffers.Table;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Options;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.Operator;

/**
 * Converts between the schema's option objects ({@code Conv2DOptionsT}, ...) and {@link Options}. Works
 * on any option table through its getter/setter pairs, so every builtin option survives a read and a
 * write without a line per operator.
 */
final class OptionsCodec {
    private static final String SCHEMA_PACKAGE = "org.tensorflow.lite.schema.";

    private OptionsCodec() {
    }

    /**
     * The operator's builtin options table, or null when it has none or one of a type this schema
     * does not know (TensorFlow Lite ignores those too).
     */
    static Table table(Operator op) {
        int type = op.builtinOptionsType() & 0xff;
        if (type == BuiltinOptions.NONE || type >= BuiltinOptions.names.length) {
            return null;
        }
        try {
            Table t = (Table) Class.forName(SCHEMA_PACKAGE + BuiltinOptions.name(type)).getConstructor().newInstance();
            return op.builtinOptions(t);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** The lengths of the table's vector fields, to bound before {@link #decode} allocates them. */
    static int[] vectorLengths(Table t) {
        return Arrays.stream(t.getClass().getMethods())
                .filter(m -> m.getName().endsWith("Length") && m.getParameterCount() == 0
                        && m.getReturnType() == int.class)
                .mapToInt(m -> (Integer) invoke(m, t)).toArray();
    }

    /** The options of a table from {@link #table}. */
    static Options decode(Table t) {
        Object value = invoke(method(t.getClass(), "unpack"), t);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Method getter : value.getClass().getMethods()) {
            String field = fieldName(getter);
            if (field == null) {
                continue;
            }
            Object v = toIr(invoke(getter, value));
            if (v != null) {
                fields.put(field, v);
            }
        }
        return new Options(t.getClass().getSimpleName(), fields);
    }

    static BuiltinOptionsUnion encode(Options options) {
        BuiltinOptionsUnion union = new BuiltinOptionsUnion();
        if (options.type().equals(Options.NONE.type())) {
            union.setType(BuiltinOptions.NONE);
            return union;
        }
        int code = -1;
        for (int i = 0; i < BuiltinOptions.names.length; i++) {
            if (BuiltinOptions.names[i].equals(options.type())) {
                code = i;
            }
        }
        if (code < 0) {
            throw new IrException("unknown options table " + options.type());
        }
        try {
            Class<?> cls = Class.forName(SCHEMA_PACKAGE + options.type() + "T");
            Object value = cls.getConstructor().newInstance();
            for (Method setter : cls.getMethods()) {
                if (!setter.getName().startsWith("set") || setter.getParameterCount() != 1) {
                    continue;
                }
                String field = Character.toLowerCase(setter.getName().charAt(3)) + setter.getName().substring(4);
                Object v = options.fields().get(field);
                if (v != null) {
                    setter.invoke(value, toSchema(v, setter.getParameterTypes()[0]));
                }
            }
            union.setType((byte) code);
            union.setValue(value);
            return union;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot write options table " + options.type(), e);
        }
    }

    private static String fieldName(Method m) {
        String n = m.getName();
        if (!n.startsWith("get") || n.equals("getClass") || m.getParameterCount() != 0) {
            return null;
        }
        return Character.toLowerCase(n.charAt(3)) + n.substring(4);
    }

    private static Method method(Class<?> cls, String name) {
        try {
            return cls.getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(cls.getSimpleName() + " has no " + name + "()", e);
        }
    }

    /** Calls a schema accessor; a failure reading the flatbuffer is rethrown as the accessor threw it. */
    private static Object invoke(Method accessor, Object target) {
        try {
            return accessor.invoke(target);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Schema value to IR value: numbers widen to Integer/Long/Float, arrays to lists; others dropped. */
    private static Object toIr(Object v) {
        if (v instanceof Byte b) {
            return (int) b;
        }
        if (v instanceof Short s) {
            return (int) s;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Float || v instanceof Boolean
                || v instanceof String) {
            return v;
        }
        if (v instanceof Double d) {
            return d.floatValue();
        }
        if (v instanceof int[] a) {
            List<Integer> l = new ArrayList<>();
            for (int x : a) {
                l.add(x);
            }
            return List.copyOf(l);
        }
        if (v instanceof long[] a) {
            List<Long> l = new ArrayList<>();
            for (long x : a) {
                l.add(x);
            }
            return List.copyOf(l);
        }
        if (v instanceof float[] a) {
            List<Float> l = new ArrayList<>();
            for (float x : a) {
                l.add(x);
            }
            return List.copyOf(l);
        }
        return null;
    }

    private static Object toSchema(Object v, Class<?> type) {
        if (type == byte.class) {
            return ((Number) v).byteValue();
        }
        if (type == short.class) {
            return ((Number) v).shortValue();
        }
        if (type == int.class) {
            return ((Number) v).intValue();
        }
        if (type == long.class) {
            return ((Number) v).longValue();
        }
        if (type == float.class) {
            return ((Number) v).floatValue();
        }
        if (type == double.class) {
            return ((Number) v).doubleValue();
        }
        if (type == int[].class) {
            return ((List<?>) v).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
        }
        if (type == long[].class) {
            return ((List<?>) v).stream().mapToLong(x -> ((Number) x).longValue()).toArray();
        }
        if (type == float[].class) {
            List<?> l = (List<?>) v;
            float[] out = new float[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) l.get(i)).floatValue();
            }
            return out;
        }
        return v;
    }
}
