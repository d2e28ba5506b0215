package dev.tflc.codegen;

import java.nio.IntBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The constant arrays the layers of one generated source carry, each distinct one stored once: the
 * first layer that needs an array (C element type, alignment and values) names it, and a later layer
 * with the same array uses that name. Layers with the same requantization scales, for one, share their
 * multiplier and shift tables.
 */
final class ConstantArrays {
    private record Key(String type, boolean aligned, IntBuffer values) {
    }

    private final Map<Key, String> names = new HashMap<>();

    /**
     * The name of an array recorded earlier with the same type, alignment and values, or null when
     * there is none, in which case this one is recorded under {@code name}.
     */
    String earlier(String type, boolean aligned, int[] values, String name) {
        return names.putIfAbsent(new Key(type, aligned, IntBuffer.wrap(values)), name);
    }
}
