package dev.tflc.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.lower.Layer;
import dev.tflc.lower.Offer;
import dev.tflc.lower.cmsisnn.CmsisNnKernels;
import dev.tflc.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The 16x8 weighted operators and TRANSPOSE_CONV refuse, with one located diagnostic, what TensorFlow
 * Lite Micro's kernels cannot run or would read wrongly: a bias type the kernel does not take (TFLM
 * would read an int32 bias as int64), int16 zero points other than 0 (TFLM's 16x8 kernels ignore
 * them), multipliers beyond the int64 multiply's shift range, and a constant output shape that is not
 * the output tensor's. The CMSIS-NN kernel set declines 16x8 layers, which it does not implement.
 * Hybrid layers (float activations, int8 weights) refuse what TensorFlow Lite 2.6.2's hybrid kernels do
 * not do: per-channel FULLY_CONNECTED weights (it reads one scale), weight zero points other than 0, a
 * per-channel CONV_2D or any DEPTHWISE_CONV_2D without a bias, a depthwise filter without a scale per
 * channel, a CONV_2D filter with several equal scales, dilation of a CONV_2D.
 */
class ConvolutionChecksTest {
    private static final Quantization IN = Quantization.perTensor(0.001f, 0);
    private static final Quantization OUT = Quantization.perTensor(0.002f, 0);
    private static final Quantization FILTER = Quantization.perTensor(0.01f, 0);

    @Test
    void depthwise16x8TakesOnlyAnInt64Bias() {
        assertRefused("operator 0 (DEPTHWISE_CONV_2D), tensor 'bias': type INT32 is not supported here (expected "
                + "INT64)", depthwise(TensorType.INT32));
    }

    @Test
    void transposeConv16x8TakesAnInt16OrInt64Bias() {
        assertRefused("operator 0 (TRANSPOSE_CONV), tensor 'bias': type INT32 is not supported here (expected INT16 "
                + "or INT64)", transposeConv(TensorType.INT32, new int[] {1, 4, 4, 2}));
    }

    @Test
    void sixteenBitZeroPointsMustBeZero() {
        Graph g = conv(Quantization.perTensor(0.001f, 3), OUT, TensorType.INT64);
        assertRefused("operator 0 (CONV_2D), tensor 'in': int16 zero point 3 is not 0", g);
    }

    @Test
    void multipliersBeyondTheInt64MultiplysShiftAreRefused() {
        // 0.001 * 0.01 / 1e-9 = 1e4: shift 14, where TFLM's int64 multiply takes at most 7
        assertRefused("operator 0 (CONV_2D), tensor 'out': scale is too small for the input and weight scales "
                + "(multiplier shift 14; TFLM's int64 requantization takes at most 7)",
                conv(IN, Quantization.perTensor(1e-9f, 0), TensorType.INT64));
    }

    @Test
    void aConstantOutputShapeMustBeTheOutputTensors() {
        assertRefused("operator 0 (TRANSPOSE_CONV), tensor 'shape': output shape [1, 4, 5, 2] differs from the output "
                + "tensor's 1x4x4x2", transposeConv(TensorType.INT64, new int[] {1, 4, 5, 2}));
    }

    @Test
    void cmsisNnDeclines16x8Layers() {
        Graph g = conv(IN, OUT, TensorType.INT64);
        List<Kernel> kernels = Operators.prepare(g);
        Offer offer = new CmsisNnKernels().offer(new Layer(g, g.operators().get(0), kernels.get(0),
                Target.load("cortex-m4")));
        assertEquals("CMSIS-NN has no int16 CONV_2D kernel", assertInstanceOf(Offer.Decline.class, offer).reason());
    }

    private static final Quantization PER_CHANNEL = Quantization.perAxis(new float[] {0.01f, 0.02f}, new long[2], 0);

    @Test
    void hybridFullyConnectedTakesOneWeightScale() {
        assertRefused("operator 0 (FULLY_CONNECTED), tensor 'weights': hybrid fully connected with per-channel weight "
                + "scales is not supported (TensorFlow Lite 2.6.2's hybrid kernel reads one scale)",
                hybridFullyConnected(PER_CHANNEL));
    }

    @Test
    void hybridWeightsAreSymmetric() {
        assertRefused("operator 0 (FULLY_CONNECTED), tensor 'weights': hybrid fully connected weight zero point 3 "
                + "(must be 0)", hybridFullyConnected(Quantization.perTensor(0.01f, 3)));
        assertRefused("operator 0 (FULLY_CONNECTED), tensor 'weights': int8 weights of a float fully connected "
                + "(hybrid) have no scale", hybridFullyConnected(null));
    }

    @Test
    void perChannelHybridConvolutionNeedsABias() {
        assertRefused("operator 0 (CONV_2D): hybrid convolution with per-channel filter scales needs a bias "
                + "(TensorFlow Lite 2.6.2 refuses it without one)", hybridConv(false, 1));
    }

    @Test
    void hybridConvolutionWithSeveralEqualScalesIsRefused() {
        assertRefused("operator 0 (CONV_2D), tensor 'filter': hybrid convolution with 2 equal filter scales is not "
                + "supported (TensorFlow Lite 2.6.2 reads a per-tensor scale only from a filter with exactly one; its "
                + "results for such a filter are not the convolution's)", hybridConvolution("CONV_2D",
                Shape.of(2, 1, 1, 2), Quantization.perAxis(new float[] {0.01f, 0.01f}, new long[2], 0), true,
                Map.of()));
    }

    @Test
    void hybridConvolutionWithDilationIsRefused() {
        assertRefused("operator 0 (CONV_2D): hybrid convolution with dilation is not supported (TensorFlow Lite's "
                + "hybrid kernel ignores dilation)", hybridConv(true, 2));
    }

    @Test
    void perChannelHybridConvolutionIsAccepted() {
        assertTrue(assertInstanceOf(Conv2D.Hybrid.class, Operators.prepare(hybridConv(true, 1)).get(0)).perChannel());
    }

    @Test
    void hybridDepthwiseTakesAScalePerChannelAndABias() {
        assertRefused("operator 0 (DEPTHWISE_CONV_2D), tensor 'filter': hybrid depthwise convolution needs one "
                + "filter scale per output channel, on the last dimension (TensorFlow Lite's hybrid depthwise kernel "
                + "is per-channel)", hybridDepthwise(FILTER, true));
        assertRefused("operator 0 (DEPTHWISE_CONV_2D): hybrid depthwise convolution needs a bias (TensorFlow Lite "
                + "2.6.2 refuses it without one)", hybridDepthwise(DEPTHWISE_PER_CHANNEL, false));
        assertInstanceOf(DepthwiseConv2D.Hybrid.class,
                Operators.prepare(hybridDepthwise(DEPTHWISE_PER_CHANNEL, true)).get(0));
    }

    private static final Quantization DEPTHWISE_PER_CHANNEL =
            Quantization.perAxis(new float[] {0.01f, 0.02f}, new long[2], 3);

    private static Graph hybridDepthwise(Quantization filter, boolean bias) {
        return hybridConvolution("DEPTHWISE_CONV_2D", Shape.of(1, 1, 1, 2), filter, bias, Map.of());
    }

    private static Graph hybridFullyConnected(Quantization weights) {
        return graph("FULLY_CONNECTED", Map.of(), List.of(
                tensor("in", TensorType.FLOAT32, Shape.of(1, 2), null, null),
                tensor("weights", TensorType.INT8, Shape.of(2, 2), weights, new byte[4]),
                tensor("out", TensorType.FLOAT32, Shape.of(1, 2), null, null)));
    }

    private static Graph hybridConv(boolean bias, int dilation) {
        return hybridConvolution("CONV_2D", Shape.of(2, 1, 1, 2), PER_CHANNEL, bias, Map.of("dilationHFactor",
                dilation, "dilationWFactor", dilation, "strideH", 1, "strideW", 1));
    }

    /** A float 1x4x4x2 input, an int8 filter of {@code filterShape} quantized by {@code q}, a bias or not. */
    private static Graph hybridConvolution(String kind, Shape filterShape, Quantization q, boolean bias,
            Map<String, Object> options) {
        List<Tensor> tensors = new ArrayList<>(List.of(
                tensor("in", TensorType.FLOAT32, Shape.of(1, 4, 4, 2), null, null),
                tensor("filter", TensorType.INT8, filterShape, q, new byte[filterShape.elements()])));
        if (bias) {
            tensors.add(tensor("bias", TensorType.FLOAT32, Shape.of(2), null, new byte[8]));
        }
        tensors.add(tensor("out", TensorType.FLOAT32, Shape.of(1, 4, 4, 2), null, null));
        return graph(kind, options, tensors);
    }

    private static Graph conv(Quantization in, Quantization out, TensorType biasType) {
        return graph("CONV_2D", Map.of(), List.of(
                tensor("in", TensorType.INT16, Shape.of(1, 4, 4, 2), in, null),
                tensor("filter", TensorType.INT8, Shape.of(2, 1, 1, 2), FILTER, new byte[4]),
                tensor("bias", biasType, Shape.of(2), null, new byte[2 * biasType.bytes()]),
                tensor("out", TensorType.INT16, Shape.of(1, 4, 4, 2), out, null)));
    }

    private static Graph depthwise(TensorType biasType) {
        return graph("DEPTHWISE_CONV_2D", Map.of(), List.of(
                tensor("in", TensorType.INT16, Shape.of(1, 4, 4, 2), IN, null),
                tensor("filter", TensorType.INT8, Shape.of(1, 1, 1, 2), FILTER, new byte[2]),
                tensor("bias", biasType, Shape.of(2), null, new byte[2 * biasType.bytes()]),
                tensor("out", TensorType.INT16, Shape.of(1, 4, 4, 2), OUT, null)));
    }

    private static Graph transposeConv(TensorType biasType, int[] shape) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int d : shape) {
            b.putInt(d);
        }
        return graph("TRANSPOSE_CONV", Map.of(), List.of(
                tensor("shape", TensorType.INT32, Shape.of(4), null, b.array()),
                tensor("filter", TensorType.INT8, Shape.of(2, 1, 1, 2), FILTER, new byte[4]),
                tensor("in", TensorType.INT16, Shape.of(1, 4, 4, 2), IN, null),
                tensor("bias", biasType, Shape.of(2), null, new byte[2 * biasType.bytes()]),
                tensor("out", TensorType.INT16, Shape.of(1, 4, 4, 2), OUT, null)));
    }

    private static Tensor tensor(String name, TensorType type, Shape shape, Quantization q, byte[] data) {
        return new Tensor(0, name, type, shape, q, data, false);
    }

    /** One operator over {@code tensors} (inputs, then the output); the graph's inputs are the non-constant ones. */
    private static Graph graph(String kind, Map<String, Object> options, List<Tensor> tensors) {
        List<Tensor> indexed = new ArrayList<>();
        List<Integer> graphInputs = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            indexed.add(new Tensor(i, t.name(), t.type(), t.shape(), t.quantization(), t.data(), false));
            if (!t.isConstant() && i < tensors.size() - 1) {
                graphInputs.add(i);
            }
        }
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < tensors.size() - 1; i++) {
            inputs.add(i);
        }
        int output = tensors.size() - 1;
        Operator op = new Operator(0, kind, 1, inputs, List.of(output), new Options(kind + "Options", options));
        return new Graph("checks", indexed, List.of(op), graphInputs, List.of(output));
    }

    private static void assertRefused(String diagnostic, Graph g) {
        IrException e = assertThrows(IrException.class, () -> Operators.prepare(g));
        assertEquals(diagnostic, e.diagnostic());
    }
}
