package dev.tflc.plan;

/**
 * A block of memory to place in the arena: {@code id} is the caller's name for it, {@code size} its
 * bytes (more than zero), and it is live from step {@code firstUse} to step {@code lastUse}, both
 * included. Two buffers whose step ranges intersect may not share a byte. A {@code persistent}
 * buffer (a variable tensor: state kept from one run of the plan to the next) shares no byte with
 * any other buffer, whatever the steps.
 */
public record Buffer(int id, long size, int firstUse, int lastUse, boolean persistent) {
    /** A buffer live only from {@code firstUse} to {@code lastUse}. */
    public Buffer(int id, long size, int firstUse, int lastUse) {
        this(id, size, firstUse, lastUse, false);
    }

    public Buffer {
        if (size <= 0) {
            throw new IllegalArgumentException("buffer " + id + " has size " + size + ", not more than 0");
        }
        if (firstUse > lastUse) {
            throw new IllegalArgumentException(
                    "buffer " + id + " is first used at step " + firstUse + ", after its last use at " + lastUse);
        }
    }

    /** Number of steps this buffer is live for. */
    public long lifetime() {
        return (long) lastUse - firstUse + 1;
    }

    /** {@code 7 (96 bytes, steps 2..5)}, as diagnostics name a buffer. */
    String describe() {
        return id + " (" + size + " bytes, " + (persistent ? "persistent" : "steps " + firstUse + ".." + lastUse) + ")";
    }
}
