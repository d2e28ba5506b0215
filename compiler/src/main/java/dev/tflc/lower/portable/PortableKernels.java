package dev.tflc.lower.portable;

import dev.tflc.ir.TensorType;
import dev.tflc.lower.Access;
import dev.tflc.lower.AccessOrders;
import dev.tflc.lower.Band;
import dev.tflc.lower.CCall;
import dev.tflc.lower.Implementation;
import dev.tflc.lower.KernelSet;
import dev.tflc.lower.Layer;
import dev.tflc.lower.Offer;
import dev.tflc.ops.Abs;
import dev.tflc.ops.Add;
import dev.tflc.ops.ArgMinMax;
import dev.tflc.ops.BatchMatMul;
import dev.tflc.ops.Cast;
import dev.tflc.ops.Broadcast;
import dev.tflc.ops.Concatenation;
import dev.tflc.ops.Conv2D;
import dev.tflc.ops.DepthwiseConv2D;
import dev.tflc.ops.Dequantize;
import dev.tflc.ops.Div;
import dev.tflc.ops.Fill;
import dev.tflc.ops.FullyConnected;
import dev.tflc.ops.Gather;
import dev.tflc.ops.HardSwish;
import dev.tflc.ops.IndexCopy;
import dev.tflc.ops.Int16Sigmoid;
import dev.tflc.ops.IntegerLstm;
import dev.tflc.ops.Kernel;
import dev.tflc.ops.L2Normalization;
import dev.tflc.ops.LeakyRelu;
import dev.tflc.ops.LogSoftmax;
import dev.tflc.ops.Logistic;
import dev.tflc.ops.MathFunction;
import dev.tflc.ops.MaximumMinimum;
import dev.tflc.ops.Mul;
import dev.tflc.ops.Neg;
import dev.tflc.ops.Pad;
import dev.tflc.ops.Pool2D;
import dev.tflc.ops.Prelu;
import dev.tflc.ops.Quantize;
import dev.tflc.ops.Reduce;
import dev.tflc.ops.Relu;
import dev.tflc.ops.Reshape;
import dev.tflc.ops.ResizeBilinear;
import dev.tflc.ops.ResizeNearestNeighbor;
import dev.tflc.ops.Softmax;
import dev.tflc.ops.SquaredDifference;
import dev.tflc.ops.ShapeOf;
import dev.tflc.ops.SpaceToBatch;
import dev.tflc.ops.Split;
import dev.tflc.ops.StridedCopy;
import dev.tflc.ops.Sub;
import dev.tflc.ops.Svdf;
import dev.tflc.ops.Tanh;
import dev.tflc.ops.TransposeConv;
import dev.tflc.ops.UnidirectionalSequenceLstm;
import dev.tflc.ops.Weights;
import dev.tflc.ops.Window;
import dev.tflc.ops.ZerosLike;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code portable} kernel set: tflc's generic C99 kernels in {@code runtime-c/}, one function per
 * file, every size and multiplier passed in. It accepts every operator tflc supports, so it ends
 * every preference order.
 */
public final class PortableKernels implements KernelSet {
    public static final String NAME = "portable";

    /** Headers every portable kernel is declared in or includes. */
    static final List<String> HEADERS = List.of("tflc_kernels.h", "tflc_fixed_point.h");

    @Override
    public String name() {
        return NAME;
    }

    /** How a prepared operator of one kernel class becomes a portable call. */
    @FunctionalInterface
    interface Lowerer<K extends Kernel> {
        CCall call(Layer layer, K kernel);
    }

    /** Scratch bytes a prepared operator's portable call needs (most need none). */
    @FunctionalInterface
    interface ScratchSize<K extends Kernel> {
        long bytes(K kernel);
    }

    /**
     * Which inputs a prepared operator's portable call may write its output over, and in what order it
     * reads and writes them (the kernel takes no {@code restrict} pointer to either).
     */
    @FunctionalInterface
    interface InPlaceRule<K extends Kernel> {
        Implementation allow(Layer layer, K kernel, Implementation impl);

        InPlaceRule<Kernel> NONE = (layer, kernel, impl) -> impl;

        /**
         * An element-wise kernel: it computes output element i from element i of each input that has
         * the output's shape (and from any element of a broadcast one), reading them before it writes
         * output element i and never after.
         */
        InPlaceRule<Kernel> ELEMENTWISE = (layer, kernel, impl) -> impl.inPlace(sameShapeInputs(layer),
                Access.elementwise(layer.output(0).byteSize(), layer.output(0).type().bytes()));
    }

    /** How one prepared-operator class is lowered, and what its call's output may share. */
    private record Entry<K extends Kernel>(Class<K> kind, Lowerer<K> lowerer, ScratchSize<K> scratch,
            InPlaceRule<? super K> sharing) {
        Entry(Class<K> kind, Lowerer<K> lowerer) {
            this(kind, lowerer, k -> 0, InPlaceRule.NONE);
        }

        Entry(Class<K> kind, Lowerer<K> lowerer, ScratchSize<K> scratch) {
            this(kind, lowerer, scratch, InPlaceRule.NONE);
        }

        Implementation implementation(Layer layer) {
            K k = kind.cast(layer.kernel());
            return sharing.allow(layer, k, PortableKernels.implementation(lowerer.call(layer, k), scratch.bytes(k)));
        }
    }

    /** An element-wise entry (see {@link InPlaceRule#ELEMENTWISE}). */
    private static <K extends Kernel> Entry<K> elementwise(Class<K> kind, Lowerer<K> lowerer) {
        return new Entry<>(kind, lowerer, k -> 0, InPlaceRule.ELEMENTWISE);
    }

    /**
     * The positions of the inputs with output 0's element type and element count: an element-wise
     * kernel reads element i of such an input for output element i (an input with as many elements as
     * the output is broadcast along no dimension), so the output may be written over it.
     */
    static List<Integer> sameShapeInputs(Layer layer) {
        List<Integer> positions = new java.util.ArrayList<>();
        dev.tflc.ir.Tensor out = layer.output(0);
        for (int k = 0; k < layer.op().inputs().size(); k++) {
            if (layer.op().input(k) >= 0 && layer.input(k).type() == out.type()
                    && layer.input(k).shape().elements() == out.shape().elements()) {
                positions.add(k);
            }
        }
        return positions;
    }

    /** One entry per prepared-operator class: adding an operator adds a line here. */
    private static final List<Entry<?>> ENTRIES = List.of(
            new Entry<>(Conv2D.Int8.class, (l, c) -> CCall.of("tflc_conv2d_s8",
                    window(c.geometry().window(), c.geometry().inC(), c.geometry().outC()),
                    CCall.i(c.geometry().filterC()), requant(c.quant(), c.range()), new CCall.Input(0),
                    new CCall.Weights(1), CCall.optionalWeights(2, c.bias()), new CCall.Output(0)), k -> 0,
                    (l, c, impl) -> overPixels(l, c.geometry(), impl)),
            new Entry<>(Conv2D.Float32.class, (l, c) -> CCall.of("tflc_conv2d_f32",
                    window(c.geometry().window(), c.geometry().inC(), c.geometry().outC()),
                    CCall.i(c.geometry().filterC()), CCall.f(c.range()[0]), CCall.f(c.range()[1]), new CCall.Input(0),
                    new CCall.Weights(1), CCall.optionalWeights(2, c.bias()), new CCall.Output(0)), k -> 0,
                    (l, c, impl) -> overPixels(l, c.geometry(), impl)),
            new Entry<>(Conv2D.Hybrid.class, (l, c) -> CCall.of("tflc_conv2d_hybrid_f32",
                    window(c.geometry().window(), c.geometry().inC(), c.geometry().outC()),
                    CCall.Ints.floats("filter_scales", c.filterScales()), CCall.i(c.perChannel() ? 1 : 0),
                    CCall.f(c.range()[0]), CCall.f(c.range()[1]), new CCall.Input(0), new CCall.Weights(1),
                    CCall.optionalWeights(2, c.bias()), new CCall.Scratch(), new CCall.Output(0)),
                    c -> (long) c.geometry().window().inH() * c.geometry().window().inW() * c.geometry().inC()),
            new Entry<>(DepthwiseConv2D.Int8.class, (l, d) -> CCall.of("tflc_depthwise_conv2d_s8",
                    window(d.geometry().window(), d.geometry().inC(), d.geometry().outC()),
                    requant(d.quant(), d.range()), new CCall.Input(0), new CCall.Weights(1),
                    CCall.optionalWeights(2, d.bias()), new CCall.Output(0)), k -> 0,
                    (l, d, impl) -> overPixels(l, d.geometry(), impl)),
            new Entry<>(DepthwiseConv2D.Float32.class, (l, d) -> CCall.of("tflc_depthwise_conv2d_f32",
                    window(d.geometry().window(), d.geometry().inC(), d.geometry().outC()),
                    CCall.f(d.range()[0]), CCall.f(d.range()[1]), new CCall.Input(0), new CCall.Weights(1),
                    CCall.optionalWeights(2, d.bias()), new CCall.Output(0)), k -> 0,
                    (l, d, impl) -> overPixels(l, d.geometry(), impl)),
            new Entry<>(DepthwiseConv2D.Hybrid.class, (l, d) -> CCall.of("tflc_depthwise_conv2d_hybrid_f32",
                    window(d.geometry().window(), d.geometry().inC(), d.geometry().outC()),
                    CCall.Ints.floats("filter_scales", d.filterScales()), CCall.f(d.range()[0]),
                    CCall.f(d.range()[1]), new CCall.Input(0), new CCall.Weights(1), new CCall.Weights(2),
                    new CCall.Scratch(), new CCall.Output(0)),
                    d -> (long) d.geometry().window().inH() * d.geometry().window().inW() * d.geometry().inC()),
            new Entry<>(FullyConnected.Int8.class, (l, f) -> CCall.of("tflc_fully_connected_s8",
                    CCall.i(f.geometry().batches()), CCall.i(f.geometry().depth()), CCall.i(f.geometry().units()),
                    requant(f.quant(), f.range()), new CCall.Input(0), new CCall.Weights(1),
                    CCall.optionalWeights(2, f.bias()), new CCall.Output(0)), k -> 0,
                    (l, f, impl) -> overRows(l, f.geometry(), impl)),
            new Entry<>(FullyConnected.Float32.class, (l, f) -> CCall.of("tflc_fully_connected_f32",
                    CCall.i(f.geometry().batches()), CCall.i(f.geometry().depth()), CCall.i(f.geometry().units()),
                    CCall.f(f.range()[0]), CCall.f(f.range()[1]), new CCall.Input(0), new CCall.Weights(1),
                    CCall.optionalWeights(2, f.bias()), new CCall.Output(0)), k -> 0,
                    (l, f, impl) -> overRows(l, f.geometry(), impl)),
            new Entry<>(FullyConnected.Hybrid.class, (l, f) -> CCall.of("tflc_fully_connected_hybrid_f32",
                    CCall.i(f.geometry().batches()), CCall.i(f.geometry().depth()), CCall.i(f.geometry().units()),
                    CCall.f(f.weightScale()), CCall.i(f.asymmetric() ? 1 : 0), CCall.f(f.range()[0]),
                    CCall.f(f.range()[1]), new CCall.Input(0), new CCall.Weights(1),
                    CCall.optionalWeights(2, f.bias()), new CCall.Scratch(), new CCall.Output(0)),
                    f -> (long) f.geometry().depth()),
            new Entry<>(Conv2D.Int16.class, ConvolutionCalls::conv2dInt16, k -> 0,
                    (l, c, impl) -> overPixels(l, c.geometry(), impl)),
            new Entry<>(DepthwiseConv2D.Int16.class, ConvolutionCalls::depthwiseInt16, k -> 0,
                    (l, d, impl) -> overPixels(l, d.geometry(), impl)),
            new Entry<>(FullyConnected.Int16.class, ConvolutionCalls::fullyConnectedInt16, k -> 0,
                    (l, f, impl) -> overRows(l, f.geometry(), impl)),
            new Entry<>(TransposeConv.Int8.class, ConvolutionCalls::transposeInt8),
            new Entry<>(TransposeConv.Int16.class, ConvolutionCalls::transposeInt16),
            new Entry<>(TransposeConv.Float32.class, ConvolutionCalls::transposeFloat32),
            new Entry<>(Pool2D.Kernel2D.class, PortableKernels::pool, k -> 0,
                    (l, p, impl) -> pooledOver(l, p, impl)),
            new Entry<>(Pool2D.Int16.class, (l, p) -> CCall.of("tflc_pool2d_s16",
                    window(p.pooling().window(), p.pooling().channels(), p.pooling().channels()),
                    CCall.i(p.pooling().mode() == Pool2D.Mode.MAX ? 1 : 0), CCall.i(p.pooling().range()[0]),
                    CCall.i(p.pooling().range()[1]), new CCall.Input(0), new CCall.Output(0)), k -> 0,
                    (l, p, impl) -> pooledOver(l, p.pooling(), impl)),
            new Entry<>(Pad.Constant.class, DataMovementCalls::pad),
            new Entry<>(StridedCopy.class, DataMovementCalls::stridedCopy),
            new Entry<>(Concatenation.Copy.class, DataMovementCalls::concatenation),
            new Entry<>(Reduce.Int8.class, DataMovementCalls::reduceInt8),
            new Entry<>(Reduce.Float32.class, DataMovementCalls::reduceFloat32),
            elementwise(Add.Int8.class, (l, a) -> CCall.of("tflc_add_s8", broadcast(a.broadcast()),
                    CCall.i(a.broadcast().size()), addParams(a), new CCall.Input(0), new CCall.Input(1),
                    new CCall.Output(0))),
            elementwise(Add.Float32.class, (l, a) -> CCall.of("tflc_add_f32", broadcast(a.broadcast()),
                    CCall.i(a.broadcast().size()), CCall.f(a.range()[0]), CCall.f(a.range()[1]), new CCall.Input(0),
                    new CCall.Input(1), new CCall.Output(0))),
            elementwise(Add.Int16.class, ElementwiseCalls::addInt16),
            elementwise(Mul.Int8.class, ElementwiseCalls::mulInt8),
            elementwise(Mul.Float32.class, ElementwiseCalls::mulFloat32),
            elementwise(Mul.Int16.class, ElementwiseCalls::mulInt16),
            elementwise(Sub.Int8.class, ElementwiseCalls::subInt8),
            elementwise(Sub.Float32.class, ElementwiseCalls::subFloat32),
            elementwise(Sub.Int16.class, ElementwiseCalls::subInt16),
            elementwise(MaximumMinimum.Select.class, ElementwiseCalls::select),
            elementwise(Relu.Requantize.class, ElementwiseCalls::reluRequantize),
            elementwise(Relu.Clamp.class, ElementwiseCalls::reluClamp),
            elementwise(Relu.Float32.class, ElementwiseCalls::reluFloat32),
            elementwise(LeakyRelu.Int8.class, ElementwiseCalls::leakyReluInt8),
            elementwise(LeakyRelu.Float32.class, ElementwiseCalls::leakyReluFloat32),
            elementwise(LeakyRelu.Int16.class, ElementwiseCalls::leakyReluInt16),
            elementwise(Abs.Int8.class, ElementwiseCalls::absInt8),
            elementwise(Abs.Float32.class, ElementwiseCalls::floatMap),
            elementwise(Neg.Float32.class, ElementwiseCalls::floatMap),
            elementwise(Logistic.Int8.class, ElementwiseCalls::lookup),
            elementwise(Logistic.Float32.class, ElementwiseCalls::floatMap),
            elementwise(Tanh.Int8.class, ElementwiseCalls::lookup),
            elementwise(Tanh.Float32.class, ElementwiseCalls::floatMap),
            elementwise(Int16Sigmoid.class, ElementwiseCalls::sigmoidInt16),
            elementwise(HardSwish.Int8.class, ElementwiseCalls::lookup),
            elementwise(HardSwish.Float32.class, ElementwiseCalls::floatMap),
            new Entry<>(Softmax.Int8.class, (l, s) -> CCall.of("tflc_softmax_s8", CCall.i(s.rows()),
                    CCall.i(s.depth()), CCall.i(s.inputMultiplier()), CCall.i(s.inputLeftShift()), CCall.i(s.diffMin()),
                    CCall.i(s.outputBits()), new CCall.Input(0), new CCall.Output(0))),
            new Entry<>(Softmax.Int16.class, (l, s) -> CCall.of("tflc_softmax_s16", CCall.i(s.rows()),
                    CCall.i(s.depth()), CCall.i(s.inputMultiplier()), CCall.i(s.inputLeftShift()),
                    CCall.Ints.int16("exp_lut", Softmax.Int16.expLut()),
                    CCall.Ints.int16("one_over_one_plus_x_lut", Softmax.Int16.oneOverOnePlusXLut()),
                    new CCall.Input(0), new CCall.Output(0))),
            new Entry<>(Softmax.Float32.class, (l, s) -> CCall.of("tflc_softmax_f32", CCall.i(s.rows()),
                    CCall.i(s.depth()), CCall.f(s.beta()), new CCall.Input(0), new CCall.Output(0))),
            new Entry<>(Quantize.FromFloat.class, (l, q) -> CCall.of("tflc_quantize_f32_" + suffix(l.output(0).type()),
                    CCall.i(q.size()), CCall.f(q.scale()), CCall.i(q.zeroPoint()), new CCall.Input(0),
                    new CCall.Output(0))),
            elementwise(Quantize.Requantize.class, (l, q) -> CCall.of("tflc_requantize_ints", CCall.i(q.size()),
                    CCall.i(l.input(0).type().bytes()), CCall.i(l.output(0).type().bytes()), CCall.i(q.inputZeroPoint()),
                    CCall.i(q.multiplier().multiplier()), CCall.i(q.multiplier().shift()),
                    CCall.i(q.outputZeroPoint()), new CCall.Input(0), new CCall.Output(0))),
            new Entry<>(Dequantize.ToFloat.class, (l, d) -> CCall.of("tflc_dequantize_" + suffix(l.input(0).type())
                    + "_f32", CCall.i(d.size()), CCall.f(d.scale()), CCall.i(d.zeroPoint()), new CCall.Input(0),
                    new CCall.Output(0))),
            new Entry<>(Reshape.Copy.class, (l, c) -> CCall.of("tflc_copy", CCall.i(c.bytes()), new CCall.Input(0),
                    new CCall.Output(0))),
            new Entry<>(Svdf.Int8.class, StatefulCalls::svdfInt8, Svdf.Int8::scratchBytes),
            new Entry<>(Svdf.Float32.class, StatefulCalls::svdfFloat32, Svdf.Float32::scratchBytes),
            new Entry<>(UnidirectionalSequenceLstm.Float32.class, StatefulCalls::lstmFloat32,
                    UnidirectionalSequenceLstm.Float32::scratchBytes),
            new Entry<>(IntegerLstm.class, StatefulCalls::lstmInteger, IntegerLstm::scratchBytes),
            elementwise(Div.Int8.class, ElementwiseCalls::divInt8),
            elementwise(Div.Float32.class, ElementwiseCalls::divFloat32),
            elementwise(SquaredDifference.Int8.class, ElementwiseCalls::squaredDifferenceInt8),
            elementwise(SquaredDifference.Float32.class, ElementwiseCalls::squaredDifferenceFloat32),
            elementwise(MathFunction.Float32.class, ElementwiseCalls::floatMap),
            elementwise(MathFunction.Int8Rsqrt.class, ElementwiseCalls::lookup),
            elementwise(Prelu.Int8.class, ElementwiseCalls::preluInt8),
            elementwise(Prelu.Float32.class, ElementwiseCalls::preluFloat32),
            new Entry<>(ArgMinMax.Select.class, ElementwiseCalls::argMinMax),
            new Entry<>(ResizeNearestNeighbor.Nearest.class, ElementwiseCalls::resizeNearest),
            new Entry<>(ResizeBilinear.Float32.class, ElementwiseCalls::resizeBilinearFloat32),
            new Entry<>(ResizeBilinear.Int8.class, ElementwiseCalls::resizeBilinearInt8),
            new Entry<>(Split.Copy.class, DataMovementCalls::split),
            new Entry<>(Gather.Copy.class, DataMovementCalls::gather),
            new Entry<>(IndexCopy.class, DataMovementCalls::indexCopy),
            new Entry<>(SpaceToBatch.Copy.class, DataMovementCalls::spaceToBatch),
            new Entry<>(Cast.Convert.class, TensorCalls::cast),
            new Entry<>(ZerosLike.Zeros.class, TensorCalls::zeros),
            new Entry<>(Fill.Repeat.class, TensorCalls::fill),
            new Entry<>(ShapeOf.Dims.class, TensorCalls::shape),
            new Entry<>(L2Normalization.Float32.class, NormalizationCalls::l2Float32),
            new Entry<>(L2Normalization.Int8.class, NormalizationCalls::l2Int8),
            new Entry<>(LogSoftmax.Float32.class, NormalizationCalls::logSoftmaxFloat32),
            new Entry<>(LogSoftmax.Int8.class, NormalizationCalls::logSoftmaxInt8),
            new Entry<>(BatchMatMul.Float32.class, MatMulCalls::float32),
            new Entry<>(BatchMatMul.Int8.class, MatMulCalls::int8),
            new Entry<>(BatchMatMul.Int16.class, MatMulCalls::int16));

    /** The hybrid layers' kernels, whose C quantizes the input in double (tflc_hybrid_quantize.h). */
    private static final java.util.Set<Class<?>> HYBRID = java.util.Set.of(Conv2D.Hybrid.class,
            DepthwiseConv2D.Hybrid.class, FullyConnected.Hybrid.class);

    @Override
    public Offer offer(Layer layer) {
        for (Entry<?> e : ENTRIES) {
            if (e.kind().isInstance(layer.kernel())) {
                Offer offer = e.implementation(layer);
                if (HYBRID.contains(layer.kernel().getClass()) && layer.target().doubleBits() < 64) {
                    throw new dev.tflc.ir.IrException(layer.op().location(), "hybrid layers are not supported on "
                            + layer.target().name() + ": they quantize their input in double, as TensorFlow Lite "
                            + "does, and its C compiler's double has " + layer.target().doubleBits() + " bits");
                }
                return offer;
            }
        }
        return Offer.decline("no portable kernel for " + layer.op().kind());
    }

    /**
     * A pooling kernel walks its output pixels forward, each pixel's channels in order, reading the
     * pixel's window as it writes them: its output may start below its input.
     */
    private static Implementation pooledOver(Layer l, Pool2D.Kernel2D p, Implementation impl) {
        return overPixels(l, p.window(), p.channels(), p.channels(), impl);
    }

    /**
     * The portable convolution, depthwise convolution and pooling kernels walk their output pixels
     * forward, all of a pixel's channels before the next, reading the pixel's window as they write
     * them: the output may start below the input.
     */
    private static Implementation overPixels(Layer l, Window w, int inC, int outC, Implementation impl) {
        Implementation over = impl.inPlace(List.of(0), AccessOrders.pixels(w, inC, outC, l.output(0).type().bytes()));
        // one image, a call that checks nothing at run time: it runs on bands of rows too, its window
        // given the band's (the code generator writes the function)
        boolean band = w.batches() == 1 && !impl.call().checked() && l.input(0).type() == l.output(0).type()
                && List.of(TensorType.INT8, TensorType.INT16, TensorType.FLOAT32).contains(l.output(0).type());
        return band ? over.withBand(new Band(l.name() + "_band", null, false, w, inC, outC, l.output(0).type())) : over;
    }

    private static Implementation overPixels(Layer l, Conv2D.Geometry g, Implementation impl) {
        return overPixels(l, g.window(), g.inC(), g.outC(), impl);
    }

    private static Implementation overPixels(Layer l, DepthwiseConv2D.Geometry g, Implementation impl) {
        return overPixels(l, g.window(), g.inC(), g.outC(), impl);
    }

    /** The portable fully connected kernels walk their rows forward, each row's units in order. */
    private static Implementation overRows(Layer l, FullyConnected.Geometry g, Implementation impl) {
        return impl.inPlace(List.of(0), AccessOrders.rows(g.batches(), g.depth(), g.units(),
                l.output(0).type().bytes()));
    }

    private static CCall pool(Layer l, Pool2D.Kernel2D p) {
        String op = p.mode() == Pool2D.Mode.AVERAGE ? "avg" : "max";
        CCall.Struct w = window(p.window(), p.channels(), p.channels());
        return p.range() != null
                ? CCall.of("tflc_" + op + "_pool2d_s8", w, CCall.i(p.range()[0]), CCall.i(p.range()[1]),
                        new CCall.Input(0), new CCall.Output(0))
                : CCall.of("tflc_" + op + "_pool2d_f32", w, CCall.f(p.floatRange()[0]), CCall.f(p.floatRange()[1]),
                        new CCall.Input(0), new CCall.Output(0));
    }

    /** A portable kernel call: its own file beside the shared headers, no scratch. */
    static Implementation implementation(CCall call) {
        return implementation(call, 0);
    }

    /** As {@link #implementation(CCall)} with {@code scratch} bytes of arena scratch. */
    static Implementation implementation(CCall call, long scratch) {
        List<String> files = new java.util.ArrayList<>(HEADERS);
        files.add(call.function() + ".c"); // and the runtime files it includes (CGenerator)
        return new Implementation(NAME, call, files, List.of("tflc_kernels.h"), scratch);
    }

    /** The C name of an integer type in kernel names: s8, s16, s32. */
    static String suffix(TensorType t) {
        return "s" + t.bytes() * 8;
    }
    /** The struct describing a sliding window, shared by convolutions and pooling. */
    static CCall.Struct window(Window w, int inC, int outC) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("batches", CCall.i(w.batches()));
        f.put("in_h", CCall.i(w.inH()));
        f.put("in_w", CCall.i(w.inW()));
        f.put("in_c", CCall.i(inC));
        f.put("filter_h", CCall.i(w.filterH()));
        f.put("filter_w", CCall.i(w.filterW()));
        f.put("out_h", CCall.i(w.outH()));
        f.put("out_w", CCall.i(w.outW()));
        f.put("out_c", CCall.i(outC));
        f.put("stride_h", CCall.i(w.strideH()));
        f.put("stride_w", CCall.i(w.strideW()));
        f.put("dilation_h", CCall.i(w.dilationH()));
        f.put("dilation_w", CCall.i(w.dilationW()));
        f.put("pad_h", CCall.i(w.padH()));
        f.put("pad_w", CCall.i(w.padW()));
        return new CCall.Struct("tflc_window_t", "window", f);
    }

    /**
     * The requantization struct of an int8 weighted operator: int32 multipliers and int8 shifts, one
     * of each per channel (one in all when every channel has the same).
     */
    static CCall.Struct requant(Weights.PerChannel q, int[] range) {
        boolean uniform = q.isUniform();
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("input_offset", CCall.i(q.inputOffset()));
        f.put("output_offset", CCall.i(q.outputOffset()));
        f.put("act_min", CCall.i(range[0]));
        f.put("act_max", CCall.i(range[1]));
        f.put("per_channel", CCall.i(uniform ? 0 : 1));
        f.put("multipliers", new CCall.Ints("multipliers", uniform ? new int[] {q.multipliers()[0]} : q.multipliers()));
        f.put("shifts", CCall.Ints.int8("shifts", int8Shifts(uniform ? new int[] {q.shifts()[0]} : q.shifts())));
        return new CCall.Struct("tflc_requant_t", "requant", f);
    }

    /**
     * Requantization shifts as int8 values. A shift below -31 never occurs (the multiplier is flushed
     * to 0 with shift 0); a left shift of 32 or more wraps modulo 32 in the kernels' fixed-point
     * helpers, as in the reference's int arithmetic, so it is stored modulo 32, which computes the
     * same: then every shift lies in [-31, 31].
     */
    public static int[] int8Shifts(int[] shifts) {
        int[] out = new int[shifts.length];
        for (int c = 0; c < shifts.length; c++) {
            out[c] = shifts[c] > 31 ? shifts[c] & 31 : shifts[c];
            if (out[c] < -31) {
                throw new IllegalArgumentException("requantization shift " + shifts[c] + " is below -31");
            }
        }
        return out;
    }

    /** NULL when both inputs have the output's elements, else the strides struct. */
    static CCall.Arg broadcast(Broadcast b) {
        if (b.isElementwise()) {
            return new CCall.Null();
        }
        if (b.outDims().length > 6) {
            throw new IllegalStateException("broadcast of rank " + b.outDims().length + " exceeds 6");
        }
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("rank", CCall.i(b.outDims().length));
        f.put("out_dims", new CCall.IntList(b.outDims()));
        f.put("strides1", new CCall.IntList(b.strides1()));
        f.put("strides2", new CCall.IntList(b.strides2()));
        return new CCall.Struct("tflc_broadcast_t", "broadcast", f);
    }

    static CCall.Struct addParams(Add.Int8 a) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("left_shift", CCall.i(a.leftShift()));
        f.put("offset1", CCall.i(a.offset1()));
        f.put("multiplier1", CCall.i(a.m1().multiplier()));
        f.put("shift1", CCall.i(a.m1().shift()));
        f.put("offset2", CCall.i(a.offset2()));
        f.put("multiplier2", CCall.i(a.m2().multiplier()));
        f.put("shift2", CCall.i(a.m2().shift()));
        f.put("output_offset", CCall.i(a.outputOffset()));
        f.put("output_multiplier", CCall.i(a.mo().multiplier()));
        f.put("output_shift", CCall.i(a.mo().shift()));
        f.put("act_min", CCall.i(a.range()[0]));
        f.put("act_max", CCall.i(a.range()[1]));
        return new CCall.Struct("tflc_add_params_t", "params", f);
    }
}
