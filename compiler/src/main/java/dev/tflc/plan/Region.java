package dev.tflc.plan;

/**
 * The bytes of one tensor inside a planned buffer: {@code size} bytes from {@code at} of buffer
 * {@code buffer}, live from step {@code firstUse} to step {@code lastUse}: one run, or, where
 * {@code rowBytes} is above 0, rows of {@code rowBytes} bytes, {@code rowStride} apart (a part of a
 * concatenation along the channels, its pixels interleaved with the other parts'). Several tensors
 * share one buffer where the graph says they hold the same bytes: a re-view (RESHAPE) and its input,
 * or the parts of a concatenation or split and the whole ({@link Alias}).
 */
public record Region(int id, int buffer, long at, long size, int firstUse, int lastUse, long rowBytes,
        long rowStride) {
    public Region {
        if (rowBytes < 0 || rowBytes > 0 && (rowStride < rowBytes || size % rowBytes != 0)) {
            throw new IllegalArgumentException("rows of " + rowBytes + " bytes " + rowStride + " apart do not make "
                    + size + " bytes");
        }
    }

    /** A region of one run of bytes. */
    public Region(int id, int buffer, long at, long size, int firstUse, int lastUse) {
        this(id, buffer, at, size, firstUse, lastUse, 0, 0);
    }

    /** The bytes from its first to its last: {@code size} for one run, more for rows apart. */
    public long span() {
        return rowBytes == 0 || size == 0 ? size : (size / rowBytes - 1) * rowStride + rowBytes;
    }

    /** Whether this region and {@code other} have a byte in common (both in the same buffer). */
    boolean overlaps(Region other) {
        if (at >= other.at + other.span() || other.at >= at + span()) {
            return false;
        }
        if (rowBytes > 0 && other.rowBytes > 0 && rowStride == other.rowStride) {
            // rows of one stride: apart when their places within a stride are
            long s = rowStride;
            return Math.floorMod(other.at - at, s) < rowBytes || Math.floorMod(at - other.at, s) < other.rowBytes;
        }
        return true;
    }

    /** {@code tensor 7 (bytes [0, 96) of buffer 3, steps 2..5)}, as diagnostics name a region. */
    String describe() {
        return "tensor " + id + " (bytes [" + at + ", " + (at + span()) + ")"
                + (rowBytes > 0 ? " in rows of " + rowBytes + " every " + rowStride : "") + " of buffer " + buffer
                + ", steps " + firstUse + ".." + lastUse + ")";
    }
}
