package dev.tflc.lower.optimized;

import dev.tflc.ir.TensorType;
import dev.tflc.lower.AccessOrders;
import dev.tflc.lower.Band;
import dev.tflc.lower.CCall;
import dev.tflc.lower.Implementation;
import dev.tflc.lower.Layer;
import dev.tflc.lower.LayerCode;
import dev.tflc.lower.Offer;
import dev.tflc.lower.optimized.OptimizedKernels.Form;
import dev.tflc.ops.Conv2D;
import dev.tflc.ops.DepthwiseConv2D;
import dev.tflc.ops.FullyConnected;
import dev.tflc.ops.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The float32 layers of the {@code optimized} set: FULLY_CONNECTED, CONV_2D (one group; a 1x1 window
 * without padding reads its pixels in place, any other is gathered two windows at a time in the
 * scratch) and DEPTHWISE_CONV_2D with channel multiplier 1, each a function of its own calling an
 * inline kernel of {@code runtime-c/tflc_opt_f32.h}, fully connected and convolution weights in blocks
 * of 4 units, the 4 weights of each depth index side by side. The kernels keep each output's sum in
 * the reference's order, so the outputs are the reference's bit for bit.
 */
final class FloatKernels {
    private FloatKernels() {
    }

    static Offer fullyConnected(Layer layer, FullyConnected.Float32 fc) {
        FullyConnected.Geometry g = fc.geometry();
        String name = layer.name();
        List<LayerCode.Array> arrays = arrays(layer, fc.weights(), fc.bias(), g.units(), g.depth());
        String function = name + "_opt_fc";
        Function<Form, String> text = form -> "/* " + name + ": FULLY_CONNECTED float32 " + g.batches() + " x "
                + g.depth() + " -> " + g.units() + "; 2 rows x 4 units per pass */\n"
                + signature(function, false, form) + out(form, fc.bias(), fc.range())
                + "    tflc_opt_matmul_f32(" + g.batches() + ", " + g.depth() + ", " + g.units() + ", input, "
                + form.array("weights") + ", &out, output);\n}\n";
        return OptimizedKernels.floatImplementation(call(function, false), 0, Form.code(layer, arrays, text))
                .inPlace(List.of(0), AccessOrders.rowPairs(g.batches(), g.depth(), g.units(), false, Float.BYTES));
    }

    static Offer conv(Layer layer, Conv2D.Float32 c) {
        Conv2D.Geometry g = c.geometry();
        Window w = g.window();
        if (g.groups() > 1) {
            return Offer.decline("grouped convolution (" + g.groups() + " groups)");
        }
        ConvolutionWalk walk = ConvolutionWalk.of(w, g.inC(), g.outC());
        boolean oneByOne = walk.oneByOne();
        int depth = w.filterH() * w.filterW() * g.inC();
        String name = layer.name();
        List<LayerCode.Array> arrays = arrays(layer, c.filter(), c.bias(), g.outC(), depth);
        String function = name + (oneByOne ? "_opt_1x1" : "_opt_conv");
        Function<Form, String> text = form -> "/* " + name + ": CONV_2D float32 " + w.filterH() + "x" + w.filterW()
                + walk.description() + "; 2 pixels x 4 output channels per pass */\n"
                + signature(function, !oneByOne, form)
                + (walk.rows() ? "" : OptimizedKernels.window(w, g.inC(), g.outC(), 0))
                + out(form, c.bias(), c.range())
                + (walk.rows() ? "    " + walk.matmul("f32") + "(" + walk.pixels() + ", " + g.inC() + ", "
                        + g.outC() + ", input, " + form.array("weights") + ", &out, output);\n}\n"
                        : oneByOne ? "    tflc_opt_conv_1x1_f32(&window, input, " + form.array("weights")
                                + ", &out, output);\n}\n"
                        : "    tflc_opt_conv_f32(&window, input, " + form.array("weights")
                                + ", &out, output, (float *)scratch);\n}\n");
        long scratch = oneByOne ? 0 : 2L * depth * Float.BYTES;
        Implementation impl = OptimizedKernels.floatImplementation(call(function, !oneByOne), scratch,
                Form.code(layer, arrays, text)).inPlace(List.of(0), walk.access(Float.BYTES));
        if (w.batches() != 1) {
            return impl;
        }
        // on a band of rows: the same walk over the band's rows (the rows of a matrix are its pixels)
        String band = function + "_band";
        String b = "/* " + name + ": CONV_2D float32 " + w.filterH() + "x" + w.filterW() + " on a band of output rows "
                + "(patch-based execution), as " + function + " */\n"
                + bandSignature(band, !oneByOne, layer)
                + (walk.rows() ? "" : OptimizedKernels.bandWindow(w, g.inC(), g.outC(), 0))
                + out(Form.own(layer), c.bias(), c.range())
                + (walk.rows() ? "    (void)in_h;\n    (void)pad_h;\n    " + walk.matmul("f32") + "(out_h * " + w.outW()
                        + ", " + g.inC() + ", " + g.outC() + ", input, " + name + "_opt_weights, &out, output);\n}\n"
                        : OptimizedKernels.BAND_ROWS + (oneByOne ? "    tflc_opt_conv_1x1_f32(&window, input, " + name
                                + "_opt_weights, &out, output);\n}\n"
                        : "    tflc_opt_conv_f32(&window, input, " + name
                                + "_opt_weights, &out, output, (float *)scratch);\n}\n"));
        return impl.withBand(new Band(band, new LayerCode(arrays, b), !oneByOne, w, g.inC(), g.outC(),
                TensorType.FLOAT32));
    }

    static Offer depthwise(Layer layer, DepthwiseConv2D.Float32 d) {
        DepthwiseConv2D.Geometry g = d.geometry();
        Window w = g.window();
        if (g.multiplier() != 1) {
            return Offer.decline("float32 channel multiplier " + g.multiplier() + " (only 1)");
        }
        String name = layer.name();
        List<LayerCode.Array> arrays = new ArrayList<>();
        arrays.add(LayerCode.floats(name + "_opt_filter", LayerCode.Role.WEIGHTS, layer.input(1).name(),
                "the filter [" + w.filterH() + "][" + w.filterW() + "][" + g.inC() + "]", d.filter()));
        bias(layer, d.bias(), arrays);
        String function = name + "_opt_depthwise";
        Function<Form, String> text = form -> "/* " + name + ": DEPTHWISE_CONV_2D float32 " + w.filterH() + "x"
                + w.filterW() + ", " + g.inC() + " channels; 4 channels per pass */\n"
                + signature(function, false, form) + OptimizedKernels.window(w, g.inC(), g.inC(), 0)
                + out(form, d.bias(), d.range())
                + "    tflc_opt_depthwise_f32(&window, input, " + form.array("filter") + ", &out, output);\n}\n";
        Implementation impl = OptimizedKernels.floatImplementation(call(function, false), 0,
                Form.code(layer, arrays, text)).inPlace(List.of(0), AccessOrders.pixels(w, g.inC(), g.inC(), Float.BYTES));
        if (w.batches() != 1) {
            return impl;
        }
        String band = function + "_band";
        String b = "/* " + name + ": DEPTHWISE_CONV_2D float32 " + w.filterH() + "x" + w.filterW()
                + " on a band of output rows (patch-based execution), as " + function + " */\n"
                + bandSignature(band, false, layer) + OptimizedKernels.bandWindow(w, g.inC(), g.inC(), 0)
                + out(Form.own(layer), d.bias(), d.range()) + OptimizedKernels.BAND_ROWS
                + "    tflc_opt_depthwise_f32(&window, input, " + name + "_opt_filter, &out, output);\n}\n";
        return impl.withBand(new Band(band, new LayerCode(arrays, b), false, w, g.inC(), g.inC(), TensorType.FLOAT32));
    }

    /** A layer function's signature in {@code form}. */
    private static String signature(String function, boolean scratch, Form form) {
        // no restrict on input and output: the memory plan may place the output over the input
        return "TFLC_OPT_LAYER void " + function + "(const float *input, float *output"
                + (scratch ? ", void *restrict scratch" : "") + form.parameters() + ")\n{\n";
    }

    /** A band function's signature: the layer's, and the band's input height, top padding and output height. */
    private static String bandSignature(String function, boolean scratch, Layer layer) {
        return signature(function, scratch, Form.own(layer)).replace(")\n{\n", ", int32_t in_h, int32_t pad_h, int32_t out_h)\n{\n");
    }

    private static CCall call(String function, boolean scratch) {
        return scratch ? CCall.of(function, new CCall.Input(0), new CCall.Output(0), new CCall.Scratch())
                : CCall.of(function, new CCall.Input(0), new CCall.Output(0));
    }

    /** The struct of what the layer adds to its sums: bias (or NULL) and activation range. */
    private static String out(Form form, float[] bias, float[] range) {
        return "    " + form.constant() + "tflc_opt_f32_out_t out = { " + (bias == null ? "NULL" : form.array("bias"))
                + ", " + literal(range[0]) + ", " + literal(range[1])
                + " }; /* bias, activation range */\n";
    }

    /** A C literal of the finite float v that reads back as v. */
    private static String literal(float v) {
        if (!Float.isFinite(v)) {
            throw new IllegalStateException("non-finite activation bound " + v);
        }
        return Float.toString(v) + "f";
    }

    /**
     * The weights ([units][depth]) in blocks of 4 units, per depth index the block's 4 weights, then
     * the last units % 4 rows as they are; and the bias, if any.
     */
    private static List<LayerCode.Array> arrays(Layer layer, float[] rows, float[] bias, int units, int depth) {
        float[] laid = new float[units * depth];
        int blocked = units / 4 * 4;
        int o = 0;
        for (int u = 0; u < blocked; u += 4) {
            for (int d = 0; d < depth; d++) {
                for (int j = 0; j < 4; j++) {
                    laid[o++] = rows[(u + j) * depth + d];
                }
            }
        }
        System.arraycopy(rows, blocked * depth, laid, o, (units - blocked) * depth);
        List<LayerCode.Array> arrays = new ArrayList<>();
        arrays.add(LayerCode.floats(layer.name() + "_opt_weights", LayerCode.Role.WEIGHTS, layer.input(1).name(),
                "the weights in blocks of 4 units, the 4 of each depth index side by side", laid));
        bias(layer, bias, arrays);
        return arrays;
    }

    /** The bias, if any, added to {@code arrays}. */
    private static void bias(Layer layer, float[] bias, List<LayerCode.Array> arrays) {
        if (bias != null) {
            arrays.add(LayerCode.floats(layer.name() + "_opt_bias", LayerCode.Role.WEIGHTS, layer.input(2).name(),
                    "the bias", bias));
        }
    }
}
