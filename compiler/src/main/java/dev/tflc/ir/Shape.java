package dev.tflc.ir;

import java.util.Arrays;

/**
 * An immutable tensor shape. Every dimension is at least 0, and the element count fits in an int. A
 * dimension of 0 makes a tensor with no elements, which TensorFlow Lite allows (the intermediates of
 * quantized LSTM operators have shape [0]); compiling refuses operators on such tensors.
 */
public final class Shape {
    /** Largest element count a tensor may have: keeps every byte offset within 32 bits on target. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE / 8;

    private final int[] dims;
    private final int elements;

    private Shape(int[] dims) {
        this.dims = dims;
        for (int d : dims) {
            if (d < 0) {
                throw new IrException("dimension " + d + " in shape " + Arrays.toString(dims) + " is negative");
            }
        }
        // With a dimension of 0 there are no elements, however large the others.
        long count = Arrays.stream(dims).anyMatch(d -> d == 0) ? 0 : 1;
        for (int i = 0; i < dims.length && count > 0; i++) {
            count *= dims[i];
            if (count > MAX_ELEMENTS) {
                throw new IrException("shape " + Arrays.toString(dims) + " has more than " + MAX_ELEMENTS
                        + " elements");
            }
        }
        this.elements = (int) count;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int i) {
        return dims[i];
    }

    /** Dimension counted from the end: {@code fromEnd(1)} is the last one. */
    public int fromEnd(int i) {
        return dims[dims.length - i];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** The element count: the product of the dimensions, 1 for a scalar, 0 when a dimension is 0. */
    public int elements() {
        return elements;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Written as {@code 1x49x10x1}; a scalar is {@code scalar}. */
    @Override
    public String toString() {
        if (dims.length == 0) {
            return "scalar";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return sb.toString();
    }
}
