package dev.tflc.cli;

import dev.tflc.codegen.JavaBinding;
import dev.tflc.codegen.Prefix;
import dev.tflc.lower.Goal;
import dev.tflc.lower.KernelSets;
import dev.tflc.target.Target;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The values that options take, each checked when the command line is parsed, so that a wrong value
 * is reported against its option (with the nearest known value) before any model is read.
 */
public final class OptionValues {
    private OptionValues() {
    }

    /** Kernel sets: name -> null when available, else why not. */
    static final Map<String, String> KERNELS = kernelSets();

    /** Output formats: those codegen writes (all the design names). */
    static final Map<String, String> FORMATS = formats();

    /** Optimisation goals: all the design names are built. */
    static final Map<String, String> OPTIMIZE = goals();

    private static Map<String, String> formats() {
        Map<String, String> m = new LinkedHashMap<>();
        dev.tflc.codegen.CGenerator.FORMATS.forEach(f -> m.put(f, null));
        return m;
    }

    /** The goals lowering has. */
    private static Map<String, String> goals() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Goal g : Goal.values()) {
            m.put(g.label(), null);
        }
        return m;
    }

    /** The kernel sets lowering has. */
    private static Map<String, String> kernelSets() {
        Map<String, String> m = new LinkedHashMap<>();
        KernelSets.names().forEach(n -> m.put(n, null));
        return m;
    }

    /** The values for help, each followed by why it cannot be used yet where it cannot. */
    private static Iterator<String> described(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + (e.getValue() == null ? "" : " (" + e.getValue() + ")")).iterator();
    }

    private static String check(String what, String value, Map<String, String> values) {
        if (!values.containsKey(value)) {
            throw new TypeConversionException(Suggestions.unknown(what, value, values.keySet()));
        }
        if (values.get(value) != null) {
            throw new TypeConversionException(what + " '" + value + "' is " + values.get(value)
                    + " (available: " + String.join(", ", values.entrySet().stream()
                            .filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList()) + ")");
        }
        return value;
    }

    /** {@code --target}: a known target descriptor. */
    static final class TargetName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!Target.NAMES.contains(value)) {
                throw new TypeConversionException(Suggestions.unknown("target", value, Target.NAMES));
            }
            return value;
        }
    }

    /** The target names, for picocli's help ({@code ${COMPLETION-CANDIDATES}}). */
    static final class TargetNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Target.NAMES.iterator();
        }
    }

    /** A value from a fixed list, some of which may not be available yet; lists itself for help. */
    abstract static class Choice implements ITypeConverter<String>, Iterable<String> {
        private final String what;
        private final Map<String, String> values;

        Choice(String what, Map<String, String> values) {
            this.what = what;
            this.values = values;
        }

        @Override
        public String convert(String value) {
            return check(what, value, values);
        }

        @Override
        public Iterator<String> iterator() {
            return described(values);
        }
    }

    /** {@code --kernels}. */
    static final class Kernels extends Choice {
        Kernels() {
            super("kernel set", KERNELS);
        }
    }

    /** {@code --format}. */
    static final class Format extends Choice {
        Format() {
            super("format", FORMATS);
        }
    }

    /** {@code --optimize}. */
    static final class Optimize extends Choice {
        Optimize() {
            super("optimisation goal", OPTIMIZE);
        }
    }

    /** A name that a rule accepts or explains why not ({@code problem} gives null, or the reason). */
    abstract static class Name implements ITypeConverter<String> {
        private final Function<String, String> problem;

        Name(Function<String, String> problem) {
            this.problem = problem;
        }

        @Override
        public String convert(String value) {
            String why = problem.apply(value);
            if (why != null) {
                throw new TypeConversionException("'" + value + "' " + why);
            }
            return value;
        }
    }

    /** {@code --prefix}: a C identifier that collides with nothing tflc generates. */
    static final class PrefixName extends Name {
        PrefixName() {
            super(Prefix::problem);
        }
    }

    /** {@code --java}: a Java package name for the binding. */
    static final class JavaPackage extends Name {
        JavaPackage() {
            super(JavaBinding::packageProblem);
        }
    }

    /** A byte count: a positive integer, optionally with K or M (1024-based) or KiB/MiB. */
    public static final class Bytes implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.trim().replace("_", "").replace(",", "");
            long unit = 1;
            for (Map.Entry<String, Long> u : List.of(Map.entry("KiB", 1024L), Map.entry("MiB", 1048576L),
                    Map.entry("K", 1024L), Map.entry("M", 1048576L), Map.entry("k", 1024L))) {
                if (v.endsWith(u.getKey())) {
                    unit = u.getValue();
                    v = v.substring(0, v.length() - u.getKey().length());
                    break;
                }
            }
            try {
                long n = Math.multiplyExact(Long.parseLong(v), unit);
                if (n <= 0) {
                    throw new TypeConversionException("'" + value + "' is not a positive number of bytes");
                }
                return n;
            } catch (NumberFormatException | ArithmeticException e) {
                throw new TypeConversionException("'" + value + "' is not a number of bytes (e.g. 65536 or 64K)");
            }
        }
    }
}
