package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * MEAN and SUM over the axes of a constant int32 axis input (negative counts from the end,
 * duplicates ignored), keep_dims or not, as TFLM's reduce.cc. Float: the sum in the input's order,
 * then for MEAN divided by the element count. int8 (TFLM's QuantizedMeanOrSum): the int32 sum of the
 * raw values, minus the input zero point times the count, scaled by input_scale / output_scale, plus
 * the output zero point, saturated; MEAN folds 1 / count into that multiplier (its special path).
 */
public final class Reduce implements OperatorKind {
    /** Most dimensions the kept and the reduced dimensions each merge into (TFLC_MAX_RANK). */
    public static final int MAX_RANK = 6;

    private final boolean mean;

    private Reduce(boolean mean) {
        this.mean = mean;
    }

    public static Reduce mean() {
        return new Reduce(true);
    }

    public static Reduce sum() {
        return new Reduce(false);
    }

    @Override
    public String name() {
        return mean ? "MEAN" : "SUM";
    }

    @Override
    public Kernel prepare(Node node) {
        Tensor in = DataMovement.expect(node, name(), 2, 2, 0, Integer.MAX_VALUE, TensorType.INT8, TensorType.FLOAT32);
        Tensor out = node.output(0);
        int rank = in.shape().rank();
        boolean[] reduced = new boolean[rank];
        for (int a : DataMovement.indices(node, 1, "axis")) {
            int axis = a < 0 ? a + rank : a;
            if (axis < 0 || axis >= rank) {
                throw node.error(node.input(1), "axis " + a + " is outside the input's rank " + rank);
            }
            reduced[axis] = true;
        }
        boolean keepDims = node.options().getBoolean("keepDims", false);
        List<Integer> outDims = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (!reduced[d] || keepDims) {
                outDims.add(reduced[d] ? 1 : in.shape().dim(d));
            }
        }
        node.expectShape(out, Shape.of(outDims.stream().mapToInt(Integer::intValue).toArray()));
        Reduction r = Reduction.of(in.shape().dims(), reduced);
        if (r == null) {
            throw node.error(in, "shape " + in.shape() + " alternates kept and reduced dimensions more than "
                    + MAX_RANK + " times");
        }
        if (in.type() == TensorType.FLOAT32) {
            return new Float32(r, mean ? r.count() : 1f);
        }
        node.expectPerTensor(in);
        node.expectPerTensor(out);
        FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(
                (double) in.quantization().scale() / (double) out.quantization().scale());
        return new Int8(r, (int) in.quantization().zeroPoint(), mean ? perElement(m, r.count()) : m,
                (int) out.quantization().zeroPoint());
    }

    /**
     * QuantizedMeanOrSum's MEAN rescaling: the multiplier shifted up by floor(log2(count)) (at most 32,
     * and at most 31 + shift), divided by count with truncation, and the shift lowered to match.
     */
    static FixedPoint.Multiplier perElement(FixedPoint.Multiplier m, int count) {
        int shift = 63 - Long.numberOfLeadingZeros(count);
        shift = Math.min(shift, 32);
        shift = Math.min(shift, 31 + m.shift());
        return new FixedPoint.Multiplier((int) (((long) m.multiplier() << shift) / count), m.shift() - shift);
    }

    /**
     * Which input elements each output element reduces: the outputs walk the kept dimensions
     * ({@code outerDims}, with their input strides) in order, and each sums the reduced dimensions'
     * elements ({@code innerDims}) in the input's order. Dimensions of 1 are dropped and neighbours
     * of the same kind merged.
     */
    public record Reduction(int[] outerDims, int[] outerStrides, int[] innerDims, int[] innerStrides) {
        /** The reduction of {@code dims} over the {@code reduced} ones; null if it needs more dims than C holds. */
        static Reduction of(int[] dims, boolean[] reduced) {
            int[] strides = DataMovement.strides(dims);
            List<int[]> outer = new ArrayList<>();
            List<int[]> inner = new ArrayList<>();
            List<int[]> previous = null;
            for (int d = 0; d < dims.length; d++) {
                if (dims[d] == 1) {
                    continue;
                }
                List<int[]> kind = reduced[d] ? inner : outer;
                if (kind == previous) {
                    int[] last = kind.get(kind.size() - 1);
                    last[0] *= dims[d];
                    last[1] = strides[d];
                } else {
                    kind.add(new int[] {dims[d], strides[d]});
                }
                previous = kind;
            }
            for (List<int[]> kind : List.of(outer, inner)) {
                if (kind.isEmpty()) {
                    kind.add(new int[] {1, 1});
                }
            }
            if (outer.size() > MAX_RANK || inner.size() > MAX_RANK) {
                return null;
            }
            return new Reduction(column(outer, 0), column(outer, 1), column(inner, 0), column(inner, 1));
        }

        private static int[] column(List<int[]> rows, int c) {
            return rows.stream().mapToInt(r -> r[c]).toArray();
        }

        /** Elements each output element reduces. */
        public int count() {
            return new StridedCopy(innerDims, innerStrides, 0).size();
        }

        /** The first input element of each output element, in output order. */
        int[] bases() {
            return new StridedCopy(outerDims, outerStrides, 0).source();
        }

        /** Offsets from the base of the elements each output reduces, in the order they are summed. */
        int[] offsets() {
            return new StridedCopy(innerDims, innerStrides, 0).source();
        }
    }

    /**
     * int8: per output, the wrapping int32 sum of the raw inputs, minus {@code inputZeroPoint} times
     * the count (wrapped to int32), times {@code multiplier}, plus {@code outputZeroPoint}, saturated.
     */
    public record Int8(Reduction reduction, int inputZeroPoint, FixedPoint.Multiplier multiplier,
            int outputZeroPoint) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            int[] in = inputs[0].ints();
            int[] out = outputs[0].ints();
            int[] bases = reduction.bases();
            int[] offsets = reduction.offsets();
            for (int o = 0; o < bases.length; o++) {
                int sum = 0;
                for (int k : offsets) {
                    sum += in[bases[o] + k];
                }
                int shifted = (int) ((long) sum - (long) inputZeroPoint * offsets.length);
                int v = FixedPoint.multiplyByQuantizedMultiplier(shifted, multiplier) + outputZeroPoint;
                out[o] = Math.min(Math.max(v, -128), 127);
            }
        }

        @Override
        public long macs() {
            return 0;
        }
    }

    /** float32: per output, the sum of its elements from 0 in the input's order, divided by {@code divisor}. */
    public record Float32(Reduction reduction, float divisor) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            float[] in = inputs[0].floats();
            float[] out = outputs[0].floats();
            int[] bases = reduction.bases();
            int[] offsets = reduction.offsets();
            for (int o = 0; o < bases.length; o++) {
                float sum = 0f;
                for (int k : offsets) {
                    sum += in[bases[o] + k];
                }
                out[o] = sum / divisor;
            }
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
