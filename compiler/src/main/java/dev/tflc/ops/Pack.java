package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;

/**
 * PACK, as TFLM's pack.cc: values_count inputs of one shape (rank up to 5) stacked along a new axis of
 * the output (negative counts from the end of the output's dimensions); elements copied as they are
 * (TFLM compares no quantization). It is a CONCATENATION along that axis, so it shares
 * {@link Concatenation.Copy}.
 */
public final class Pack implements OperatorKind {
    @Override
    public String name() {
        return "PACK";
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(1, Concatenation.MAX_INPUTS);
        node.expectOutputs(1);
        Tensor first = node.input(0);
        node.expectType(first, TensorType.INT8, TensorType.INT16, TensorType.INT32, TensorType.FLOAT32);
        int count = node.inputCount();
        if (node.options().getInt("valuesCount", count) != count) {
            throw node.error("values_count is " + node.options().getInt("valuesCount", count)
                    + " but the operator has " + count + " inputs");
        }
        int rank = first.shape().rank() + 1;
        if (rank > Concatenation.MAX_RANK) {
            throw node.error(first, "has rank " + (rank - 1) + "; PACK supports up to " + (Concatenation.MAX_RANK - 1));
        }
        int declared = node.options().getInt("axis", 0);
        int axis = declared < 0 ? declared + rank : declared;
        if (axis < 0 || axis >= rank) {
            throw node.error("axis " + declared + " is outside the output's rank " + rank);
        }
        for (int i = 0; i < count; i++) {
            node.expectType(node.input(i), first.type());
            node.expectShape(node.input(i), first.shape());
        }
        int[] in = first.shape().dims();
        int[] outDims = new int[rank];
        int outer = 1;
        int inner = 1;
        for (int d = 0, i = 0; d < rank; d++) {
            if (d == axis) {
                outDims[d] = count;
                continue;
            }
            outDims[d] = in[i++];
            if (d < axis) {
                outer *= outDims[d];
            } else {
                inner *= outDims[d];
            }
        }
        node.expectType(node.output(0), first.type());
        node.expectShape(node.output(0), Shape.of(outDims));
        int[] chunks = new int[count];
        java.util.Arrays.fill(chunks, inner);
        return new Concatenation.Copy(outer, chunks);
    }
}
