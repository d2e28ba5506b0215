package dev.tflc.lower.optimized;

import dev.tflc.lower.Access;
import dev.tflc.lower.AccessOrders;
import dev.tflc.ir.TensorType;
import dev.tflc.lower.Band;
import dev.tflc.lower.CCall;
import dev.tflc.lower.Implementation;
import dev.tflc.lower.KernelSet;
import dev.tflc.lower.Layer;
import dev.tflc.lower.LayerCode;
import dev.tflc.lower.Offer;
import dev.tflc.lower.PackedWeights;
import dev.tflc.ops.Conv2D;
import dev.tflc.ops.DepthwiseConv2D;
import dev.tflc.ops.FullyConnected;
import dev.tflc.ops.Weights;
import dev.tflc.ops.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The {@code optimized} kernel set: for int8 CONV_2D, DEPTHWISE_CONV_2D (channel multiplier 1) and
 * FULLY_CONNECTED, and float32 FULLY_CONNECTED, CONV_2D and DEPTHWISE_CONV_2D (multiplier 1), a
 * function of the layer's own in the generated source. It passes every shape and parameter as a constant to an inline
 * kernel of {@code runtime-c/tflc_opt_s8.h} or {@code tflc_opt_f32.h}, so the C compiler specialises
 * that kernel for the layer, and it prepares the constants the kernel wants: the input offset folded
 * into the bias (int8), the weights laid out in the order the inner loop reads them. Other layers are
 * left to the next set.
 */
public final class OptimizedKernels implements KernelSet {
    public static final String NAME = "optimized";
    private static final String HEADER = "tflc_opt_s8.h";
    private static final String FLOAT_HEADER = "tflc_opt_f32.h";
    private static final String COMMON = "tflc_opt.h";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Offer offer(Layer layer) {
        if (PackedWeights.has(layer)) {
            return Offer.decline("its weights are INT4, kept packed in flash for a shared kernel to unpack");
        }
        if (layer.kernel() instanceof Conv2D.Int8 c) {
            return conv(layer, c, null, null);
        }
        if (layer.kernel() instanceof DepthwiseConv2D.Int8 d) {
            return depthwise(layer, d, null, null);
        }
        if (layer.kernel() instanceof FullyConnected.Int8 f) {
            return fullyConnected(layer, f, null);
        }
        boolean isFloat = layer.kernel() instanceof FullyConnected.Float32 || layer.kernel() instanceof Conv2D.Float32
                || layer.kernel() instanceof DepthwiseConv2D.Float32;
        if (isFloat && "none".equals(layer.target().fpu())) {
            // software floating point: each product and sum is a library call, which blocking does not save
            return Offer.decline("float32 on a core without an FPU (the shared kernel is smaller, hardly slower)");
        }
        if (layer.kernel() instanceof FullyConnected.Float32 f) {
            return FloatKernels.fullyConnected(layer, f);
        }
        if (layer.kernel() instanceof Conv2D.Float32 c) {
            return FloatKernels.conv(layer, c);
        }
        if (layer.kernel() instanceof DepthwiseConv2D.Float32 d) {
            return FloatKernels.depthwise(layer, d);
        }
        String type = layer.op().outputs().isEmpty() ? "" : layer.output(0).type().name().toLowerCase(Locale.ROOT) + " ";
        return Offer.decline("no optimized kernel for " + type + layer.op().kind());
    }

    // ---- CONV_2D ----------------------------------------------------------------------------------

    private static Offer conv(Layer layer, Conv2D.Int8 c, ResidualAdd add, Part part) {
        Conv2D.Geometry g = c.geometry();
        Window w = g.window();
        if (g.groups() > 1) {
            return Offer.decline("grouped convolution (" + g.groups() + " groups)");
        }
        return convolution(layer, "CONV_2D", w, g.inC(), g.outC(), c.filter(), c.quant(), c.bias(), c.range(), add, part);
    }

    /**
     * A convolution (a depthwise one of one input channel too) with an int8 ADD of its output and a
     * residual done in its stores (tflc_opt_add_row): the layer's function takes the residual after its
     * input, and writes the ADD's output, which may lie over the residual. Layers of another kind, or
     * a float or int16 ADD, are not fused.
     */
    @Override
    public Implementation fuse(Layer layer, Implementation chosen, Layer consumer, int residualPosition) {
        // Lowering offers an ADD of two tensors of its output's shape alone: no broadcast
        if (!(consumer.kernel() instanceof dev.tflc.ops.Add.Int8 a) || !chosen.kernelSet().equals(NAME)) {
            return null;
        }
        ResidualAdd add = new ResidualAdd(a, residualPosition, layer.op().inputs().size());
        Offer offer = layer.kernel() instanceof Conv2D.Int8 c ? conv(layer, c, add, null)
                : layer.kernel() instanceof DepthwiseConv2D.Int8 d && d.geometry().inC() == 1 ? depthwise(layer, d, add, null)
                : null;
        return offer instanceof Implementation impl ? impl : null;
    }

    /**
     * An int8 convolution, depthwise convolution or fully connected layer that writes each output pixel
     * (row) of {@code rowElements} (its channels, or units) {@code strideElements} apart: the stores'
     * q->out_stride. The layer's function is otherwise the same; it writes over none of its inputs and
     * does not run in bands.
     */
    @Override
    public Implementation interleaved(Layer layer, Implementation chosen, int rowElements, int strideElements,
            String part) {
        if (!chosen.kernelSet().equals(NAME)) {
            return null;
        }
        Part p = new Part(strideElements, part);
        Offer offer = layer.kernel() instanceof Conv2D.Int8 c && c.geometry().outC() == rowElements ? conv(layer, c, null, p)
                : layer.kernel() instanceof DepthwiseConv2D.Int8 d && d.geometry().outC() == rowElements
                        ? depthwise(layer, d, null, p)
                : layer.kernel() instanceof FullyConnected.Int8 f && f.geometry().units() == rowElements
                        ? fullyConnected(layer, f, p)
                : null;
        return offer instanceof Implementation impl ? impl : null;
    }

    /**
     * Where a layer writes its output as a part of a concatenation ({@link #interleaved}): each output
     * pixel (row) {@code stride} elements from the last; {@code describe} says which part of which
     * layer's output, for the generated code's comments.
     */
    private record Part(int stride, String describe) {
    }

    /**
     * The ADD a convolution does in its stores: {@code add}'s parameters, the residual its input
     * {@code residualPosition} (the layer's own value the other), at position {@code stepPosition} of
     * the fused step's inputs.
     */
    private record ResidualAdd(dev.tflc.ops.Add.Int8 add, int residualPosition, int stepPosition) {
        /** The function {@code function} that runs the ADD of layer {@code index} over one pixel's values. */
        String rowFunction(String function, int index) {
            return "/* the ADD of layer " + index + " over one pixel's values, in the stores of the layer below */\n"
                    + "TFLC_OPT_LAYER void " + function + "(ptrdiff_t residual, const int8_t *values, int8_t *out, "
                    + "int32_t n)\n{\n" + struct() + "    tflc_opt_add_row(&add, residual, values, out, n);\n}\n\n";
        }

        /**
         * The ADD's parameters as a tflc_add_params_t, the layer's value its first input (the sum
         * is the same either way: each input is scaled on its own).
         */
        String struct() {
            boolean ownFirst = residualPosition == 1;
            int ownOffset = ownFirst ? add.offset1() : add.offset2();
            dev.tflc.ops.FixedPoint.Multiplier own = ownFirst ? add.m1() : add.m2();
            int resOffset = ownFirst ? add.offset2() : add.offset1();
            dev.tflc.ops.FixedPoint.Multiplier res = ownFirst ? add.m2() : add.m1();
            return "    static const tflc_add_params_t add = {\n"
                    + "        " + add.leftShift() + ", /* left shift */\n"
                    + "        " + ownOffset + ", " + own.multiplier() + ", " + own.shift()
                    + ", /* the layer's value (ADD input " + (1 - residualPosition) + "): offset, multiplier, shift */\n"
                    + "        " + resOffset + ", " + res.multiplier() + ", " + res.shift()
                    + ", /* the residual (ADD input " + residualPosition + "): offset, multiplier, shift */\n"
                    + "        " + add.outputOffset() + ", " + add.mo().multiplier() + ", " + add.mo().shift()
                    + ", /* output offset, multiplier, shift */\n"
                    + "        " + add.range()[0] + ", " + add.range()[1] + " /* activation range */\n    };\n";
        }
    }

    /**
     * A convolution of one group: {@code filter} is [outC][filterH][filterW][inC]. A 1x1 window without
     * padding reads its pixels in place; any other window is gathered, two pixels at a time, in the
     * scratch.
     */
    private static Offer convolution(Layer layer, String kind, Window w, int inC, int outC, int[] filter,
            Weights.PerChannel quant, int[] bias, int[] range, ResidualAdd add, Part part) {
        Offer.Decline refused = refuse(quant);
        if (refused != null) {
            return refused;
        }
        int depth = w.filterH() * w.filterW() * inC;
        ConvolutionWalk walk = ConvolutionWalk.of(w, inC, outC);
        String name = layer.name();
        String function = name + (walk.oneByOne() ? "_opt_1x1" : "_opt_conv") + (add == null ? "" : "_add");
        List<LayerCode.Array> arrays = new ArrayList<>();
        arrays.add(pairedWeights(layer, filter, outC, depth));
        Requant requant = requant(layer, quant, range, bias, filter, outC, depth, arrays, part);
        Scratch scratch = new Scratch(walk.oneByOne() ? 0 : round4(2L * depth), wideBytes(layer, walk.pixels(), depth),
                add == null ? 0 : round4(2L * outC));
        String call = walk.rows() ? "    " + walk.matmul("s8") + "(" + walk.pixels() + ", " + inC + ", " + outC + ", input, "
                : walk.oneByOne() ? "    tflc_opt_conv_1x1_s8(&window, input, " : "    tflc_opt_conv_s8(&window, input, ";
        Function<Form, String> text = form -> blockCheck(layer)
                + (add == null ? "" : add.rowFunction(name + "_opt_add_row", addIndex(layer)))
                + "/* " + name + ": " + kind + " " + w.filterH() + "x" + w.filterW() + " as a convolution"
                + walk.description() + "; 2 pixels x 2 output channels per pass"
                + (add == null ? "" : "; then the ADD of layer " + addIndex(layer) + " with the residual, in its stores")
                + (part == null ? "" : "; its output " + part.describe()) + " */\n"
                + (add == null ? scratch.signature(function, form) : scratch.residualSignature(function, form))
                + (walk.rows() ? "" : window(w, inC, outC, quant))
                + (add == null ? requant.text(form)
                        : withResidual(requant.text(form), name + "_opt_add_row", scratch.valuesArgument()))
                + call + form.array("weights") + ", &requant, output, " + (walk.oneByOne() ? "" : "(int8_t *)scratch, ")
                + scratch.wideArgument() + ");\n}\n";
        LayerCode code = Form.code(layer, arrays, text);
        if (add != null) {
            // the output over the convolution's input (as the layer alone), or over the residual at its
            // own place: each element of it is read just before the same element of the output is written
            int r = add.stepPosition();
            long bytes = (long) w.batches() * w.outH() * w.outW() * outC;
            return implementation(scratch.residualCall(function, r), scratch.bytes(), code)
                    .inPlace(List.of(r, 0), List.of(Access.sameIndex(bytes, 1,
                            "at the residual's own place, each element read before it is written"), walk.access(1)));
        }
        if (part != null) {
            return implementation(scratch.call(function), scratch.bytes(), code);
        }
        Implementation impl = implementation(scratch.call(function), scratch.bytes(), code)
                .inPlace(List.of(0), walk.access(1));
        if (w.batches() != 1) {
            return impl;
        }
        // on a band of rows: the same walk over the band's rows (a 1x1 window without padding keeps
        // its rows; the rows of a matrix are the band's pixels)
        String band = name + (walk.oneByOne() ? "_opt_1x1_band" : "_opt_conv_band");
        String bandCall = walk.rows() ? "    " + walk.matmul("s8") + "(out_h * " + w.outW() + ", " + inC + ", " + outC
                + ", input, " : walk.oneByOne() ? "    tflc_opt_conv_1x1_s8(&window, input, " : "    tflc_opt_conv_s8(&window, input, ";
        String b = blockCheck(layer) + "/* " + name + ": " + kind + " " + w.filterH() + "x" + w.filterW()
                + " on a band of output rows (patch-based execution), as " + function + " */\n"
                + scratch.bandSignature(band) + (walk.rows() ? "" : bandWindow(w, inC, outC, -quant.inputOffset()))
                + requant.text(Form.own(layer)) + (walk.rows() ? "    (void)in_h;\n    (void)pad_h;\n" : BAND_ROWS) + bandCall + name
                + "_opt_weights, &requant, output, "
                + (walk.oneByOne() ? "" : "(int8_t *)scratch, ") + scratch.wideArgument() + ");\n}\n";
        return impl.withBand(new Band(band, new LayerCode(arrays, b), scratch.bytes() > 0, w, inC, outC, TensorType.INT8));
    }

    /**
     * What a layer's function takes in the scratch: {@code patches} bytes of gathered windows, then
     * {@code values} bytes of two pixels' values on their way through an ADD in the stores, then
     * {@code wide} bytes of two windows widened to int16 (none: no scratch, no argument).
     */
    private record Scratch(long patches, long wide, long values) {
        Scratch(long patches, long wide) {
            this(patches, wide, 0);
        }

        long bytes() {
            return patches + wide + values;
        }

        /**
         * The pointer to the two pixels' values a layer with an ADD in its stores keeps: after the gathered
         * windows, before the int16 area (were it after, a path where that area's pointer is NULL would
         * make the values' pointer a small constant, which gcc's bounds warnings refuse).
         */
        String valuesArgument() {
            return "(int8_t *)scratch + " + patches;
        }

        String bandSignature(String function) {
            return "TFLC_OPT_LAYER void " + function + "(const int8_t *input, int8_t *output"
                    + (bytes() > 0 ? ", void *restrict scratch" : "") + ", int32_t in_h, int32_t pad_h, int32_t out_h)\n{\n";
        }

        /** A layer function's signature in {@code form}. */
        String signature(String function, Form form) {
            // no restrict on input and output: the memory plan may place the output over the input
            return "TFLC_OPT_LAYER void " + function + "(const int8_t *input, int8_t *output"
                    + (bytes() > 0 ? ", void *restrict scratch" : "") + form.parameters() + ")\n{\n";
        }

        /** The signature of a layer that adds a residual in its stores ({@link ResidualAdd}). */
        String residualSignature(String function, Form form) {
            return "TFLC_OPT_LAYER void " + function + "(const int8_t *input, const int8_t *residual, int8_t *output"
                    + (bytes() > 0 ? ", void *restrict scratch" : "") + form.parameters() + ")\n{\n";
        }

        /** The call of such a layer, the residual its step's input {@code residual}. */
        CCall residualCall(String function, int residual) {
            return bytes() > 0 ? CCall.of(function, new CCall.Input(0), new CCall.Input(residual), new CCall.Output(0),
                    new CCall.Scratch())
                    : CCall.of(function, new CCall.Input(0), new CCall.Input(residual), new CCall.Output(0));
        }

        /** The int16 area's pointer, or NULL. */
        String wideArgument() {
            return wide == 0 ? "NULL" : patches + values == 0 ? "(int16_t *)scratch"
                    : "(int16_t *)(void *)((int8_t *)scratch + " + (patches + values) + ")";
        }

        CCall call(String function) {
            return bytes() > 0 ? CCall.of(function, new CCall.Input(0), new CCall.Output(0), new CCall.Scratch())
                    : CCall.of(function, new CCall.Input(0), new CCall.Output(0));
        }
    }

    /**
     * On cores with the DSP extension and without MVE, a layer that runs pixels (rows) in pairs widens
     * each pair of windows of {@code depth} values to int16 once for all output channels: 2 x
     * round4(depth) int16.
     */
    private static long wideBytes(Layer layer, long pixels, int depth) {
        return layer.target().dsp() && block(layer) == 4 && pixels >= 2 ? 4 * round4(depth) : 0;
    }

    // ---- FULLY_CONNECTED --------------------------------------------------------------------------

    private static Offer fullyConnected(Layer layer, FullyConnected.Int8 fc, Part part) {
        FullyConnected.Geometry g = fc.geometry();
        Offer.Decline refused = refuse(fc.quant());
        if (refused != null) {
            return refused;
        }
        String name = layer.name();
        String function = name + "_opt_fc";
        List<LayerCode.Array> arrays = new ArrayList<>();
        arrays.add(pairedWeights(layer, fc.weights(), g.units(), g.depth()));
        Requant requant = requant(layer, fc.quant(), fc.range(), fc.bias(), fc.weights(), g.units(), g.depth(), arrays,
                part);
        Scratch scratch = new Scratch(0, wideBytes(layer, g.batches(), g.depth()));
        Function<Form, String> text = form -> blockCheck(layer) + "/* " + name + ": FULLY_CONNECTED "
                + g.batches() + " x " + g.depth() + " -> " + g.units()
                + "; 2 rows x 2 units per pass" + (part == null ? "" : "; its output " + part.describe()) + " */\n"
                + scratch.signature(function, form) + requant.text(form)
                + "    tflc_opt_matmul_s8(" + g.batches() + ", " + g.depth() + ", " + g.units() + ", input, "
                + form.array("weights") + ", &requant, output, " + scratch.wideArgument() + ");\n}\n";
        Implementation impl = implementation(scratch.call(function), scratch.bytes(), Form.code(layer, arrays, text));
        return part != null ? impl
                : impl.inPlace(List.of(0), AccessOrders.rowPairs(g.batches(), g.depth(), g.units(), false, 1));
    }

    // ---- DEPTHWISE_CONV_2D ------------------------------------------------------------------------

    private static Offer depthwise(Layer layer, DepthwiseConv2D.Int8 d, ResidualAdd add, Part part) {
        DepthwiseConv2D.Geometry g = d.geometry();
        Window w = g.window();
        if (g.inC() == 1) {
            // one input channel: a convolution whose filter [1][h][w][outC] is read as [outC][h][w][1]
            int taps = w.filterH() * w.filterW();
            int[] ohwi = new int[g.outC() * taps];
            for (int t = 0; t < taps; t++) {
                for (int oc = 0; oc < g.outC(); oc++) {
                    ohwi[oc * taps + t] = d.filter()[t * g.outC() + oc];
                }
            }
            return convolution(layer, "DEPTHWISE_CONV_2D", w, 1, g.outC(), ohwi, d.quant(), d.bias(), d.range(), add,
                    part);
        }
        if (add != null) {
            return Offer.decline("an ADD in the stores of a depthwise layer of more than one input channel");
        }
        if (g.multiplier() != 1) {
            return Offer.decline("channel multiplier " + g.multiplier() + " (only 1, or one input channel)");
        }
        Offer.Decline refused = refuse(d.quant());
        if (refused != null) {
            return refused;
        }
        int channels = g.inC();
        int taps = w.filterH() * w.filterW();
        String name = layer.name();
        String function = name + "_opt_depthwise";
        // the filter is [taps][channels]; the kernel reads, per block of 4 channels and per tap, the
        // block's 4 weights as int16 in the order c0 c2 c1 c3 (SXTB16's lanes), with MVE c0 c1 c2 c3
        boolean mve = block(layer) == 16;
        int blocks = (channels + 3) / 4;
        int[] laid = new int[blocks * taps * 4];
        int[] order = mve ? new int[] {0, 1, 2, 3} : new int[] {0, 2, 1, 3};
        for (int b = 0; b < blocks; b++) {
            for (int t = 0; t < taps; t++) {
                for (int j = 0; j < 4; j++) {
                    int ch = b * 4 + order[j];
                    laid[(b * taps + t) * 4 + j] = ch < channels ? d.filter()[t * channels + ch] : 0;
                }
            }
        }
        // per channel, the filter transposed to [channels][taps] for the bias fold
        int[] byChannel = new int[channels * taps];
        for (int t = 0; t < taps; t++) {
            for (int ch = 0; ch < channels; ch++) {
                byChannel[ch * taps + t] = d.filter()[t * channels + ch];
            }
        }
        List<LayerCode.Array> arrays = new ArrayList<>();
        arrays.add(new LayerCode.Array("int16_t", name + "_opt_weights", LayerCode.Role.WEIGHTS, layer.input(1).name(),
                "the filter per block of 4 channels and tap, in the order " + (mve ? "c0 c1 c2 c3" : "c0 c2 c1 c3"),
                laid));
        Requant requant = requant(layer, d.quant(), d.range(), d.bias(), byChannel, channels, taps, arrays, part);
        arrays.add(new LayerCode.Array("int32_t", name + "_opt_edge_bias", LayerCode.Role.TABLE, biasName(layer, d.bias()),
                "the bias without the input offset (windows that reach into the padding)",
                d.bias() == null ? new int[channels] : d.bias()));
        Function<Form, String> text = form -> blockCheck(layer) + "/* " + name + ": DEPTHWISE_CONV_2D "
                + w.filterH() + "x" + w.filterW() + ", " + channels
                + " channels; 4 channels per pass" + (part == null ? "" : "; its output " + part.describe()) + " */\n"
                + "TFLC_OPT_LAYER void " + function + "(const int8_t *input, int8_t *output" + form.parameters()
                + ")\n{\n" + window(w, channels, channels, d.quant()) + requant.text(form)
                + "    tflc_opt_depthwise_s8(&window, " + d.quant().inputOffset() + ", input, " + form.array("weights")
                + ", " + form.array("edge_bias") + ", &requant, output);\n}\n";
        Implementation own = implementation(CCall.of(function, new CCall.Input(0), new CCall.Output(0)), 0,
                Form.code(layer, arrays, text));
        if (part != null) {
            return own;
        }
        Implementation impl = own.inPlace(List.of(0), AccessOrders.pixels(w, channels, channels, 1));
        if (w.batches() != 1) {
            return impl;
        }
        String band = name + "_opt_depthwise_band";
        String b = blockCheck(layer) + "/* " + name + ": DEPTHWISE_CONV_2D " + w.filterH() + "x" + w.filterW()
                + " on a band of output rows (patch-based execution), as " + function + " */\n"
                + "TFLC_OPT_LAYER void " + band + "(const int8_t *input, int8_t *output, int32_t in_h, int32_t pad_h, "
                + "int32_t out_h)\n{\n"
                + bandWindow(w, channels, channels, -d.quant().inputOffset()) + requant.text(Form.own(layer)) + BAND_ROWS
                + "    tflc_opt_depthwise_s8(&window, " + d.quant().inputOffset() + ", input, " + name
                + "_opt_weights, " + name + "_opt_edge_bias, &requant, output);\n}\n";
        return impl.withBand(new Band(band, new LayerCode(arrays, b), false, w, channels, channels, TensorType.INT8));
    }

    // ---- shared -----------------------------------------------------------------------------------

    /** Why the set declines these quantization parameters, or null. */
    private static Offer.Decline refuse(Weights.PerChannel q) {
        int zeroPoint = -q.inputOffset();
        if (zeroPoint < -128 || zeroPoint > 127) {
            return Offer.decline("input zero point " + zeroPoint + " is not an int8");
        }
        for (int m : q.multipliers()) {
            if (m < 0) {
                return Offer.decline("negative multiplier " + m);
            }
        }
        for (int shift : q.shifts()) {
            if (shift < -31 || shift > 31) {
                return Offer.decline("requantization shift " + shift + " is outside -31..31");
            }
        }
        return null;
    }

    /**
     * How a layer's function reaches the layer's arrays: by their names (its own function), or, in
     * the form layers of the same shapes and parameters share ({@code shared}: --optimize balanced),
     * as its last parameters, each named by what follows the layer's name and "_opt_" in the array's
     * name (weights, bias, multipliers, ...), in the order of {@code arrays}.
     */
    record Form(Layer layer, List<LayerCode.Array> arrays, boolean shared) {
        /** The function that names its arrays. */
        static Form own(Layer layer) {
            return new Form(layer, List.of(), false);
        }

        /** The layer's code: its function text in both forms. */
        static LayerCode code(Layer layer, List<LayerCode.Array> arrays, Function<Form, String> text) {
            return new LayerCode(arrays, text.apply(own(layer)), text.apply(new Form(layer, arrays, true)));
        }

        /** The array the layer names {@code NAME_opt_SUFFIX}: that name, or the parameter's. */
        String array(String suffix) {
            return shared ? suffix : layer.name() + "_opt_" + suffix;
        }

        /** The parameters after the function's own: none, or the arrays, two to a line. */
        String parameters() {
            if (!shared) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < arrays.size(); i++) {
                LayerCode.Array a = arrays.get(i);
                sb.append(i % 2 == 0 ? ",\n    " : ", ").append("const ").append(a.type()).append(" *restrict ")
                        .append(a.name().substring(layer.name().length() + "_opt_".length()));
            }
            return sb.toString();
        }

        /**
         * How the function declares a struct that names the arrays: {@code static const} where it
         * names them, else a constant of the call (the C compiler folds its other fields all the same).
         */
        String constant() {
            return shared ? "const " : "static const ";
        }
    }

    private static long round4(long n) {
        return (n + 3) & ~3L;
    }

    private static Implementation implementation(CCall call, long scratch, LayerCode code) {
        return new Implementation(NAME, call, List.of(HEADER, COMMON, "tflc_fixed_point.h"), List.of(HEADER), scratch,
                code);
    }

    /** A float layer's implementation: its function, calling a kernel of tflc_opt_f32.h. */
    static Implementation floatImplementation(CCall call, long scratch, LayerCode code) {
        return new Implementation(NAME, call, List.of(FLOAT_HEADER, COMMON, "tflc_fixed_point.h"),
                List.of(FLOAT_HEADER), scratch, code);
    }

    /**
     * Rows of {@code depth} weights ([channels][depth]) in pairs of channels, as the kernel reads them:
     * {@link #block} values of the first row, as many of the second, ..., then the last depth % block
     * of each; an odd last channel is paired with itself.
     */
    private static LayerCode.Array pairedWeights(Layer layer, int[] rows, int channels, int depth) {
        int block = block(layer);
        int pairs = (channels + 1) / 2;
        int[] out = new int[pairs * 2 * depth];
        int o = 0;
        int whole = depth / block * block;
        for (int p = 0; p < pairs; p++) {
            int r0 = 2 * p * depth;
            int r1 = Math.min(2 * p + 1, channels - 1) * depth;
            for (int k = 0; k < whole; k += block) {
                for (int j = 0; j < block; j++) {
                    out[o++] = rows[r0 + k + j];
                }
                for (int j = 0; j < block; j++) {
                    out[o++] = rows[r1 + k + j];
                }
            }
            for (int k = whole; k < depth; k++) {
                out[o++] = rows[r0 + k];
            }
            for (int k = whole; k < depth; k++) {
                out[o++] = rows[r1 + k];
            }
        }
        return new LayerCode.Array("int8_t", layer.name() + "_opt_weights", LayerCode.Role.WEIGHTS, layer.input(1).name(),
                "the filter in pairs of output channels, " + block + " values of each in turn", out);
    }

    /**
     * How many values of a row the paired kernels take at a time: 16 int8 lanes with MVE (one
     * VMLADAVA), else 4 (one word: SXTB16 and two SMLAD with DSP).
     */
    static int block(Layer layer) {
        return layer.target().mve().equals("none") ? 4 : 16;
    }

    /**
     * A check before a layer's function: its weights are laid out for {@link #block} (and, for a
     * depthwise layer, in the lane order that goes with it), which tflc_opt_s8.h's TFLC_OPT_BLOCK must match (an output for a core with MVE built for one without,
     * or the reverse, stops at compile time rather than computing with the wrong layout).
     */
    private static String blockCheck(Layer layer) {
        int block = block(layer);
        return "#if TFLC_OPT_BLOCK != " + block + "\n#error \"" + layer.name() + ": weights laid out for "
                + (block == 16 ? "a core with" : "a core without") + " MVE: build for " + layer.target().name()
                + "\"\n#endif\n";
    }

    /**
     * The folded bias (bias + input offset x the sum of each channel's {@code depth} weights, wrapping
     * as the reference's int sum does; a table derived from the weights: the C compiler may fold a short
     * one into the code) and the multipliers and shifts, added to {@code arrays}; returns
     * the requantization struct that names them, its output pixels {@code channels}
     * elements apart, or as {@code part} places them (null: its own output).
     */
    private static Requant requant(Layer layer, Weights.PerChannel q, int[] range, int[] bias, int[] rows,
            int channels, int depth, List<LayerCode.Array> arrays, Part part) {
        String name = layer.name();
        int[] folded = new int[channels];
        for (int ch = 0; ch < channels; ch++) {
            int sum = 0;
            for (int k = 0; k < depth; k++) {
                sum += rows[ch * depth + k];
            }
            folded[ch] = (bias == null ? 0 : bias[ch]) + q.inputOffset() * sum;
        }
        boolean uniform = q.isUniform();
        arrays.add(new LayerCode.Array("int32_t", name + "_opt_bias", LayerCode.Role.TABLE, biasName(layer, bias),
                "bias + input offset (" + q.inputOffset() + ") x the sum of the channel's filter", folded));
        arrays.add(new LayerCode.Array("int32_t", name + "_opt_multipliers", LayerCode.Role.REQUANT, null,
                "requantization multipliers",
                uniform ? new int[] {q.multipliers()[0]} : q.multipliers()));
        // refuse() kept the shifts within -31..31: one byte each
        arrays.add(new LayerCode.Array("int8_t", name + "_opt_shifts", LayerCode.Role.REQUANT, null,
                "requantization shifts",
                uniform ? new int[] {q.shifts()[0]} : q.shifts()));
        String rest = "        " + (uniform ? 0 : 1) + ", " + q.outputOffset() + ", " + range[0] + ", " + range[1]
                + ", /* per channel, output offset, activation range */\n"
                + "        " + (part == null ? channels + ", /* elements from one output pixel (row) to the next */\n"
                        : part.stride() + ", /* elements from one output pixel to the next: " + part.describe() + " */\n")
                + "        NULL, NULL /* no ADD in the stores */\n    };\n";
        return form -> "    " + form.constant() + "tflc_opt_requant_t requant = {\n"
                + "        " + form.array("bias") + ", " + form.array("multipliers") + ", " + form.array("shifts") + ",\n"
                + rest;
    }

    /** A layer's requantization struct ({@link #requant}): its text in a form of the layer's function. */
    private interface Requant {
        String text(Form form);
    }

    /**
     * {@code requant}'s text ({@link #requant}) as a struct of the call, whose stores go through the
     * ADD of function {@code row} with the residual at its distance from the output, the values kept
     * at {@code values}.
     */
    private static String withResidual(String requant, String row, String values) {
        // the struct stays a constant the C compiler folds into the loops; what changes from run to
        // run is in `stores`, set before the call
        return "    static tflc_opt_stores_t stores;\n"
                + requant.replace("        NULL, NULL /* no ADD in the stores */", "        " + row
                        + ", &stores /* the ADD in the stores, and what this run sets for it */")
                + "    stores.residual = residual - output; /* the residual's distance from the output */\n"
                + "    stores.values = " + values + "; /* two pixels' values on their way to the ADD */\n";
    }

    /** The index of the ADD that reads {@code layer}'s output. */
    private static int addIndex(Layer layer) {
        int t = layer.op().output(0);
        return layer.graph().operators().stream().filter(o -> o.inputs().contains(t)).findFirst().orElseThrow().index();
    }

    /** The name of the layer's bias tensor, or null without one. */
    private static String biasName(Layer layer, int[] bias) {
        return bias == null ? null : layer.input(2).name();
    }

    /** The window struct's text. */
    private static String window(Window w, int inC, int outC, Weights.PerChannel q) {
        return window(w, inC, outC, -q.inputOffset());
    }

    /**
     * The window struct of a band function: the layer's window, to which {@link #BAND_ROWS} gives the
     * band's input height, top padding and output height (the function's arguments).
     */
    static String bandWindow(Window w, int inC, int outC, int zeroPoint) {
        return window(w, inC, outC, zeroPoint).replace("    static const tflc_opt_window_t window", "    tflc_opt_window_t window");
    }

    static final String BAND_ROWS = "    window.in_h = in_h;\n    window.pad_h = pad_h;\n    window.out_h = out_h;\n";

    /** The window struct's text; {@code zeroPoint}: what a padded tap reads. */
    static String window(Window w, int inC, int outC, int zeroPoint) {
        return "    static const tflc_opt_window_t window = {\n"
                + "        " + w.batches() + ", " + w.inH() + ", " + w.inW() + ", " + inC
                + ", /* batches, input height, width, channels */\n"
                + "        " + w.filterH() + ", " + w.filterW() + ", /* filter height, width */\n"
                + "        " + w.outH() + ", " + w.outW() + ", " + outC + ", /* output height, width, channels */\n"
                + "        " + w.strideH() + ", " + w.strideW() + ", " + w.dilationH() + ", " + w.dilationW() + ", "
                + w.padH() + ", " + w.padW() + ", /* stride, dilation, padding (h, w) */\n"
                + "        " + zeroPoint + " /* input zero point: what a padded tap reads */\n    };\n";
    }
}
