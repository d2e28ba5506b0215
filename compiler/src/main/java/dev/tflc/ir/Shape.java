package dev.tflc.ir;

import java.util.Arrays;

/** An immutable tensor shape. Every dimension is at least 1, and the element count fits in an int. */
public final class Shape {
    /** Largest element count a tensor may have: keeps every byte offset within 32 bits on target. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE / 8;

    private final int[] dims;
    private final int elements;

    private Shape(int[] dims) {
        this.dims = dims;
        long count = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IrException("dimension " + d + " in shape " + Arrays.toString(dims) + " is not positive");
            }
            count *= d;
            if (count > MAX_ELEMENTS) {
                throw new IrException("shape " + Arrays.toString(dims) + " has more than " + MAX_ELEMENTS + " elements");
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
