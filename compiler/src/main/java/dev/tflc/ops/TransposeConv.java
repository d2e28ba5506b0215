package dev.tflc.ops;

import dev.tflc.ir.IrException;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * TRANSPOSE_CONV: inputs output_shape (int32 [4]), weights [out_c, H, W, in_c], input NHWC, optional
 * bias. The output has the shape the model states for the output tensor; when output_shape is a
 * run-time tensor, each run checks that it holds that shape (the reference throws, generated code's
 * invoke returns an error).
 *
 * <p>TFLM computes it by scattering each input element over the outputs it touches into a zeroed
 * accumulator buffer. Here each output element gathers its contributions instead, from input rows
 * and columns in ascending order then input channels: for one output element that is the order in
 * which the scatter adds them, so float sums round the same way, and integer sums (which wrap or do
 * not overflow) are equal in any order. No accumulator buffer is needed.
 */
public final class TransposeConv implements OperatorKind {
    @Override
    public String name() {
        return "TRANSPOSE_CONV";
    }

    /**
     * Sizes, strides and the padding before the first output row and column. Input element (iy, ix)
     * and tap (fy, fx) reach output (iy * strideH - padH + fy, ix * strideW - padW + fx).
     */
    public record Geometry(int batches, int inH, int inW, int inC, int filterH, int filterW, int outH, int outW,
            int outC, int strideH, int strideW, int padH, int padW) {
        long macs() {
            return (long) batches * inH * inW * inC * filterH * filterW * outC;
        }

        int[] outputShape() {
            return new int[] {batches, outH, outW, outC};
        }
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(3, 4);
        node.expectOutputs(1);
        Tensor shape = node.input(0);
        Tensor filter = node.input(1);
        Tensor input = node.input(2);
        Tensor bias = node.optionalInput(3);
        Tensor output = node.output(0);
        node.expectType(shape, TensorType.INT32);
        if (!shape.shape().equals(Shape.of(4))) {
            throw node.error(shape, "output shape operand has shape " + shape.shape() + ", expected [4]");
        }
        node.expectRank(input, 4);
        node.expectRank(filter, 4);
        node.expectRank(output, 4);
        if (!filter.isConstant()) {
            throw node.error(filter, "filter must be constant");
        }
        int strideH = node.options().getInt("strideH", 1);
        int strideW = node.options().getInt("strideW", 1);
        if (strideH < 1 || strideW < 1 || strideH > 1 << 16 || strideW > 1 << 16) {
            throw node.error("stride " + strideH + "x" + strideW + " is not positive");
        }
        int batches = input.shape().dim(0);
        int inC = input.shape().dim(3);
        int outC = filter.shape().dim(0);
        if (filter.shape().dim(3) != inC) {
            throw node.error(filter, "filter depth " + filter.shape().dim(3) + " differs from input depth " + inC);
        }
        if (output.shape().dim(0) != batches || output.shape().dim(3) != outC) {
            throw node.error(output, "has shape " + output.shape() + " but the operator computes " + batches
                    + " batches of " + outC + " channels");
        }
        int filterH = filter.shape().dim(1);
        int filterW = filter.shape().dim(2);
        int outH = output.shape().dim(1);
        int outW = output.shape().dim(2);
        // TFLM pads as a convolution over the output with this filter would (ComputePaddingHeightWidth).
        Padding padding = Padding.of(node);
        int padH = Padding.before(strideH, 1, outH, filterH, padding.outSize(outH, filterH, strideH, 1));
        int padW = Padding.before(strideW, 1, outW, filterW, padding.outSize(outW, filterW, strideW, 1));
        Geometry g = new Geometry(batches, input.shape().dim(1), input.shape().dim(2), inC, filterH, filterW, outH,
                outW, outC, strideH, strideW, padH, padW);
        if (shape.isConstant() && !java.util.Arrays.equals(TensorData.of(shape).ints(), g.outputShape())) {
            throw node.error(shape, "output shape " + java.util.Arrays.toString(TensorData.of(shape).ints())
                    + " differs from the output tensor's " + output.shape());
        }
        Activation act = Activation.of(node);
        if (input.type() == TensorType.FLOAT32) {
            Weights.expectFloat(node, filter, bias, output, outC);
            return new Float32(g, Weights.floats(filter), Weights.floatBias(bias, outC), act.floatRange());
        }
        if (input.type() == TensorType.INT16) {
            Weights.Requant16 q = Weights.int16(node, input, filter, bias, output, outC, 0, false, TensorType.INT16,
                    TensorType.INT64);
            return new Int16(g, q, Weights.ints(filter), act.quantizedRange(output));
        }
        Weights.PerChannel q = Weights.int8(node, input, filter, bias, output, outC, 0);
        return new Int8(g, q, Weights.ints(filter), Weights.intBias(bias, outC), act.quantizedRange(output));
    }

    /** Refuses a run whose output_shape operand is not the shape the model states. */
    static void checkOutputShape(Geometry g, TensorData shape) {
        if (!java.util.Arrays.equals(shape.ints(), g.outputShape())) {
            throw new IrException("TRANSPOSE_CONV output shape " + java.util.Arrays.toString(shape.ints())
                    + " differs from the model's " + java.util.Arrays.toString(g.outputShape()));
        }
    }

    /**
     * The first and last input position (row or column) reaching output position {@code o}: those i
     * in [0, in) with 0 <= o + pad - i * stride < filter (the tap is then o + pad - i * stride).
     */
    static int[] firstAndLast(int o, int pad, int stride, int filter, int in) {
        int hi = Math.floorDiv(o + pad, stride);
        int lo = Math.floorDiv(o + pad - filter, stride) + 1;
        return new int[] {Math.max(lo, 0), Math.min(hi, in - 1)};
    }

    /** Exact integer sum of (input + inputOffset) * filter over the contributions to output (b, oy, ox, oc). */
    static long dot(Geometry g, int[] in, int[] filter, int inputOffset, int b, int oy, int ox, int oc) {
        int[] ys = firstAndLast(oy, g.padH(), g.strideH(), g.filterH(), g.inH());
        int[] xs = firstAndLast(ox, g.padW(), g.strideW(), g.filterW(), g.inW());
        long acc = 0;
        for (int iy = ys[0]; iy <= ys[1]; iy++) {
            int fy = oy + g.padH() - iy * g.strideH();
            for (int ix = xs[0]; ix <= xs[1]; ix++) {
                int fx = ox + g.padW() - ix * g.strideW();
                int inBase = ((b * g.inH() + iy) * g.inW() + ix) * g.inC();
                int fBase = ((oc * g.filterH() + fy) * g.filterW() + fx) * g.inC();
                for (int ic = 0; ic < g.inC(); ic++) {
                    acc += (in[inBase + ic] + inputOffset) * filter[fBase + ic];
                }
            }
        }
        return acc;
    }

    /** int8, as TFLM's reference integer TransposeConv: int32 accumulator, per-channel requantization. */
    public record Int8(Geometry geometry, Weights.PerChannel quant, int[] filter, int[] bias, int[] range)
            implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            checkOutputShape(geometry, inputs[0]);
            int[] in = inputs[2].ints();
            Geometry g = geometry;
            Weights.fill(outputs[0].ints(), g.batches(), g.outH(), g.outW(), g.outC(), (b, oy, ox, oc) ->
                    quant.requantize(dot(g, in, filter, quant.inputOffset(), b, oy, ox, oc), bias, oc, range));
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }

    /** 16x8, as TFLM's 16-bit TransposeConv: int64 accumulator and multiply; an int16 bias widened. */
    public record Int16(Geometry geometry, Weights.Requant16 quant, int[] filter, int[] range) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            checkOutputShape(geometry, inputs[0]);
            int[] in = inputs[2].ints();
            Geometry g = geometry;
            Weights.fill(outputs[0].ints(), g.batches(), g.outH(), g.outW(), g.outC(), (b, oy, ox, oc) ->
                    quant.requantize(dot(g, in, filter, 0, b, oy, ox, oc), oc, range));
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }

    /** float32, as TFLM's reference TransposeConv: products added in scatter order, then the bias, then the clamp. */
    public record Float32(Geometry geometry, float[] filter, float[] bias, float[] range) implements Kernel {
        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            checkOutputShape(geometry, inputs[0]);
            float[] in = inputs[2].floats();
            float[] out = outputs[0].floats();
            Geometry g = geometry;
            int o = 0;
            for (int b = 0; b < g.batches(); b++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    int[] ys = firstAndLast(oy, g.padH(), g.strideH(), g.filterH(), g.inH());
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int[] xs = firstAndLast(ox, g.padW(), g.strideW(), g.filterW(), g.inW());
                        for (int oc = 0; oc < g.outC(); oc++) {
                            float total = 0f;
                            for (int iy = ys[0]; iy <= ys[1]; iy++) {
                                int fy = oy + g.padH() - iy * g.strideH();
                                for (int ix = xs[0]; ix <= xs[1]; ix++) {
                                    int fx = ox + g.padW() - ix * g.strideW();
                                    int inBase = ((b * g.inH() + iy) * g.inW() + ix) * g.inC();
                                    int fBase = ((oc * g.filterH() + fy) * g.filterW() + fx) * g.inC();
                                    for (int ic = 0; ic < g.inC(); ic++) {
                                        total += in[inBase + ic] * filter[fBase + ic];
                                    }
                                }
                            }
                            if (bias != null) {
                                total += bias[oc];
                            }
                            out[o++] = Activation.clamp(total, range);
                        }
                    }
                }
            }
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }
}
