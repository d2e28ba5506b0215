package dev.tflc.lower.optimized;

import dev.tflc.lower.CCall;
import dev.tflc.lower.Layer;
import dev.tflc.lower.LayerCode;
import dev.tflc.lower.Offer;
import dev.tflc.ops.Conv2D;
import dev.tflc.ops.FullyConnected;
import dev.tflc.ops.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * The float32 layers of the {@code optimized} set: FULLY_CONNECTED and 1x1 CONV_2D without padding
 * (any stride), each a function of its own calling an inline kernel of {@code runtime-c/tflc_opt_f32.h}
 * with its weights in blocks of 4 units, the 4 weights of each depth index side by side. The kernels
 * keep each output's sum in the reference's order, so the outputs are the reference's bit for bit.
 */
final class FloatKernels {
    private FloatKernels() {
    }

    static Offer fullyConnected(Layer layer, FullyConnected.Float32 fc) {
        FullyConnected.Geometry g = fc.geometry();
        String name = layer.name();
        List<LayerCode.Array> arrays = arrays(layer, fc.weights(), fc.bias(), g.units(), g.depth());
        String function = name + "_opt_fc";
        String f = "/* " + name + ": FULLY_CONNECTED float32 " + g.batches() + " x " + g.depth() + " -> " + g.units()
                + "; 2 rows x 4 units per pass */\n"
                + signature(function) + out(layer, fc.bias(), fc.range())
                + "    tflc_opt_matmul_f32(" + g.batches() + ", " + g.depth() + ", " + g.units() + ", input, " + name
                + "_opt_weights, &out, output);\n}\n";
        return OptimizedKernels.floatImplementation(call(function), new LayerCode(arrays, f));
    }

    static Offer conv(Layer layer, Conv2D.Float32 c) {
        Conv2D.Geometry g = c.geometry();
        Window w = g.window();
        if (g.groups() > 1) {
            return Offer.decline("grouped convolution (" + g.groups() + " groups)");
        }
        if (w.filterH() != 1 || w.filterW() != 1 || w.padH() != 0 || w.padW() != 0) {
            return Offer.decline("float32 CONV_2D " + w.filterH() + "x" + w.filterW()
                    + (w.padH() != 0 || w.padW() != 0 ? " with padding" : "") + " (only 1x1 without padding)");
        }
        String name = layer.name();
        List<LayerCode.Array> arrays = arrays(layer, c.filter(), c.bias(), g.outC(), g.inC());
        String function = name + "_opt_1x1";
        String f = "/* " + name + ": CONV_2D float32 1x1, pixels read in place; 2 pixels x 4 output channels per pass */\n"
                + signature(function) + OptimizedKernels.window(w, g.inC(), g.outC(), 0)
                + out(layer, c.bias(), c.range())
                + "    tflc_opt_conv_1x1_f32(&window, input, " + name + "_opt_weights, &out, output);\n}\n";
        return OptimizedKernels.floatImplementation(call(function), new LayerCode(arrays, f));
    }

    private static String signature(String function) {
        return "TFLC_OPT_LAYER void " + function + "(const float *restrict input, float *restrict output)\n{\n";
    }

    private static CCall call(String function) {
        return CCall.of(function, new CCall.Input(0), new CCall.Output(0));
    }

    /** The struct of what the layer adds to its sums: bias (or NULL) and activation range. */
    private static String out(Layer layer, float[] bias, float[] range) {
        return "    static const tflc_opt_f32_out_t out = { " + (bias == null ? "NULL" : layer.name() + "_opt_bias")
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
        if (bias != null) {
            arrays.add(LayerCode.floats(layer.name() + "_opt_bias", LayerCode.Role.WEIGHTS, layer.input(2).name(),
                    "the bias", bias));
        }
        return arrays;
    }
}
