package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * SQUEEZE, as TFLM's squeeze.cc: drops the dimensions of size 1 that squeeze_dims names (negative
 * counts from the end), or every one when it names none. A re-view: the output is the input's bytes.
 */
public final class Squeeze implements OperatorKind {
    /** TFLM's max_squeeze_dims. */
    public static final int MAX_RANK = 8;

    @Override
    public String name() {
        return "SQUEEZE";
    }

    @Override
    public Kernel prepare(Node node) {
        Tensor in = DataMovement.expect(node, name(), 1, 1, 0, MAX_RANK, DataMovement.ANY_TYPE);
        Tensor out = node.output(0);
        int rank = in.shape().rank();
        int[] named = node.options().getInts("squeezeDims");
        boolean[] squeeze = new boolean[rank];
        if (named == null || named.length == 0) {
            for (int d = 0; d < rank; d++) {
                squeeze[d] = in.shape().dim(d) == 1;
            }
        } else {
            for (int n : named) {
                int d = n < 0 ? n + rank : n;
                if (d < 0 || d >= rank || in.shape().dim(d) != 1) {
                    throw node.error(in, "squeeze dimension " + n + " is not a dimension of size 1 of " + in.shape());
                }
                squeeze[d] = true;
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (!squeeze[d]) {
                kept.add(in.shape().dim(d));
            }
        }
        node.expectShape(out, Shape.of(kept.stream().mapToInt(Integer::intValue).toArray()));
        return new Reshape.Copy(in.byteSize());
    }
}
