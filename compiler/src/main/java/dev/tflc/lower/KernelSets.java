package dev.tflc.lower;

import dev.tflc.target.Target;
import dev.tflc.lower.cmsisnn.CmsisNnKernels;
import dev.tflc.lower.optimized.OptimizedKernels;
import dev.tflc.lower.portable.PortableKernels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kernel sets tflc has, by name, and the order of preference for a compilation. */
public final class KernelSets {
    private static final Map<String, KernelSet> SETS = new LinkedHashMap<>();

    static {
        for (KernelSet s : List.<KernelSet>of(new OptimizedKernels(), new PortableKernels(), new CmsisNnKernels())) {
            SETS.put(s.name(), s);
        }
    }

    private KernelSets() {
    }

    /** The kernel set called {@code name}. */
    public static KernelSet named(String name) {
        KernelSet s = SETS.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown kernel set '" + name + "'");
        }
        return s;
    }

    /** The names of the kernel sets that exist. */
    public static List<String> names() {
        return List.copyOf(SETS.keySet());
    }

    /**
     * The order of preference: {@code preferred} first (when not null), then the target's own order
     * ({@code kernels.order} in its descriptor), and {@code portable} last in every case (so with
     * {@code portable} preferred, it is the only set: it accepts every layer).
     */
    public static List<KernelSet> order(Target target, String preferred) {
        if (PortableKernels.NAME.equals(preferred)) {
            return List.of(named(PortableKernels.NAME));
        }
        List<String> names = new ArrayList<>();
        if (preferred != null) {
            names.add(preferred);
        }
        for (String n : target.kernelOrder()) {
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        names.remove(PortableKernels.NAME);
        names.add(PortableKernels.NAME);
        List<KernelSet> sets = new ArrayList<>();
        for (String n : names) {
            sets.add(named(n));
        }
        return sets;
    }
}
