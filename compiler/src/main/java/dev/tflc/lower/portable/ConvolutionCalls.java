package dev.tflc.lower.portable;

import dev.tflc.lower.CCall;
import dev.tflc.lower.Layer;
import dev.tflc.ops.Conv2D;
import dev.tflc.ops.DepthwiseConv2D;
import dev.tflc.ops.FullyConnected;
import dev.tflc.ops.TransposeConv;
import dev.tflc.ops.Weights;
import dev.tflc.ops.Window;

/**
 * Portable calls of the 16x8 weighted operators (int16 activations, int8 weights) and of
 * TRANSPOSE_CONV. A 16x8 kernel takes its bias as {@code const void *} with its width in bits (0 when
 * absent): the width picks the accumulator, as the bias type does in TFLM.
 */
final class ConvolutionCalls {
    private ConvolutionCalls() {
    }

    static CCall conv2dInt16(Layer l, Conv2D.Int16 c) {
        return CCall.of("tflc_conv2d_s16", PortableKernels.window(c.geometry().window(), c.geometry().inC(),
                c.geometry().outC()), CCall.i(c.geometry().filterC()), requant(c.quant(), c.range()),
                new CCall.Input(0), new CCall.Weights(1), CCall.optionalWeights(2, c.quant().bias()),
                CCall.i(c.quant().biasBits()), new CCall.Output(0));
    }

    static CCall depthwiseInt16(Layer l, DepthwiseConv2D.Int16 d) {
        return CCall.of("tflc_depthwise_conv2d_s16", PortableKernels.window(d.geometry().window(),
                d.geometry().inC(), d.geometry().outC()), requant(d.quant(), d.range()), new CCall.Input(0),
                new CCall.Weights(1), CCall.optionalWeights(2, d.quant().bias()), CCall.i(d.quant().biasBits()),
                new CCall.Output(0));
    }

    static CCall fullyConnectedInt16(Layer l, FullyConnected.Int16 f) {
        return CCall.of("tflc_fully_connected_s16", CCall.i(f.geometry().batches()), CCall.i(f.geometry().depth()),
                CCall.i(f.geometry().units()), requant(f.quant(), f.range()), new CCall.Input(0), new CCall.Weights(1),
                CCall.optionalWeights(2, f.quant().bias()), CCall.i(f.quant().biasBits()), new CCall.Output(0));
    }

    // TRANSPOSE_CONV inputs: 0 output shape, 1 filter, 2 input, 3 bias.

    static CCall transposeInt8(Layer l, TransposeConv.Int8 t) {
        return CCall.checked("tflc_transpose_conv_s8", window(t.geometry()),
                PortableKernels.requant(t.quant(), t.range()), new CCall.Input(0), new CCall.Input(2),
                new CCall.Weights(1), CCall.optionalWeights(3, t.bias()), new CCall.Output(0));
    }

    static CCall transposeInt16(Layer l, TransposeConv.Int16 t) {
        return CCall.checked("tflc_transpose_conv_s16", window(t.geometry()), requant(t.quant(), t.range()),
                new CCall.Input(0), new CCall.Input(2), new CCall.Weights(1), CCall.optionalWeights(3, t.quant().bias()),
                CCall.i(t.quant().biasBits()), new CCall.Output(0));
    }

    static CCall transposeFloat32(Layer l, TransposeConv.Float32 t) {
        return CCall.checked("tflc_transpose_conv_f32", window(t.geometry()), CCall.f(t.range()[0]),
                CCall.f(t.range()[1]), new CCall.Input(0), new CCall.Input(2), new CCall.Weights(1),
                CCall.optionalWeights(3, t.bias()), new CCall.Output(0));
    }

    private static CCall.Struct requant(Weights.Requant16 q, int[] range) {
        return PortableKernels.requant(q.quant(), range);
    }

    /** A transpose convolution's sizes as the window struct: the filter slides over the output, dilation 1. */
    private static CCall.Struct window(TransposeConv.Geometry g) {
        Window w = new Window(g.batches(), g.inH(), g.inW(), g.filterH(), g.filterW(), g.strideH(), g.strideW(), 1,
                1, g.padH(), g.padW(), g.outH(), g.outW());
        return PortableKernels.window(w, g.inC(), g.outC());
    }
}
