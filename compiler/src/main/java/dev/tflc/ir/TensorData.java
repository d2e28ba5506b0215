package dev.tflc.ir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The contents of one tensor while a graph runs in the reference interpreter: integer types held as
 * ints (one per element, already within the type's range), int64 as longs, float32 as floats.
 * Mutable on purpose: operators write their outputs into it.
 */
public final class TensorData {
    private final TensorType type;
    private final Shape shape;
    private final int[] ints;
    private final float[] floats;
    private final long[] longs;

    private TensorData(TensorType type, Shape shape) {
        this.type = type;
        this.shape = shape;
        longs = type == TensorType.INT64 ? new long[shape.elements()] : null;
        if (type == TensorType.FLOAT32) {
            ints = null;
            floats = new float[shape.elements()];
        } else if (type == TensorType.INT64) {
            ints = null;
            floats = null;
        } else if (holds(type)) {
            ints = new int[shape.elements()];
            floats = null;
        } else {
            throw new IrException("the reference interpreter does not hold " + type + " tensors");
        }
    }

    /** True when the reference interpreter holds tensors of {@code type}. */
    public static boolean holds(TensorType type) {
        return switch (type) {
            case FLOAT32, INT64, INT8, UINT8, INT16, INT32, BOOL, INT4 -> true;
            default -> false;
        };
    }

    /** A zero-filled tensor of this type and shape. */
    public static TensorData zeros(TensorType type, Shape shape) {
        return new TensorData(type, shape);
    }

    /** The constant contents of {@code t}, or zeros for a run-time tensor. */
    public static TensorData of(Tensor t) {
        return t.isConstant() ? fromBytes(t.type(), t.shape(), t.data()) : zeros(t.type(), t.shape());
    }

    /** Decodes little-endian raw bytes, as models and the {@code --main} runner store them. */
    public static TensorData fromBytes(TensorType type, Shape shape, byte[] bytes) {
        TensorData d = new TensorData(type, shape);
        if (type == TensorType.INT4) {
            return unpackInt4(d, bytes);
        }
        long need = (long) shape.elements() * type.bytes();
        if (bytes.length != need) {
            throw new IrException("expected " + need + " bytes for " + type + " " + shape + ", got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < shape.elements(); i++) {
            switch (type) {
                case FLOAT32 -> d.floats[i] = b.getFloat();
                case INT8 -> d.ints[i] = b.get();
                case UINT8, BOOL -> d.ints[i] = b.get() & 0xff;
                case INT16 -> d.ints[i] = b.getShort();
                case INT32 -> d.ints[i] = b.getInt();
                case INT64 -> d.longs[i] = b.getLong();
                default -> throw new IllegalStateException(type.toString());
            }
        }
        return d;
    }

    /**
     * INT4 as TensorFlow Lite packs it: two elements to a byte, the first in the low nibble, each
     * sign-extended from 4 bits; an odd count leaves the last byte's high nibble unused.
     */
    private static TensorData unpackInt4(TensorData d, byte[] bytes) {
        int n = d.shape.elements();
        if (bytes.length != (n + 1) / 2) {
            throw new IrException("expected " + (n + 1) / 2 + " bytes for " + n + " packed INT4 elements, got "
                    + bytes.length);
        }
        for (int i = 0; i < n; i++) {
            int b = bytes[i / 2];
            d.ints[i] = i % 2 == 0 ? (byte) (b << 4) >> 4 : (byte) b >> 4;
        }
        return d;
    }

    /** Encodes as little-endian raw bytes (INT4 packed two to a byte, as it is read). */
    public byte[] toBytes() {
        if (type == TensorType.INT4) {
            byte[] packed = new byte[(ints.length + 1) / 2];
            for (int i = 0; i < ints.length; i++) {
                packed[i / 2] |= (byte) (i % 2 == 0 ? ints[i] & 0x0f : (ints[i] & 0x0f) << 4);
            }
            return packed;
        }
        ByteBuffer b = ByteBuffer.allocate(shape.elements() * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < shape.elements(); i++) {
            switch (type) {
                case FLOAT32 -> b.putFloat(floats[i]);
                case INT8, UINT8, BOOL -> b.put((byte) ints[i]);
                case INT16 -> b.putShort((short) ints[i]);
                case INT32 -> b.putInt(ints[i]);
                case INT64 -> b.putLong(longs[i]);
                default -> throw new IllegalStateException(type.toString());
            }
        }
        return b.array();
    }

    public TensorType type() {
        return type;
    }

    public Shape shape() {
        return shape;
    }

    /** The elements of an integer tensor; writes go straight to the tensor. */
    public int[] ints() {
        if (ints == null) {
            throw new IllegalStateException(type + " tensor has no integer elements");
        }
        return ints;
    }

    /** The elements of an int64 tensor (constant biases of 16x8 operators); writes go straight to the tensor. */
    public long[] longs() {
        if (longs == null) {
            throw new IllegalStateException(type + " tensor has no int64 elements");
        }
        return longs;
    }

    /** The elements of a float32 tensor; writes go straight to the tensor. */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException(type + " tensor has no float elements");
        }
        return floats;
    }

    /** Copies all elements of {@code other} (same type and element count) into this tensor. */
    public void copyFrom(TensorData other) {
        if (floats != null) {
            System.arraycopy(other.floats(), 0, floats, 0, floats.length);
        } else if (longs != null) {
            System.arraycopy(other.longs(), 0, longs, 0, longs.length);
        } else {
            System.arraycopy(other.ints(), 0, ints, 0, ints.length);
        }
    }
}
