package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;

/**
 * EXPAND_DIMS, as TFLM's expand_dims.cc: inserts a dimension of 1 at the constant int32 axis
 * (negative counts from the end of the output). A re-view: the output is the input's bytes.
 */
public final class ExpandDims implements OperatorKind {
    @Override
    public String name() {
        return "EXPAND_DIMS";
    }

    @Override
    public Kernel prepare(Node node) {
        Tensor in = DataMovement.expect(node, name(), 2, 2, 0, Integer.MAX_VALUE, DataMovement.ANY_TYPE);
        Tensor out = node.output(0);
        int[] axes = DataMovement.indices(node, 1, "axis");
        if (axes.length != 1 || node.input(1).shape().rank() > 1) {
            throw node.error(node.input(1), "axis has shape " + node.input(1).shape() + ", expected one value");
        }
        int rank = in.shape().rank();
        int axis = axes[0] < 0 ? axes[0] + rank + 1 : axes[0];
        if (axis < 0 || axis > rank) {
            throw node.error(node.input(1), "axis " + axes[0] + " is outside 0.." + rank);
        }
        int[] dims = new int[rank + 1];
        for (int d = 0; d <= rank; d++) {
            dims[d] = d < axis ? in.shape().dim(d) : d == axis ? 1 : in.shape().dim(d - 1);
        }
        node.expectShape(out, Shape.of(dims));
        return new Reshape.Copy(in.byteSize());
    }
}
