package dev.tflc.lower.cmsisnn;

import dev.tflc.target.Target;
import dev.tflc.lower.CCall;
import dev.tflc.lower.Implementation;
import dev.tflc.lower.KernelSet;
import dev.tflc.lower.Layer;
import dev.tflc.lower.Offer;
import dev.tflc.ops.Add;
import dev.tflc.ops.Conv2D;
import dev.tflc.ops.DepthwiseConv2D;
import dev.tflc.ops.FullyConnected;
import dev.tflc.ops.Kernel;
import dev.tflc.ops.Mul;
import dev.tflc.ops.Pool2D;
import dev.tflc.ops.Softmax;
import dev.tflc.ops.Weights;
import dev.tflc.ops.Window;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code cmsis-nn} kernel set: direct calls to the user's CMSIS-NN (the API of CMSIS-NN 7.0.0 as
 * pinned by TensorFlow Lite Micro, commit 4ab83cc3). Every argument is computed here: the structs
 * and per-channel arrays become {@code static const} data, and the variant CMSIS-NN's wrappers would
 * pick at run time (1x1, 1xN, depthwise 3x3, ...) is called directly. Scratch sizes follow CMSIS-NN's
 * {@code *_get_buffer_size} formulas for the target's extension ({@link CmsisNnScratch}).
 *
 * <p>Where CMSIS-NN at that commit computes something else than TensorFlow Lite Micro's reference
 * kernels, this set works around it or declines: a grouped convolution always gets a bias array
 * (CMSIS-NN reads garbage for groups past the first when the bias is NULL); on MVE a depthwise
 * convolution always gets a bias (the same for channel blocks past 124) and per-channel arrays padded
 * to a multiple of 4 (the MVE kernels read up to 3 entries past their end); on MVE the 1xN convolution
 * path is not used when the stride leaves input columns unused (it returns wrong outputs or fails).
 */
public final class CmsisNnKernels implements KernelSet {
    public static final String NAME = "cmsis-nn";
    static final List<String> HEADERS = List.of("arm_nnfunctions.h");

    /** Softmax rows this long can have exps summing to 512 or more (each exp is at most 1). */
    private static final int LONG_ROW = 512;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> buildNote() {
        return List.of(
                "Layers marked \"cmsis-nn\" call your CMSIS-NN library (the API of CMSIS-NN 7.0.0 as TensorFlow Lite",
                "Micro pins it): add its Include folder to the include path and link the library built for this",
                "core, e.g. cc ... -I CMSIS-NN/Include *.c libcmsis-nn.a. Scratch sizes assume it was built with gcc",
                "or clang; for Arm Compiler 6 set cmsis-nn.compiler=armclang in the target descriptor.");
    }

    @Override
    public Offer offer(Layer layer) {
        Kernel k = layer.kernel();
        CmsisNnScratch scratch = CmsisNnScratch.of(layer.target());
        if (k instanceof Conv2D.Int8 c) {
            return conv(c, scratch, layer.target());
        }
        if (k instanceof DepthwiseConv2D.Int8 d) {
            return depthwise(d, scratch, layer.target());
        }
        if (k instanceof FullyConnected.Int8 f) {
            return fullyConnected(f, scratch);
        }
        if (k instanceof Pool2D.Kernel2D p && p.range() != null) {
            return pool(p, scratch);
        }
        if (k instanceof Add.Int8 a) {
            return add(a);
        }
        if (k instanceof Softmax.Int8 s) {
            return softmax(s);
        }
        if (k instanceof Softmax.Int16) {
            return Offer.decline("int16 input (tflc calls only arm_softmax_s8)");
        }
        if (k instanceof Mul.Int8 m) {
            return mul(m);
        }
        return Offer.decline("CMSIS-NN has no " + describe(layer) + " kernel");
    }

    private static String describe(Layer layer) {
        String type = layer.op().outputs().isEmpty() ? "" : layer.output(0).type().name().toLowerCase() + " ";
        return type + layer.op().kind();
    }

    // ---- CONV_2D ----------------------------------------------------------------------------------

    private static Offer conv(Conv2D.Int8 c, CmsisNnScratch scratch, Target target) {
        Conv2D.Geometry g = c.geometry();
        Window w = g.window();
        if (!CmsisNnScratch.fitsUint16(w.batches(), w.inH(), w.inW(), g.inC(), w.filterH(), w.filterW(), w.outH(),
                w.outW(), g.outC(), w.padH(), w.padW(), w.strideH(), w.strideW(), w.dilationH(), w.dilationW())) {
            return Offer.decline("a dimension is 65536 or more (CMSIS-NN keeps them in 16 bits)");
        }
        CmsisNnScratch.ConvRoute route = scratch.convRoute(w, g.inC(), g.filterC());
        long bytes = scratch.convBytes(route, w, g.inC());
        String function = switch (route) {
            case ONE_BY_ONE_FAST -> "arm_convolve_1x1_s8_fast";
            case ONE_BY_ONE -> "arm_convolve_1x1_s8";
            case ONE_BY_N -> "arm_convolve_1_x_n_s8";
            case GENERIC -> "arm_convolve_s8";
        };
        Map<String, CCall.Arg> p = new LinkedHashMap<>();
        p.put("input_offset", CCall.i(c.quant().inputOffset()));
        p.put("output_offset", CCall.i(c.quant().outputOffset()));
        p.put("stride", tile(w.strideW(), w.strideH()));
        p.put("padding", tile(w.padW(), w.padH()));
        p.put("dilation", tile(w.dilationW(), w.dilationH()));
        p.put("activation", activation(c.range()));
        CCall.Arg bias = g.groups() > 1 && c.bias() == null
                ? new CCall.Ints("zero_bias", new int[g.outC()]) // grouped: never a NULL bias
                : CCall.optionalInput(2, c.bias());
        List<CCall.Arg> args = new java.util.ArrayList<>(List.of(context(bytes),
                new CCall.Struct("cmsis_nn_conv_params", "conv_params", p),
                perChannel(c.quant(), g.outC(), false),
                dims("input_dims", w.batches(), w.inH(), w.inW(), g.inC()), new CCall.Input(0),
                dims("filter_dims", g.outC(), w.filterH(), w.filterW(), g.filterC()), new CCall.Input(1),
                dims("bias_dims", 1, 1, 1, g.outC()), bias));
        if (route == CmsisNnScratch.ConvRoute.GENERIC) {
            args.add(new CCall.Null()); // upscale_dims: an ordinary convolution
        }
        args.add(dims("output_dims", w.batches(), w.outH(), w.outW(), g.outC()));
        args.add(new CCall.Output(0));
        return implementation(new CCall(function, args), bytes);
    }

    // ---- DEPTHWISE_CONV_2D ------------------------------------------------------------------------

    private static Offer depthwise(DepthwiseConv2D.Int8 d, CmsisNnScratch scratch, Target target) {
        DepthwiseConv2D.Geometry g = d.geometry();
        Window w = g.window();
        int outC = g.outC();
        if (!CmsisNnScratch.fitsUint16(w.batches(), w.inH(), w.inW(), g.inC(), w.filterH(), w.filterW(), w.outH(),
                w.outW(), outC, w.padH(), w.padW(), w.strideH(), w.strideW(), w.dilationH(), w.dilationW())) {
            return Offer.decline("a dimension is 65536 or more (CMSIS-NN keeps them in 16 bits)");
        }
        CmsisNnScratch.DepthwiseRoute route = scratch.depthwiseRoute(w, g.inC(), g.multiplier(), outC);
        if (route == null) {
            return Offer.decline("on MVE CMSIS-NN would run this single-channel depthwise convolution as a 1xN "
                    + "convolution whose stride leaves input columns unused, which it computes wrongly");
        }
        long bytes = scratch.depthwiseBytes(route, w, g.inC(), outC);
        String function = switch (route) {
            case THREE_BY_THREE -> "arm_depthwise_conv_3x3_s8";
            case OPT -> "arm_depthwise_conv_s8_opt";
            case GENERIC -> "arm_depthwise_conv_s8";
            case AS_CONV -> "arm_depthwise_conv_wrapper_s8";
        };
        Map<String, CCall.Arg> p = new LinkedHashMap<>();
        p.put("input_offset", CCall.i(d.quant().inputOffset()));
        p.put("output_offset", CCall.i(d.quant().outputOffset()));
        p.put("ch_mult", CCall.i(g.multiplier()));
        p.put("stride", tile(w.strideW(), w.strideH()));
        p.put("padding", tile(w.padW(), w.padH()));
        p.put("dilation", tile(w.dilationW(), w.dilationH()));
        p.put("activation", activation(d.range()));
        boolean mve = scratch.mve();
        CCall.Arg bias = mve && d.bias() == null
                ? new CCall.Ints("zero_bias", new int[padded(outC)]) // MVE: never a NULL bias
                : d.bias() != null && mve ? new CCall.Ints("bias", Arrays.copyOf(d.bias(), padded(outC)))
                : CCall.optionalInput(2, d.bias());
        return implementation(CCall.of(function, context(bytes),
                new CCall.Struct("cmsis_nn_dw_conv_params", "dw_conv_params", p),
                perChannel(d.quant(), outC, mve),
                dims("input_dims", w.batches(), w.inH(), w.inW(), g.inC()), new CCall.Input(0),
                dims("filter_dims", 1, w.filterH(), w.filterW(), outC), new CCall.Input(1),
                dims("bias_dims", 1, 1, 1, outC), bias,
                dims("output_dims", w.batches(), w.outH(), w.outW(), outC), new CCall.Output(0)), bytes);
    }

    // ---- FULLY_CONNECTED --------------------------------------------------------------------------

    private static Offer fullyConnected(FullyConnected.Int8 f, CmsisNnScratch scratch) {
        FullyConnected.Geometry g = f.geometry();
        Map<String, CCall.Arg> p = new LinkedHashMap<>();
        p.put("input_offset", CCall.i(f.quant().inputOffset()));
        p.put("filter_offset", CCall.i(0));
        p.put("output_offset", CCall.i(f.quant().outputOffset()));
        p.put("activation", activation(f.range()));
        // On MVE the kernels start each row from its kernel sum, held in ctx.buf: constant for a
        // compiled model, so computed here and kept in flash instead of in arena scratch.
        CCall.Arg context = scratch.mve() ? kernelSumsContext(f) : context(0);
        boolean perTensor = f.quant().isUniform();
        CCall.Arg quant;
        if (perTensor) {
            Map<String, CCall.Arg> q = new LinkedHashMap<>();
            q.put("multiplier", CCall.i(f.quant().multipliers()[0]));
            q.put("shift", CCall.i(f.quant().shifts()[0]));
            quant = new CCall.Struct("cmsis_nn_per_tensor_quant_params", "quant_params", q);
        } else {
            quant = perChannel(f.quant(), g.units(), false);
        }
        return implementation(CCall.of(perTensor ? "arm_fully_connected_s8" : "arm_fully_connected_per_channel_s8",
                context, new CCall.Struct("cmsis_nn_fc_params", "fc_params", p), quant,
                dims("input_dims", g.batches(), 1, 1, g.depth()), new CCall.Input(0),
                dims("filter_dims", g.depth(), 1, 1, g.units()), new CCall.Input(1),
                dims("bias_dims", 1, 1, 1, g.units()),
                scratch.mve() ? new CCall.Null() : CCall.optionalInput(2, f.bias()), // MVE: the kernel sums hold it
                dims("output_dims", g.batches(), 1, 1, g.units()), new CCall.Output(0)), 0);
    }

    /** ctx for MVE fully connected: {@code sum[i] = bias[i] + input_offset * sum_j w[i][j]}. */
    private static CCall.Struct kernelSumsContext(FullyConnected.Int8 f) {
        int units = f.geometry().units();
        int depth = f.geometry().depth();
        int[] sums = new int[units];
        for (int i = 0; i < units; i++) {
            int s = 0;
            for (int j = 0; j < depth; j++) {
                s += f.weights()[i * depth + j];
            }
            sums[i] = (f.bias() == null ? 0 : f.bias()[i]) + f.quant().inputOffset() * s;
        }
        Map<String, CCall.Arg> ctx = new LinkedHashMap<>();
        ctx.put("buf", new CCall.Ints("kernel_sums", sums, true));
        ctx.put("size", CCall.i(4L * units));
        return new CCall.Struct("cmsis_nn_context", "ctx", ctx);
    }

    // ---- pooling, ADD, SOFTMAX --------------------------------------------------------------------

    private static Offer pool(Pool2D.Kernel2D k, CmsisNnScratch scratch) {
        Window w = k.window();
        boolean average = k.mode() == Pool2D.Mode.AVERAGE;
        long bytes = average ? scratch.avgPoolBytes(k.channels()) : 0;
        Map<String, CCall.Arg> p = new LinkedHashMap<>();
        p.put("stride", tile(w.strideW(), w.strideH()));
        p.put("padding", tile(w.padW(), w.padH()));
        p.put("activation", activation(k.range()));
        return implementation(CCall.of(average ? "arm_avgpool_s8" : "arm_max_pool_s8", context(bytes),
                new CCall.Struct("cmsis_nn_pool_params", "pool_params", p),
                dims("input_dims", w.batches(), w.inH(), w.inW(), k.channels()), new CCall.Input(0),
                dims("filter_dims", 1, w.filterH(), w.filterW(), 1),
                dims("output_dims", w.batches(), w.outH(), w.outW(), k.channels()), new CCall.Output(0)), bytes);
    }

    private static Offer add(Add.Int8 a) {
        if (!a.broadcast().isElementwise()) {
            return Offer.decline("CMSIS-NN adds equal shapes only; this ADD broadcasts");
        }
        return implementation(CCall.of("arm_elementwise_add_s8", new CCall.Input(0), new CCall.Input(1),
                CCall.i(a.offset1()), CCall.i(a.m1().multiplier()), CCall.i(a.m1().shift()),
                CCall.i(a.offset2()), CCall.i(a.m2().multiplier()), CCall.i(a.m2().shift()),
                CCall.i(a.leftShift()), new CCall.Output(0), CCall.i(a.outputOffset()),
                CCall.i(a.mo().multiplier()), CCall.i(a.mo().shift()), CCall.i(a.range()[0]), CCall.i(a.range()[1]),
                CCall.i(a.broadcast().size())), 0);
    }

    private static Offer mul(Mul.Int8 m) {
        if (!m.broadcast().isElementwise()) {
            return Offer.decline("CMSIS-NN multiplies equal shapes only; this MUL broadcasts");
        }
        return implementation(CCall.of("arm_elementwise_mul_s8", new CCall.Input(0), new CCall.Input(1),
                CCall.i(m.offset1()), CCall.i(m.offset2()), new CCall.Output(0), CCall.i(m.outputOffset()),
                CCall.i(m.multiplier().multiplier()), CCall.i(m.multiplier().shift()), CCall.i(m.range()[0]),
                CCall.i(m.range()[1]), CCall.i(m.broadcast().size())), 0);
    }

    private static Offer softmax(Softmax.Int8 s) {
        if (s.outputBits() != 8) {
            return Offer.decline("int16 output (tflc calls only arm_softmax_s8)");
        }
        if (s.depth() >= LONG_ROW) {
            return Offer.decline("rows of " + LONG_ROW + " or more entries can sum past the fixed-point range, "
                    + "where tflc defines the result and CMSIS-NN does not");
        }
        return implementation(CCall.of("arm_softmax_s8", new CCall.Input(0), CCall.i(s.rows()), CCall.i(s.depth()),
                CCall.i(s.inputMultiplier()), CCall.i(s.inputLeftShift()), CCall.i(s.diffMin()),
                new CCall.Output(0)), 0);
    }

    // ---- shared pieces ----------------------------------------------------------------------------

    private static Implementation implementation(CCall call, long scratchBytes) {
        return new Implementation(NAME, call, List.of(), HEADERS, scratchBytes);
    }

    /** {@code cmsis_nn_context}: the layer's scratch in the arena, or none. */
    private static CCall.Struct context(long bytes) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("buf", bytes > 0 ? new CCall.Scratch() : new CCall.Null());
        f.put("size", CCall.i(bytes));
        return new CCall.Struct("cmsis_nn_context", "ctx", f);
    }

    private static CCall.Struct perChannel(Weights.PerChannel q, int channels, boolean padToFour) {
        int n = padToFour ? padded(channels) : channels;
        int[] m = new int[n];
        int[] s = new int[n];
        for (int c = 0; c < channels; c++) {
            m[c] = q.isUniform() ? q.multipliers()[0] : q.multipliers()[c];
            s[c] = q.isUniform() ? q.shifts()[0] : q.shifts()[c];
        }
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("multiplier", new CCall.Ints("multipliers", m, true));
        f.put("shift", new CCall.Ints("shifts", s, true));
        return new CCall.Struct("cmsis_nn_per_channel_quant_params", "quant_params", f);
    }

    private static int padded(int n) {
        return (n + 3) / 4 * 4;
    }

    private static CCall.Struct dims(String name, int n, int h, int w, int c) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("n", CCall.i(n));
        f.put("h", CCall.i(h));
        f.put("w", CCall.i(w));
        f.put("c", CCall.i(c));
        return new CCall.Struct("cmsis_nn_dims", name, f);
    }

    private static CCall.Fields tile(int w, int h) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("w", CCall.i(w));
        f.put("h", CCall.i(h));
        return new CCall.Fields(f);
    }

    private static CCall.Fields activation(int[] range) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("min", CCall.i(range[0]));
        f.put("max", CCall.i(range[1]));
        return new CCall.Fields(f);
    }
}
