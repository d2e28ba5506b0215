package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;

/**
 * UNPACK, as TFLM's unpack.cc: the input (rank 1 to 6) cut along its axis (negative counts from the
 * end) into its num slices, each an output without that axis; elements copied as they are. It is
 * SPLIT into parts of one with the axis dropped, so it shares {@link Split.Copy}.
 */
public final class Unpack implements OperatorKind {
    @Override
    public String name() {
        return "UNPACK";
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(1, 1);
        Tensor in = node.input(0);
        node.expectType(in, TensorType.INT8, TensorType.INT16, TensorType.INT32, TensorType.FLOAT32);
        int rank = in.shape().rank();
        if (rank < 1 || rank > Split.MAX_RANK) {
            throw node.error(in, "has rank " + rank + "; UNPACK supports 1 to " + Split.MAX_RANK);
        }
        int declared = node.options().getInt("axis", 0);
        int axis = declared < 0 ? declared + rank : declared;
        if (axis < 0 || axis >= rank) {
            throw node.error("axis " + declared + " is outside the input's rank " + rank);
        }
        int count = node.op().outputs().size();
        int num = node.options().getInt("num", 0);
        if (num != count || count != in.shape().dim(axis)) {
            throw node.error("num is " + num + ", the operator has " + count + " outputs and the input "
                    + in.shape().dim(axis) + " slices along axis " + axis + "; they must be equal");
        }
        if (count > Split.MAX_OUTPUTS) {
            throw node.error("has " + count + " outputs; tflc unpacks into 1 to " + Split.MAX_OUTPUTS);
        }
        int[] sizes = new int[count];
        java.util.Arrays.fill(sizes, 1);
        return Split.Copy.along(node, 0, axis, sizes, true);
    }
}
