package dev.tflc.plan;

/** Where one buffer goes: bytes {@code [offset, offset + size)} of the arena. */
public record Placement(int id, long offset, long size) {
    /** The first byte after this placement. */
    public long end() {
        return offset + size;
    }
}
