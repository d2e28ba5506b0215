package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * STRIDED_SLICE with constant int32 begin, end and strides, as TFLM's strided_slice.cc: the indices
 * padded to 5 dimensions (StridedSlicePadIndices), each axis resolved by StridedSliceStartForAxis and
 * StridedSliceEndForAxis (negative indices count from the end, clamping, begin_mask and end_mask take
 * the whole axis, a shrink_axis_mask axis keeps one element and disappears from the output), then
 * every index from start while before stop, stepping by the stride. TFLM ignores ellipsis_mask and
 * new_axis_mask; tflc refuses a model that sets them rather than guess.
 */
public final class StridedSlice implements OperatorKind {
    public static final int MAX_RANK = 5;

    @Override
    public String name() {
        return "STRIDED_SLICE";
    }

    @Override
    public Kernel prepare(Node node) {
        Tensor in = DataMovement.expect(node, name(), 4, 4, 1, MAX_RANK, DataMovement.ANY_TYPE);
        Tensor out = node.output(0);
        int rank = in.shape().rank();
        for (String mask : List.of("ellipsisMask", "newAxisMask")) {
            if (node.options().getInt(mask, 0) != 0) {
                throw node.error(mask + " is set; TFLM does not implement it");
            }
        }
        if (node.options().getBoolean("offset", false)) {
            throw node.error("offset is set; TFLM does not implement it");
        }
        int pad = MAX_RANK - rank;
        int[] begin = StridedCopy.extend(DataMovement.vector(node, 1, "begin", rank), MAX_RANK, 0);
        int[] end = StridedCopy.extend(DataMovement.vector(node, 2, "end", rank), MAX_RANK, 1);
        int[] stride = StridedCopy.extend(DataMovement.vector(node, 3, "strides", rank), MAX_RANK, 1);
        int padded = (1 << pad) - 1;
        int beginMask = node.options().getInt("beginMask", 0) << pad | padded;
        int endMask = node.options().getInt("endMask", 0) << pad | padded;
        int shrinkMask = node.options().getInt("shrinkAxisMask", 0) << pad;
        int[] dims = StridedCopy.extend(in.shape().dims(), MAX_RANK, 1);
        int[] inStrides = DataMovement.strides(dims);
        int[] counts = new int[MAX_RANK];
        int[] steps = new int[MAX_RANK];
        int offset = 0;
        List<Integer> outDims = new ArrayList<>();
        for (int axis = 0; axis < MAX_RANK; axis++) {
            if (stride[axis] == 0) {
                throw node.error(node.input(3), "stride of dimension " + (axis - pad) + " is 0");
            }
            boolean shrink = (shrinkMask >> axis & 1) != 0;
            int start = start(dims[axis], begin[axis], stride[axis], (beginMask >> axis & 1) != 0);
            int stop = shrink ? (start >= dims[axis] ? start : start + 1)
                    : stop(dims[axis], end[axis], stride[axis], (endMask >> axis & 1) != 0);
            counts[axis] = count(start, stop, stride[axis]);
            if (counts[axis] == 0) {
                throw node.error(out, "dimension " + (axis - pad) + " selects no element (start " + start + ", stop "
                        + stop + ", stride " + stride[axis] + ")");
            }
            steps[axis] = stride[axis] * inStrides[axis];
            offset += start * inStrides[axis];
            if (axis >= pad && !shrink) {
                outDims.add(counts[axis]);
            }
        }
        node.expectShape(out, Shape.of(outDims.stream().mapToInt(Integer::intValue).toArray()));
        return StridedCopy.of(counts, steps, offset);
    }

    /** StridedSliceStartForAxis. */
    private static int start(int size, int begin, int stride, boolean masked) {
        int start = begin < 0 ? begin + size : begin;
        start = stride > 0 ? clamp(start, 0, size) : clamp(start, -1, size - 1);
        return masked ? (stride > 0 ? 0 : size - 1) : start;
    }

    /** StridedSliceEndForAxis for an axis that is not shrunk (offset unset). */
    private static int stop(int size, int end, int stride, boolean masked) {
        int stop = end < 0 ? end + size : end;
        stop = stride > 0 ? clamp(stop, 0, size) : clamp(stop, -1, size - 1);
        return masked ? (stride > 0 ? size : -1) : stop;
    }

    /** Iterations of {@code for (i = start; stride > 0 ? i < stop : i > stop; i += stride)}. */
    private static int count(int start, int stop, int stride) {
        long distance = stride > 0 ? (long) stop - start : (long) start - stop;
        long step = Math.abs((long) stride);
        return distance <= 0 ? 0 : (int) ((distance + step - 1) / step);
    }

    private static int clamp(int v, int lo, int hi) {
        return hi < v ? hi : v < lo ? lo : v;
    }
}
