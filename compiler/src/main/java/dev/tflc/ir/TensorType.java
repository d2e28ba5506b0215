package dev.tflc.ir;

/** Element types of tensors, with the schema's numeric code, byte width and C spelling. */
public enum TensorType {
    FLOAT32(0, 4, "float"),
    FLOAT16(1, 2, "uint16_t"),
    INT32(2, 4, "int32_t"),
    UINT8(3, 1, "uint8_t"),
    INT64(4, 8, "int64_t"),
    STRING(5, 0, null),
    BOOL(6, 1, "uint8_t"),
    INT16(7, 2, "int16_t"),
    COMPLEX64(8, 8, null),
    INT8(9, 1, "int8_t"),
    FLOAT64(10, 8, "double"),
    COMPLEX128(11, 16, null),
    UINT64(12, 8, "uint64_t"),
    RESOURCE(13, 0, null),
    VARIANT(14, 0, null),
    UINT32(15, 4, "uint32_t"),
    UINT16(16, 2, "uint16_t"),
    INT4(17, 0, null);

    private final int code;
    private final int bytes;
    private final String cType;

    TensorType(int code, int bytes, String cType) {
        this.code = code;
        this.bytes = bytes;
        this.cType = cType;
    }

    /** The schema's code for this type. */
    public int code() {
        return code;
    }

    /** Bytes per element; 0 for types without a fixed-size element (strings, resources, int4). */
    public int bytes() {
        return bytes;
    }

    /** The C type that stores one element, or null where C has none we support. */
    public String cType() {
        return cType;
    }

    public boolean isInteger() {
        return this == INT8 || this == UINT8 || this == INT16 || this == INT32 || this == INT64
                || this == UINT16 || this == UINT32 || this == UINT64;
    }

    /** Smallest value of an integer type (int64 clamps to long's range). */
    public long min() {
        return switch (this) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            case UINT8, UINT16, UINT32, UINT64, BOOL -> 0;
            default -> throw new IllegalStateException(this + " has no integer range");
        };
    }

    /** Largest value of an integer type. */
    public long max() {
        return switch (this) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case INT64, UINT64 -> Long.MAX_VALUE;
            case UINT8 -> 255;
            case UINT16 -> 65535;
            case UINT32 -> 0xffffffffL;
            case BOOL -> 1;
            default -> throw new IllegalStateException(this + " has no integer range");
        };
    }

    /** The type with schema code {@code code}, or null if the code is unknown. */
    public static TensorType fromCode(int code) {
        for (TensorType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
