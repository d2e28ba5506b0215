package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * Checks shared by the operators that move elements (PAD, TRANSPOSE, SLICE, STRIDED_SLICE, SQUEEZE,
 * EXPAND_DIMS) or reduce them (MEAN, SUM), and their constant index inputs (paddings, axes,
 * permutation, begin / end / strides / size): TFLM reads these from the flatbuffer at Prepare, so they
 * must be constant int32, and tflc folds them into the layer's parameters.
 */
final class DataMovement {
    /** The element types the byte-moving kernels take (TFLM's kernels take a subset each). */
    static final TensorType[] ANY_TYPE = {TensorType.INT8, TensorType.INT16, TensorType.INT32, TensorType.FLOAT32};

    private DataMovement() {
    }

    /**
     * Checks {@code minInputs..maxInputs} inputs and one output, input 0 of one of {@code types} and
     * of rank {@code minRank..maxRank} ({@code name} names the operator), the output of its type;
     * returns input 0.
     */
    static Tensor expect(Node node, String name, int minInputs, int maxInputs, int minRank, int maxRank,
            TensorType... types) {
        node.expectInputs(minInputs, maxInputs);
        node.expectOutputs(1);
        Tensor in = node.input(0);
        node.expectType(in, types);
        node.expectType(node.output(0), in.type());
        int rank = in.shape().rank();
        if (rank < minRank || rank > maxRank) {
            throw node.error(in, "has rank " + rank + "; " + name + " supports " + minRank + " to " + maxRank);
        }
        return in;
    }

    /** The values of input {@code index} ({@code role} names it in errors), an int32 constant. */
    static int[] indices(Node node, int index, String role) {
        Tensor t = node.input(index);
        if (t.type() != TensorType.INT32) {
            throw node.error(t, role + " has type " + t.type() + ", expected INT32");
        }
        if (!t.isConstant()) {
            throw node.error(t, role + " must be constant (TFLM reads it when it prepares the operator)");
        }
        return TensorData.of(t).ints();
    }

    /** {@link #indices} for a vector of exactly {@code count} values. */
    static int[] vector(Node node, int index, String role, int count) {
        int[] v = indices(node, index, role);
        Tensor t = node.input(index);
        if (t.shape().rank() != 1 || v.length != count) {
            throw node.error(t, role + " has shape " + t.shape() + ", expected " + count + " values in one dimension");
        }
        return v;
    }

    /** Row-major element strides of {@code dims}. */
    static int[] strides(int[] dims) {
        int[] s = new int[dims.length];
        int step = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            s[d] = step;
            step *= dims[d];
        }
        return s;
    }
}
