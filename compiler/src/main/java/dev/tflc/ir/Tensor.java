package dev.tflc.ir;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a graph. {@code data} is its constant contents (little-endian, as the model stores
 * them) or null for tensors computed at run time; {@code quantization} is null for unquantized
 * tensors. Every type the schema names is accepted, those without a fixed element size (STRING,
 * INT4, RESOURCE, VARIANT) too, whose constant contents are kept as stored; so are tensors with no
 * elements. Compiling refuses operators on either ({@code dev.tflc.ops.Operators#prepare}).
 */
public final class Tensor {
    private final int index;
    private final String name;
    private final TensorType type;
    private final Shape shape;
    private final Quantization quantization;
    private final byte[] data;
    private final boolean variable;

    public Tensor(int index, String name, TensorType type, Shape shape, Quantization quantization, byte[] data,
            boolean variable) {
        this.index = index;
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.quantization = quantization;
        this.data = data == null ? null : data.clone();
        this.variable = variable;
        Location here = new Location(null, -1, -1, null, name);
        try {
            if (data != null && (type.bytes() > 0 || type == TensorType.INT4) && (long) data.length != byteSize()) {
                throw new IrException("constant data has " + data.length + " bytes but shape " + shape + " of "
                        + type + " needs " + byteSize());
            }
            if (quantization != null) {
                quantization.checkFits(type, shape);
            }
            if (variable && data != null) {
                throw new IrException("a variable tensor cannot also be constant");
            }
        } catch (IrException e) {
            throw e.at(here);
        }
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public TensorType type() {
        return type;
    }

    public Shape shape() {
        return shape;
    }

    public Quantization quantization() {
        return quantization;
    }

    public boolean isQuantized() {
        return quantization != null;
    }

    public boolean isConstant() {
        return data != null;
    }

    public boolean isVariable() {
        return variable;
    }

    /**
     * The value every element of a variable tensor holds after a reset, as TFLM's
     * ResetVariableTensors sets it: the zero point for int8, else 0.
     */
    public int resetValue() {
        return type == TensorType.INT8 && quantization != null ? (int) quantization.zeroPoint() : 0;
    }

    /** A copy of the constant contents; null for run-time tensors. */
    public byte[] data() {
        return data == null ? null : data.clone();
    }

    /**
     * Bytes one instance of this tensor occupies: INT4 packs two elements to a byte (the first in the
     * low nibble, an odd count padded); 0 for the other types without a fixed element size.
     */
    public long byteSize() {
        return type == TensorType.INT4 ? ((long) shape.elements() + 1) / 2 : (long) shape.elements() * type.bytes();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && index == t.index && name.equals(t.name) && type == t.type
                && shape.equals(t.shape) && Objects.equals(quantization, t.quantization) && Arrays.equals(data, t.data)
                && variable == t.variable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, name, type, shape, quantization, variable) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "'" + name + "' " + type + " " + shape + (quantization != null ? " (" + quantization + ")" : "")
                + (data != null ? " const" : "") + (variable ? " variable" : "");
    }
}
