package dev.tflc.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.SharedModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each pass removes what computes nothing, keeps what does, and leaves the outputs bit-exact. */
class PassesTest {
    /** A graph built tensor by tensor: x -> op -> ... with the last tensor the output. */
    private static final class Builder {
        final List<Tensor> tensors = new ArrayList<>();
        final List<Operator> ops = new ArrayList<>();

        int tensor(TensorType type, Quantization q, int... dims) {
            tensors.add(new Tensor(tensors.size(), "t" + tensors.size(), type, Shape.of(dims), q, null, false));
            return tensors.size() - 1;
        }

        int constant(TensorType type, byte[] data, int... dims) {
            return constant(type, null, data, dims);
        }

        int constant(TensorType type, Quantization q, byte[] data, int... dims) {
            tensors.add(new Tensor(tensors.size(), "c" + tensors.size(), type, Shape.of(dims), q, data, false));
            return tensors.size() - 1;
        }

        void op(String kind, List<Integer> in, int out, Options options) {
            ops.add(new Operator(ops.size(), kind, 1, in, List.of(out), options));
        }

        Graph graph(int input, int... outputs) {
            List<Integer> outs = new ArrayList<>();
            for (int o : outputs) {
                outs.add(o);
            }
            return new Graph("g", tensors, ops, List.of(input), outs);
        }
    }

    private static Quantization q(float scale, long zp) {
        return Quantization.perTensor(scale, zp);
    }

    /** The graph's outputs on every one of {@code cases} random inputs, run by the reference. */
    private static List<List<byte[]>> outputs(Graph g, long seed) {
        Random rnd = new Random(seed);
        List<List<byte[]>> all = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            List<byte[]> inputs = new ArrayList<>();
            for (Tensor t : g.inputTensors()) {
                byte[] b = new byte[(int) t.byteSize()];
                if (t.type() == TensorType.FLOAT32) {
                    // Finite values: NaN payloads are not something any kernel promises to keep.
                    java.nio.ByteBuffer f = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    while (f.hasRemaining()) {
                        f.putFloat((float) rnd.nextGaussian() * 4);
                    }
                } else {
                    rnd.nextBytes(b);
                }
                inputs.add(b);
            }
            all.add(new Interpreter(g).run(inputs));
        }
        return all;
    }

    private static void assertSameOutputs(Graph before, Graph after) {
        List<List<byte[]>> a = outputs(before, 7);
        List<List<byte[]>> b = outputs(after, 7);
        for (int c = 0; c < a.size(); c++) {
            for (int o = 0; o < a.get(c).size(); o++) {
                assertArrayEquals(a.get(c).get(o), b.get(c).get(o), "case " + c + " output " + o);
            }
        }
    }

    @Test
    void requantizationPairThatCancelsIsRemoved() {
        Builder b = new Builder();
        int x = b.tensor(TensorType.INT8, q(0.5f, 3), 1, 8);
        int wide = b.tensor(TensorType.INT16, q(0.5f / 128, 0), 1, 8);
        int back = b.tensor(TensorType.INT8, q(0.5f, 3), 1, 8);
        int out = b.tensor(TensorType.INT8, q(0.5f, 3), 1, 8);
        b.op("QUANTIZE", List.of(x), wide, Options.NONE);
        b.op("QUANTIZE", List.of(wide), back, Options.NONE);
        b.op("RESHAPE", List.of(back), out, Options.NONE);
        Graph g = b.graph(x, out);
        Graph r = new RemoveCancellingQuantizePairs().apply(g);
        assertEquals(List.of("RESHAPE"), r.operators().stream().map(Operator::kind).toList());
        assertEquals(x, r.operators().get(0).input(0));
        assertSameOutputs(g, r);
    }

    @Test
    void pairThatLosesPrecisionIsKept() {
        // int8 -> int8 at a coarser scale -> back: values are rounded away, so this is no identity.
        Builder b = new Builder();
        int x = b.tensor(TensorType.INT8, q(0.5f, 0), 1, 8);
        int coarse = b.tensor(TensorType.INT8, q(2f, 0), 1, 8);
        int back = b.tensor(TensorType.INT8, q(0.5f, 0), 1, 8);
        b.op("QUANTIZE", List.of(x), coarse, Options.NONE);
        b.op("QUANTIZE", List.of(coarse), back, Options.NONE);
        Graph g = b.graph(x, back);
        assertSame(g, new RemoveCancellingQuantizePairs().apply(g));
    }

    @Test
    void dequantizeThenQuantizeToTheSameParametersIsRemoved() {
        Builder b = new Builder();
        int x = b.tensor(TensorType.INT8, q(0.02f, -5), 2, 3);
        int f = b.tensor(TensorType.FLOAT32, null, 2, 3);
        int back = b.tensor(TensorType.INT8, q(0.02f, -5), 2, 3);
        int out = b.tensor(TensorType.FLOAT32, null, 2, 3);
        b.op("DEQUANTIZE", List.of(x), f, Options.NONE);
        b.op("QUANTIZE", List.of(f), back, Options.NONE);
        b.op("DEQUANTIZE", List.of(back), out, Options.NONE);
        Graph g = b.graph(x, out);
        Graph r = new RemoveCancellingQuantizePairs().apply(g);
        assertEquals(1, r.operators().size());
        assertSameOutputs(g, r);
    }

    @Test
    void pairWhoseMiddleIsReadElsewhereIsKept() {
        Builder b = new Builder();
        int x = b.tensor(TensorType.INT8, q(0.5f, 3), 1, 8);
        int wide = b.tensor(TensorType.INT16, q(0.5f / 128, 0), 1, 8);
        int back = b.tensor(TensorType.INT8, q(0.5f, 3), 1, 8);
        b.op("QUANTIZE", List.of(x), wide, Options.NONE);
        b.op("QUANTIZE", List.of(wide), back, Options.NONE);
        Graph g = b.graph(x, back, wide);
        assertSame(g, new RemoveCancellingQuantizePairs().apply(g));
    }

    @Test
    void requantizationByExactlyOneIsRemovedAndAnyOtherKept() {
        Builder b = new Builder();
        int x = b.tensor(TensorType.INT8, q(0.1f, 4), 4);
        int same = b.tensor(TensorType.INT8, q(0.1f, 4), 4);
        int shifted = b.tensor(TensorType.INT8, q(0.1f, 5), 4);
        b.op("QUANTIZE", List.of(x), same, Options.NONE);
        b.op("QUANTIZE", List.of(same), shifted, Options.NONE);
        Graph g = b.graph(x, shifted);
        Graph r = new RemoveNoOpQuantizations().apply(g);
        assertEquals(1, r.operators().size());
        assertEquals(x, r.operators().get(0).input(0));
        assertEquals(shifted, r.operators().get(0).output(0));
        assertSameOutputs(g, r);
    }

    @Test
    void aNoOpWhoseOutputIsTheGraphOutputAndWhoseInputIsAlsoAnOutputIsKept() {
        Builder b = new Builder();
        int x = b.tensor(TensorType.INT8, q(0.1f, 4), 4);
        int y = b.tensor(TensorType.INT8, q(0.1f, 4), 4);
        int z = b.tensor(TensorType.INT8, q(0.1f, 4), 4);
        b.op("QUANTIZE", List.of(x), y, Options.NONE);
        b.op("QUANTIZE", List.of(y), z, Options.NONE);
        Graph g = b.graph(x, y, z);
        Graph r = new RemoveNoOpQuantizations().apply(g);
        // y may go (x stands for it), z may not then stand on y: outputs stay distinct tensors.
        assertEquals(r.outputs().stream().distinct().count(), r.outputs().size());
        assertSameOutputs(g, r);
    }

    @Test
    void identityReshapeIsRemovedAndConstantReshapeFolded() {
        Builder b = new Builder();
        int x = b.tensor(TensorType.FLOAT32, null, 2, 4);
        int y = b.tensor(TensorType.FLOAT32, null, 2, 4);
        int c = b.constant(TensorType.FLOAT32, new byte[32], 8);
        int c2 = b.tensor(TensorType.FLOAT32, null, 2, 4);
        int sum = b.tensor(TensorType.FLOAT32, null, 2, 4);
        b.op("RESHAPE", List.of(x), y, Options.NONE);
        b.op("RESHAPE", List.of(c), c2, Options.NONE);
        b.op("ADD", List.of(y, c2), sum, new Options("AddOptions", Map.of()));
        Graph g = b.graph(x, sum);
        Graph r = Passes.run(g, List.of(new FoldConstantReshapes(), new RemoveIdentityReshapes()));
        assertEquals(List.of("ADD"), r.operators().stream().map(Operator::kind).toList());
        assertTrue(r.tensor(r.operators().get(0).input(1)).isConstant());
        assertEquals(x, r.operators().get(0).input(0));
        assertSameOutputs(g, r);
    }

    // ---- FoldPadIntoConvolution

    /** A window operator's options: VALID (padding 1) or SAME (0), stride 1, no dilation or activation. */
    private static Options window(String type, int padding, Map<String, Object> more) {
        Map<String, Object> f = new java.util.HashMap<>(Map.of("padding", padding, "strideH", 1, "strideW", 1,
                "dilationHFactor", 1, "dilationWFactor", 1, "fusedActivationFunction", 0));
        f.putAll(more);
        return new Options(type, f);
    }

    private static byte[] int32s(int... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    /**
     * x [1, 5, 5, 2] padded by {@code hw} (top, bottom, left, right) and {@code channels} after C, with
     * the value {@code value} (PADV2; PAD when null), then {@code consumer} ("conv", "depthwise", "max",
     * "average") with a 3x3 window and {@code padding}.
     */
    private static Graph padThen(TensorType type, Quantization q, int[] hw, int channels, byte[] value,
            String consumer, int padding) {
        Builder b = new Builder();
        Random rnd = new Random(3);
        int x = b.tensor(type, q, 1, 5, 5, 2);
        int[] out = {1, 5 + hw[0] + hw[1], 5 + hw[2] + hw[3], 2 + channels};
        int p = b.tensor(type, q, out);
        int paddings = b.constant(TensorType.INT32, int32s(0, 0, hw[0], hw[1], hw[2], hw[3], 0, channels), 4, 2);
        if (value == null) {
            b.op("PAD", List.of(x, paddings), p, new Options("PadOptions", Map.of()));
        } else {
            b.op("PADV2", List.of(x, paddings, b.constant(type, q, value)), p, new Options("PadV2Options", Map.of()));
        }
        boolean isFloat = type == TensorType.FLOAT32;
        int oh = padding == 0 ? out[1] : out[1] - 2;
        int ow = padding == 0 ? out[2] : out[2] - 2;
        int y;
        if (consumer.equals("conv") || consumer.equals("depthwise")) {
            boolean conv = consumer.equals("conv");
            int[] filterDims = conv ? new int[] {3, 3, 3, out[3]} : new int[] {1, 3, 3, out[3]};
            int outC = filterDims[conv ? 0 : 3];
            byte[] filter = weights(rnd, type, Shape.of(filterDims).elements());
            byte[] bias = new byte[4 * outC];
            if (!isFloat) {
                java.nio.ByteBuffer.wrap(bias).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer()
                        .put(rnd.ints(outC, -2000, 2000).toArray());
            }
            int w = b.constant(type, isFloat ? null : q(0.01f, 0), filter, filterDims);
            int bb = b.constant(isFloat ? TensorType.FLOAT32 : TensorType.INT32,
                    isFloat ? null : q(0.01f * q.scale(), 0), bias, outC);
            y = b.tensor(type, isFloat ? null : q(0.2f, -3), 1, oh, ow, outC);
            b.op(conv ? "CONV_2D" : "DEPTHWISE_CONV_2D", List.of(p, w, bb), y, window(
                    conv ? "Conv2DOptions" : "DepthwiseConv2DOptions", padding,
                    conv ? Map.of() : Map.of("depthMultiplier", 1)));
        } else {
            y = b.tensor(type, q, 1, oh, ow, out[3]);
            b.op(consumer.equals("max") ? "MAX_POOL_2D" : "AVERAGE_POOL_2D", List.of(p), y, window("Pool2DOptions",
                    padding, Map.of("filterHeight", 3, "filterWidth", 3)));
        }
        return b.graph(x, y);
    }

    private static final int[] ONE_EACH_SIDE = {1, 1, 1, 1};

    /** {@code count} random weights: float in [-0.5, 0.5), or int8 in [-127, 127]. */
    private static byte[] weights(Random rnd, TensorType type, int count) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(count * type.bytes())
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            if (type == TensorType.FLOAT32) {
                b.putFloat(rnd.nextFloat() - 0.5f);
            } else {
                b.put((byte) (rnd.nextInt(255) - 127));
            }
        }
        return b.array();
    }

    /** {@code g} after the fold, which must have removed the PAD and left the outputs bit-exact. */
    private static Graph assertFolded(Graph g) {
        Graph r = new FoldPadIntoConvolution().apply(g);
        assertEquals(g.operators().size() - 1, r.operators().size(), "the PAD is gone");
        assertEquals(g.operators().get(0).input(0), r.operators().get(0).input(0), "the window reads the PAD's input");
        assertSameOutputs(g, r);
        return r;
    }

    @Test
    void int8PadWithTheZeroPointFoldsIntoAValidConvolution() {
        Graph r = assertFolded(padThen(TensorType.INT8, q(0.05f, 3), ONE_EACH_SIDE, 0, null, "conv", 1));
        assertEquals(List.of(1, 1, 1, 1), r.operators().get(0).options().fields().get("explicitPadding"));
    }

    @Test
    void asymmetricPadAddsToSamePaddingOfADepthwiseConvolution() {
        // Keras' ZeroPadding2D(((0, 1), (0, 1))) before a stride-2 convolution, here with SAME on top.
        Graph g = padThen(TensorType.INT8, q(0.05f, -7), new int[] {0, 1, 0, 1}, 0, new byte[] {-7}, "depthwise", 0);
        Graph r = assertFolded(g);
        assertEquals(List.of(1, 2, 1, 2), r.operators().get(0).options().fields().get("explicitPadding"));
    }

    @Test
    void floatPadWithZeroOrMinusZeroFoldsIntoAConvolution() {
        assertFolded(padThen(TensorType.FLOAT32, null, new int[] {2, 1, 0, 2}, 0, null, "conv", 1));
        assertFolded(padThen(TensorType.FLOAT32, null, ONE_EACH_SIDE, 0, int32s(0x80000000), "depthwise", 1));
    }

    @Test
    void padWithTheLeastValueFoldsIntoMaxPoolAndAnyOtherIsKept() {
        assertFolded(padThen(TensorType.INT8, q(0.05f, 3), ONE_EACH_SIDE, 0, new byte[] {-128}, "max", 1));
        assertFolded(padThen(TensorType.FLOAT32, null, ONE_EACH_SIDE, 0,
                int32s(Float.floatToIntBits(Float.NEGATIVE_INFINITY)), "max", 1));
        // the zero point (3) would win over every input below it
        Graph zeroPoint = padThen(TensorType.INT8, q(0.05f, 3), ONE_EACH_SIDE, 0, null, "max", 1);
        assertSame(zeroPoint, new FoldPadIntoConvolution().apply(zeroPoint));
    }

    /** {@code g} (a PAD then a VALID window operator) with the PAD folded in regardless: what the pass must not do. */
    private static Graph forcedFold(Graph g, int[] hw) {
        Operator consumer = g.operators().get(1);
        Map<String, Object> fields = new java.util.HashMap<>(consumer.options().fields());
        fields.put(dev.tflc.ops.Window.EXPLICIT_PADDING, List.of(hw[0], hw[1], hw[2], hw[3]));
        return Rewrite.edit(g, java.util.Set.of(0), Map.of(1, 0), Map.of(),
                Map.of(1, new Options(consumer.options().type(), fields)));
    }

    private static boolean sameOutputs(Graph a, Graph b) {
        List<List<byte[]>> x = outputs(a, 7);
        List<List<byte[]>> y = outputs(b, 7);
        for (int c = 0; c < x.size(); c++) {
            if (!java.util.Arrays.equals(x.get(c).get(0), y.get(c).get(0))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void padBeforeAnAveragePoolIsKeptForFoldingWouldChangeTheAverage() {
        // TFLM divides by the taps inside the input: padding taps would change the divisor.
        for (int padding : new int[] {0, 1}) {
            Graph g = padThen(TensorType.INT8, q(0.05f, -128), ONE_EACH_SIDE, 0, null, "average", padding);
            assertSame(g, new FoldPadIntoConvolution().apply(g));
        }
        Graph g = padThen(TensorType.INT8, q(0.05f, 0), ONE_EACH_SIDE, 0, null, "average", 1);
        assertTrue(!sameOutputs(g, forcedFold(g, ONE_EACH_SIDE)), "folding would change the outputs");
    }

    @Test
    void theDeclinedValuesWouldChangeTheOutputs() {
        Graph max = padThen(TensorType.INT8, q(0.05f, 3), ONE_EACH_SIDE, 0, null, "max", 1);
        Graph conv = padThen(TensorType.INT8, q(0.05f, 3), ONE_EACH_SIDE, 0, new byte[] {4}, "conv", 1);
        for (Graph g : List.of(max, conv)) {
            assertSame(g, new FoldPadIntoConvolution().apply(g));
            assertTrue(!sameOutputs(g, forcedFold(g, ONE_EACH_SIDE)), "folding would change the outputs");
        }
    }

    @Test
    void padThatChangesTheSumIsKept() {
        List<Graph> kept = List.of(
                // a value other than the zero point
                padThen(TensorType.INT8, q(0.05f, 3), ONE_EACH_SIDE, 0, new byte[] {4}, "conv", 1),
                padThen(TensorType.FLOAT32, null, ONE_EACH_SIDE, 0, int32s(Float.floatToIntBits(1f)), "conv", 1),
                // channels padded: the convolution's depth would change
                padThen(TensorType.INT8, q(0.05f, 3), ONE_EACH_SIDE, 1, null, "conv", 1),
                // more padding than a 3x3 window reaches into: a window would lie wholly in it
                padThen(TensorType.INT8, q(0.05f, 3), new int[] {3, 0, 0, 0}, 0, null, "conv", 1),
                padThen(TensorType.INT8, q(0.05f, 3), new int[] {0, 3, 0, 0}, 0, null, "conv", 0));
        for (Graph g : kept) {
            assertSame(g, new FoldPadIntoConvolution().apply(g));
        }
    }

    @Test
    void padRequantizingOrAlsoAGraphOutputIsKept() {
        Graph g = padThen(TensorType.INT8, q(0.05f, 3), ONE_EACH_SIDE, 0, null, "conv", 1);
        // the PAD's output quantized otherwise than its input: the convolution would read other values
        List<Tensor> ts = new ArrayList<>(g.tensors());
        Tensor p = ts.get(1);
        ts.set(1, new Tensor(1, p.name(), p.type(), p.shape(), q(0.05f, 4), null, false));
        Graph requantizing = new Graph("g", ts, g.operators(), g.inputs(), g.outputs());
        assertSame(requantizing, new FoldPadIntoConvolution().apply(requantizing));
        // the padded tensor is also a graph output
        Graph shown = new Graph("g", g.tensors(), g.operators(), g.inputs(), List.of(g.outputs().get(0), 1));
        assertSame(shown, new FoldPadIntoConvolution().apply(shown));
    }

    @Test
    void padOfAPadFoldsTwiceAndTheStandardPassesFoldIt() {
        Graph g = padThen(TensorType.INT8, q(0.05f, 3), new int[] {0, 1, 1, 0}, 0, null, "conv", 0);
        // a second PAD in front: x -> PAD -> PAD -> CONV_2D
        List<Tensor> ts = new ArrayList<>(g.tensors());
        int x2 = ts.size();
        Tensor x = ts.get(0);
        ts.add(new Tensor(x2, "x2", x.type(), Shape.of(1, 4, 5, 2), x.quantization(), null, false));
        int pads = ts.size();
        ts.add(new Tensor(pads, "pads2", TensorType.INT32, Shape.of(4, 2), null, int32s(0, 0, 1, 0, 0, 0, 0, 0),
                false));
        List<Operator> ops = new ArrayList<>();
        ops.add(new Operator(0, "PAD", 1, List.of(x2, pads), List.of(0), new Options("PadOptions", Map.of())));
        for (Operator op : g.operators()) {
            ops.add(new Operator(op.index() + 1, op.kind(), 1, op.inputs(), op.outputs(), op.options()));
        }
        Graph twice = new Graph("g", ts, ops, List.of(x2), g.outputs());
        Graph r = Passes.run(twice, Passes.standard());
        assertEquals(List.of("CONV_2D"), r.operators().stream().map(Operator::kind).toList());
        assertEquals(x2, r.operators().get(0).input(0));
        assertSameOutputs(twice, r);
    }

    // ---- FuseActivationIntoProducer

    /**
     * x [2, 8] -> FULLY_CONNECTED (4 units, fused activation {@code fcActivation}) -> y -> {@code relu}
     * -> z quantized as {@code zq} (y's quantization when null); y is also a graph output if {@code shown}.
     */
    private static Graph fcThen(TensorType type, int fcActivation, String relu, Quantization zq, boolean shown) {
        Builder b = new Builder();
        Random rnd = new Random(5);
        boolean isFloat = type == TensorType.FLOAT32;
        Quantization xq = isFloat ? null : q(0.05f, 7);
        Quantization yq = isFloat ? null : q(0.3f, 11);
        int x = b.tensor(type, xq, 2, 8);
        int weights = b.constant(type, isFloat ? null : q(0.02f, 0), weights(rnd, type, 32), 4, 8);
        int y = b.tensor(type, yq, 2, 4);
        b.op("FULLY_CONNECTED", List.of(x, weights), y, new Options("FullyConnectedOptions",
                Map.of("fusedActivationFunction", fcActivation)));
        int z = b.tensor(type, zq == null ? yq : zq, 2, 4);
        b.op(relu, List.of(y), z, Options.NONE);
        return shown ? b.graph(x, z, y) : b.graph(x, z);
    }

    @Test
    void int8ReluAfterAFullyConnectedBecomesItsFusedActivation() {
        for (String relu : List.of("RELU", "RELU6", "RELU_N1_TO_1")) {
            Graph g = fcThen(TensorType.INT8, 0, relu, null, false);
            Graph r = new FuseActivationIntoProducer().apply(g);
            assertEquals(List.of("FULLY_CONNECTED"), r.operators().stream().map(Operator::kind).toList(), relu);
            assertEquals(dev.tflc.ops.Activation.valueOf(relu).ordinal(),
                    r.operators().get(0).options().getInt("fusedActivationFunction", -1));
            assertSameOutputs(g, r);
        }
    }

    @Test
    void relu6AfterAFusedReluNarrowsItAndAnEmptyOrOddIntersectionIsKept() {
        Graph g = fcThen(TensorType.INT8, dev.tflc.ops.Activation.RELU.ordinal(), "RELU6", null, false);
        Graph r = new FuseActivationIntoProducer().apply(g);
        assertEquals(dev.tflc.ops.Activation.RELU6.ordinal(),
                r.operators().get(0).options().getInt("fusedActivationFunction", -1));
        assertSameOutputs(g, r);
        // RELU6 then RELU_N1_TO_1 clamps to [0, 1]: no fused activation is that
        Graph odd = fcThen(TensorType.INT8, dev.tflc.ops.Activation.RELU6.ordinal(), "RELU_N1_TO_1", null, false);
        assertSame(odd, new FuseActivationIntoProducer().apply(odd));
    }

    @Test
    void floatRequantizingOrSharedActivationsAreKept() {
        List<Graph> kept = List.of(
                // float: the fused clamp would turn +inf into FLT_MAX and -0.0 into +0.0
                fcThen(TensorType.FLOAT32, 0, "RELU", null, false),
                // the RELU rescales to another scale: no clamp does that
                fcThen(TensorType.INT8, 0, "RELU", q(0.25f, 11), false),
                // the producer's output is also read as a graph output
                fcThen(TensorType.INT8, 0, "RELU", null, true));
        for (Graph g : kept) {
            assertSame(g, new FuseActivationIntoProducer().apply(g));
        }
    }

    static Stream<Path> models() {
        return SharedModels.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theStandardPassesKeepEverySharedModelsOutputsBitExact(Path model) {
        Graph g = ModelReader.read(model).main();
        Graph r = Passes.run(g, Passes.standard());
        assertTrue(r.operators().size() <= g.operators().size());
        byte[] in = SharedModels.goldenInput(model);
        assertArrayEquals(Outputs.concat(new Interpreter(g).run(Interpreter.splitInputs(g, in))),
                Outputs.concat(new Interpreter(r).run(Interpreter.splitInputs(r, in))), model.toString());
        assertSameOutputs(g, r);
    }
}
