package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * PAD and PADV2 with a constant value, as TFLM's pad.cc (one Prepare and Eval for both): up to 5
 * dimensions, constant int32 paddings [rank, 2] (before, after), and the value: PADV2's scalar third
 * input when present (int8: quantized as the output), else 0, or for int8 the output's zero point.
 * The elements are copied as they are, whatever the quantization (TFLM compares none of it).
 */
public final class Pad implements OperatorKind {
    /** PadKernelMaxDimensionCount. */
    public static final int MAX_RANK = 5;

    private final String name;

    private Pad(String name) {
        this.name = name;
    }

    public static Pad pad() {
        return new Pad("PAD");
    }

    public static Pad padV2() {
        return new Pad("PADV2");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kernel prepare(Node node) {
        Tensor in = DataMovement.expect(node, name, 2, 3, 0, MAX_RANK, DataMovement.ANY_TYPE);
        Tensor out = node.output(0);
        int rank = in.shape().rank();
        int[] pads = DataMovement.indices(node, 1, "paddings");
        if (node.input(1).shape().rank() != 2 || pads.length != 2 * rank) {
            throw node.error(node.input(1), "paddings have shape " + node.input(1).shape() + ", expected " + rank
                    + "x2");
        }
        int[] outDims = new int[rank];
        int[] before = new int[rank];
        for (int d = 0; d < rank; d++) {
            if (pads[2 * d] < 0 || pads[2 * d + 1] < 0) {
                throw node.error(node.input(1), "padding " + pads[2 * d] + ", " + pads[2 * d + 1] + " of dimension "
                        + d + " is negative");
            }
            before[d] = pads[2 * d];
            long size = (long) in.shape().dim(d) + pads[2 * d] + pads[2 * d + 1];
            if (size > Integer.MAX_VALUE) {
                throw node.error(node.input(1), "padding of dimension " + d + " makes it " + size + " long");
            }
            outDims[d] = (int) size;
        }
        node.expectShape(out, Shape.of(outDims));
        return new Constant(StridedCopy.extend(in.shape().dims(), MAX_RANK, 1), StridedCopy.extend(before, MAX_RANK, 0),
                StridedCopy.extend(outDims, MAX_RANK, 1), value(node, out));
    }

    /** The padding value's bits: an integer's value, or a float's raw bits. */
    private static int value(Node node, Tensor out) {
        Tensor c = node.optionalInput(2);
        if (c == null) { // TFLM: the output's zero point, 0 when it has no quantization
            return out.type() == TensorType.INT8 && out.isQuantized() ? (int) out.quantization().zeroPoint() : 0;
        }
        node.expectType(c, out.type());
        if (!c.isConstant() || c.shape().elements() != 1) {
            throw node.error(c, "the padding value must be a constant with one element");
        }
        if (out.type() == TensorType.INT8 && !(c.isQuantized() && out.isQuantized()
                && c.quantization().scale() == out.quantization().scale()
                && c.quantization().zeroPoint() == out.quantization().zeroPoint())) {
            throw node.error(c, "the int8 padding value must be quantized as the output (" + out.quantization() + ")");
        }
        TensorData d = TensorData.of(c);
        return c.type() == TensorType.FLOAT32 ? Float.floatToRawIntBits(d.floats()[0]) : d.ints()[0];
    }

    /**
     * The padding of a tensor extended to 5 dimensions at the front: {@code inDims}, the padding
     * {@code before} each dimension, the output's dims, and the value's bits.
     */
    public record Constant(int[] inDims, int[] before, int[] outDims, int valueBits) implements Kernel {
        /** For each output element in order, the input element it copies, or -1 for the padding. */
        int[] source() {
            int[] source = new int[Math.multiplyExact(Math.multiplyExact(outDims[0], outDims[1]),
                    Math.multiplyExact(Math.multiplyExact(outDims[2], outDims[3]), outDims[4]))];
            int next = 0;
            int o = 0;
            for (int b = 0; b < outDims[0]; b++) {
                for (int p = 0; p < outDims[1]; p++) {
                    for (int h = 0; h < outDims[2]; h++) {
                        for (int w = 0; w < outDims[3]; w++) {
                            for (int c = 0; c < outDims[4]; c++) {
                                boolean padding = outside(0, b) || outside(1, p) || outside(2, h) || outside(3, w)
                                        || outside(4, c);
                                source[o++] = padding ? -1 : next++;
                            }
                        }
                    }
                }
            }
            return source;
        }

        private boolean outside(int d, int i) {
            return i < before[d] || i >= before[d] + inDims[d];
        }

        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            StridedCopy.gather(inputs[0], outputs[0], source(), valueBits);
        }

        @Override
        public long macs() {
            return 0;
        }
    }
}
