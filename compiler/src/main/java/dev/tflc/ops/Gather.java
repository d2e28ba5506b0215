package dev.tflc.ops;

import dev.tflc.ir.IrException;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * GATHER, as TFLM's gather.cc: float32 or int8 params, int32 indices (constant, or a run-time tensor),
 * axis and batch_dims (negative counts from the end of the params' and the indices' dimensions);
 * output shape params[:axis] + indices[batch_dims:] + params[axis + 1:]; each index picks a slice
 * along the axis, copied as it is. Constant indices are checked here; run-time ones on each run
 * (TFLM only asserts them in debug builds): the reference throws, the generated code's call returns
 * an error before it writes anything.
 */
public final class Gather implements OperatorKind {
    @Override
    public String name() {
        return "GATHER";
    }

    @Override
    public Kernel prepare(Node node) {
        Tensor in = DataMovement.expect(node, name(), 2, 2, 1, StridedCopy.MAX_RANK, TensorType.FLOAT32,
                TensorType.INT8);
        Tensor coords = node.input(1);
        node.expectType(coords, TensorType.INT32);
        int rank = in.shape().rank();
        int coordsRank = coords.shape().rank();
        int declaredAxis = node.options().getInt("axis", 0);
        int axis = declaredAxis < 0 ? declaredAxis + rank : declaredAxis;
        if (axis < 0 || axis >= rank) {
            throw node.error("axis " + declaredAxis + " is outside the input's rank " + rank);
        }
        int declaredBatch = node.options().getInt("batchDims", 0);
        int batchDims = declaredBatch < 0 ? declaredBatch + coordsRank : declaredBatch;
        if (batchDims < 0 || batchDims > axis || batchDims > coordsRank) {
            throw node.error("batch_dims " + declaredBatch + " must be 0 to axis " + axis + " and to the indices' rank "
                    + coordsRank);
        }
        int[] dims = in.shape().dims();
        int batch = 1;
        for (int d = 0; d < batchDims; d++) {
            if (dims[d] != coords.shape().dim(d)) {
                throw node.error(coords, "has shape " + coords.shape() + "; its first batch_dims " + batchDims
                        + " dimensions must be the input's " + in.shape());
            }
            batch *= dims[d];
        }
        int outer = 1;
        for (int d = batchDims; d < axis; d++) {
            outer *= dims[d];
        }
        int inner = 1;
        for (int d = axis + 1; d < rank; d++) {
            inner *= dims[d];
        }
        int count = 1;
        List<Integer> outDims = new ArrayList<>();
        for (int d = 0; d < axis; d++) {
            outDims.add(dims[d]);
        }
        for (int d = batchDims; d < coordsRank; d++) {
            outDims.add(coords.shape().dim(d));
            count *= coords.shape().dim(d);
        }
        for (int d = axis + 1; d < rank; d++) {
            outDims.add(dims[d]);
        }
        node.expectShape(node.output(0), Shape.of(outDims.stream().mapToInt(Integer::intValue).toArray()));
        Copy copy = new Copy(batch, outer, dims[axis], count, inner);
        if (coords.isConstant()) {
            String problem = copy.outside(TensorData.of(coords).ints());
            if (problem != null) {
                throw node.error(coords, problem);
            }
        }
        return copy;
    }

    /**
     * The gather: for each of {@code batch} x {@code outer} slices of the input, {@code coords} runs of
     * {@code inner} elements, run c the one at index {@code indices[b * coords + c]} (of
     * {@code axisSize}) along the axis.
     */
    public record Copy(int batch, int outer, int axisSize, int coords, int inner) implements Kernel {
        /** Why {@code indices} cannot be gathered (one is outside the axis), or null. */
        String outside(int[] indices) {
            for (int i : indices) {
                if (i < 0 || i >= axisSize) {
                    return "GATHER index " + i + " is outside the axis's " + axisSize + " elements";
                }
            }
            return null;
        }

        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] indices = inputs[1].ints();
            String problem = outside(indices);
            if (problem != null) {
                throw new IrException(problem);
            }
            int[] source = new int[batch * outer * coords * inner];
            int o = 0;
            for (int b = 0; b < batch; b++) {
                for (int r = 0; r < outer; r++) {
                    for (int c = 0; c < coords; c++) {
                        int from = ((b * outer + r) * axisSize + indices[b * coords + c]) * inner;
                        for (int i = 0; i < inner; i++) {
                            source[o++] = from + i;
                        }
                    }
                }
            }
            StridedCopy.gather(inputs[0], outputs[0], source, 0);
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
