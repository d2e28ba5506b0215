package dev.tflc.lower.portable;

import dev.tflc.lower.CCall;
import dev.tflc.lower.Layer;
import dev.tflc.ops.Abs;
import dev.tflc.ops.ArgMinMax;
import dev.tflc.ops.Add;
import dev.tflc.ops.Broadcast;
import dev.tflc.ops.Div;
import dev.tflc.ops.Float32Map;
import dev.tflc.ops.Int16Sigmoid;
import dev.tflc.ops.Int8Map;
import dev.tflc.ops.LeakyRelu;
import dev.tflc.ops.MaximumMinimum;
import dev.tflc.ops.Mul;
import dev.tflc.ops.Prelu;
import dev.tflc.ops.Relu;
import dev.tflc.ops.ResizeBilinear;
import dev.tflc.ops.ResizeNearestNeighbor;
import dev.tflc.ops.SquaredDifference;
import dev.tflc.ops.Sub;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The portable calls of the element-wise operators: MUL, SUB, MAXIMUM and MINIMUM with broadcasting
 * (ADD's broadcast struct), int16 ADD, SUB and MUL, the RELU family, LEAKY_RELU and ABS, and the int8
 * operators computed as a 256-entry table (LOGISTIC, TANH, HARD_SWISH, RSQRT), DIV and SQUARED_DIFFERENCE.
 */
final class ElementwiseCalls {
    private ElementwiseCalls() {
    }

    static CCall mulInt8(Layer l, Mul.Int8 m) {
        return binary("tflc_mul_s8", m.broadcast(), mulParams(m));
    }

    static CCall mulInt16(Layer l, Mul.Int16 m) {
        return binary("tflc_mul_s16", m.broadcast(), mulParams(m.rescaled()));
    }

    private static CCall.Struct mulParams(Mul.Int8 m) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("offset1", CCall.i(m.offset1()));
        f.put("offset2", CCall.i(m.offset2()));
        f.put("multiplier", CCall.i(m.multiplier().multiplier()));
        f.put("shift", CCall.i(m.multiplier().shift()));
        f.put("output_offset", CCall.i(m.outputOffset()));
        f.put("act_min", CCall.i(m.range()[0]));
        f.put("act_max", CCall.i(m.range()[1]));
        return new CCall.Struct("tflc_mul_params_t", "params", f);
    }

    static CCall mulFloat32(Layer l, Mul.Float32 m) {
        return binary("tflc_mul_f32", m.broadcast(), CCall.f(m.range()[0]), CCall.f(m.range()[1]));
    }

    /** int16 ADD: int8's parameters (tflc_add_params_t) with a left shift of 15, in the kernel it shares with SUB. */
    static CCall addInt16(Layer l, Add.Int16 a) {
        return binary("tflc_add_sub_s16", a.broadcast(), PortableKernels.addParams(a.rescaled()), CCall.i(0));
    }

    /** SUB's parameters have ADD's layout (tflc_add_params_t). */
    static CCall subInt8(Layer l, Sub.Int8 s) {
        return binary("tflc_sub_s8", s.broadcast(), subParams(s));
    }

    static CCall subInt16(Layer l, Sub.Int16 s) {
        return binary("tflc_add_sub_s16", s.broadcast(), subParams(s.rescaled()), CCall.i(1));
    }

    private static CCall.Struct subParams(Sub.Int8 s) {
        return PortableKernels.addParams(new Add.Int8(s.broadcast(), s.leftShift(), s.offset1(), s.m1(), s.offset2(),
                s.m2(), s.outputOffset(), s.mo(), s.range()));
    }

    static CCall subFloat32(Layer l, Sub.Float32 s) {
        return binary("tflc_sub_f32", s.broadcast(), CCall.f(s.range()[0]), CCall.f(s.range()[1]));
    }

    static CCall select(Layer l, MaximumMinimum.Select s) {
        return binary("tflc_" + (s.maximum() ? "maximum" : "minimum") + (s.isFloat() ? "_f32" : "_s8"), s.broadcast());
    }

    /** int8 DIV's parameters have MUL's layout (tflc_mul_params_t). */
    static CCall divInt8(Layer l, Div.Int8 d) {
        return binary("tflc_div_s8", d.broadcast(), mulParams(new Mul.Int8(d.broadcast(), d.offset1(), d.offset2(),
                d.multiplier(), d.outputOffset(), d.range())));
    }

    static CCall divFloat32(Layer l, Div.Float32 d) {
        return binary("tflc_div_f32", d.broadcast(), CCall.f(d.range()[0]), CCall.f(d.range()[1]));
    }

    /** int8 SQUARED_DIFFERENCE's parameters have ADD's layout (tflc_add_params_t), its range all of int8. */
    static CCall squaredDifferenceInt8(Layer l, SquaredDifference.Int8 s) {
        return binary("tflc_squared_difference_s8", s.broadcast(), PortableKernels.addParams(new Add.Int8(
                s.broadcast(), SquaredDifference.LEFT_SHIFT, s.offset1(), s.m1(), s.offset2(), s.m2(),
                s.outputOffset(), s.mo(), new int[] {-128, 127})));
    }

    static CCall squaredDifferenceFloat32(Layer l, SquaredDifference.Float32 s) {
        return binary("tflc_squared_difference_f32", s.broadcast());
    }

    static CCall preluInt8(Layer l, Prelu.Int8 p) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("input_offset", CCall.i(p.inputOffset()));
        f.put("alpha_offset", CCall.i(p.alphaOffset()));
        f.put("identity_multiplier", CCall.i(p.identity().multiplier()));
        f.put("identity_shift", CCall.i(p.identity().shift()));
        f.put("alpha_multiplier", CCall.i(p.alpha().multiplier()));
        f.put("alpha_shift", CCall.i(p.alpha().shift()));
        f.put("output_offset", CCall.i(p.outputOffset()));
        return binary("tflc_prelu_s8", p.broadcast(), new CCall.Struct("tflc_prelu_params_t", "params", f));
    }

    static CCall preluFloat32(Layer l, Prelu.Float32 p) {
        return binary("tflc_prelu_f32", p.broadcast());
    }

    static CCall argMinMax(Layer l, ArgMinMax.Select s) {
        return CCall.of("tflc_arg_min_max", CCall.i(s.outer()), CCall.i(s.axisSize()), CCall.i(s.inner()),
                CCall.i(s.max() ? 1 : 0), CCall.i(s.isFloat() ? 1 : 0), CCall.i(s.wide() ? 1 : 0), new CCall.Input(0),
                new CCall.Output(0));
    }

    static CCall resizeNearest(Layer l, ResizeNearestNeighbor.Nearest r) {
        return CCall.of("tflc_resize_nearest", CCall.i(r.batches()), CCall.i(r.inH()), CCall.i(r.inW()),
                CCall.i(r.rows().length), CCall.i(r.cols().length), CCall.i(r.depth() * r.elementBytes()),
                new CCall.Ints("rows", r.rows()), new CCall.Ints("cols", r.cols()), new CCall.Input(0),
                new CCall.Output(0));
    }

    static CCall resizeBilinearFloat32(Layer l, ResizeBilinear.Float32 r) {
        return CCall.of("tflc_resize_bilinear_f32", resize(r.g()), CCall.f(r.heightScale()), CCall.f(r.widthScale()),
                new CCall.Input(0), new CCall.Output(0));
    }

    static CCall resizeBilinearInt8(Layer l, ResizeBilinear.Int8 r) {
        return CCall.of("tflc_resize_bilinear_s8", resize(r.g()), CCall.i(r.heightScale10()),
                CCall.i(r.widthScale10()), new CCall.Input(0), new CCall.Output(0));
    }

    private static CCall.Struct resize(ResizeBilinear.Geometry g) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("batches", CCall.i(g.batches()));
        f.put("in_h", CCall.i(g.inH()));
        f.put("in_w", CCall.i(g.inW()));
        f.put("depth", CCall.i(g.depth()));
        f.put("out_h", CCall.i(g.outH()));
        f.put("out_w", CCall.i(g.outW()));
        f.put("half_pixel_centers", CCall.i(g.halfPixelCenters() ? 1 : 0));
        return new CCall.Struct("tflc_resize_t", "resize", f);
    }

    /** {@code function(broadcast, size, params..., x, y, output)}. */
    private static CCall binary(String function, Broadcast b, CCall.Arg... params) {
        List<CCall.Arg> args = new ArrayList<>();
        args.add(PortableKernels.broadcast(b));
        args.add(CCall.i(b.size()));
        args.addAll(List.of(params));
        args.add(new CCall.Input(0));
        args.add(new CCall.Input(1));
        args.add(new CCall.Output(0));
        return new CCall(function, args);
    }

    static CCall reluRequantize(Layer l, Relu.Requantize r) {
        return unary("tflc_relu_s8", r.size(), CCall.i(r.inputZeroPoint()), CCall.i(r.multiplier().multiplier()),
                CCall.i(r.multiplier().shift()), CCall.i(r.outputZeroPoint()), CCall.i(r.range()[0]),
                CCall.i(r.range()[1]));
    }

    static CCall reluClamp(Layer l, Relu.Clamp r) {
        return unary("tflc_relu6_s8", r.size(), CCall.i(r.range()[0]), CCall.i(r.range()[1]));
    }

    static CCall reluFloat32(Layer l, Relu.Float32 r) {
        return Float.isInfinite(r.upper()) ? unary("tflc_relu_f32", r.size())
                : unary("tflc_relu_x_f32", r.size(), CCall.f(r.lower()), CCall.f(r.upper()));
    }

    static CCall leakyReluInt8(Layer l, LeakyRelu.Int8 r) {
        return unary("tflc_leaky_relu_s8", r.size(), leakyReluParams(r.rescale()));
    }

    static CCall leakyReluInt16(Layer l, LeakyRelu.Int16 r) {
        return unary("tflc_leaky_relu_s16", r.size(), leakyReluParams(r.rescale()));
    }

    private static CCall.Struct leakyReluParams(LeakyRelu.Rescale r) {
        Map<String, CCall.Arg> f = new LinkedHashMap<>();
        f.put("input_zero_point", CCall.i(r.inputZeroPoint()));
        f.put("output_zero_point", CCall.i(r.outputZeroPoint()));
        f.put("identity_multiplier", CCall.i(r.identity().multiplier()));
        f.put("identity_shift", CCall.i(r.identity().shift()));
        f.put("alpha_multiplier", CCall.i(r.alpha().multiplier()));
        f.put("alpha_shift", CCall.i(r.alpha().shift()));
        f.put("alpha_negative", CCall.i(r.alphaNegative() ? 1 : 0));
        return new CCall.Struct("tflc_leaky_relu_params_t", "params", f);
    }

    static CCall leakyReluFloat32(Layer l, LeakyRelu.Float32 r) {
        return unary("tflc_leaky_relu_f32", r.size(), CCall.f(r.alpha()));
    }

    static CCall absInt8(Layer l, Abs.Int8 a) {
        boolean rescale = a.rescale() != null;
        return unary("tflc_abs_s8", a.size(), CCall.i(a.inputZeroPoint()), CCall.i(rescale ? 1 : 0),
                CCall.i(rescale ? a.rescale().multiplier() : 0), CCall.i(rescale ? a.rescale().shift() : 0),
                CCall.i(a.outputZeroPoint()));
    }

    /** int16 LOGISTIC or TANH: the input's rescaling and the sigmoid table (one array, shared by every such layer). */
    static CCall sigmoidInt16(Layer l, Int16Sigmoid k) {
        return unary("tflc_sigmoid_s16", k.size(), CCall.i(k.function() == Int16Sigmoid.Function.TANH ? 1 : 0),
                CCall.i(k.rescale().multiplier()), CCall.i(k.rescale().rightShift()),
                CCall.Ints.int16("sigmoid_table", Int16Sigmoid.tableExcess()));
    }

    /** An int8 operator as a table lookup: the table holds the reference's 256 results. */
    static CCall lookup(Layer l, Int8Map m) {
        return unary("tflc_lookup_s8", m.size(), new CCall.Ints("table", m.packedTable()));
    }

    /** A float32 operator without parameters: {@code tflc_<operator>_f32(size, input, output)}. */
    static CCall floatMap(Layer l, Float32Map m) {
        return unary("tflc_" + l.op().kind().toLowerCase(Locale.ROOT) + "_f32", m.size());
    }

    /** {@code function(size, params..., input, output)}. */
    private static CCall unary(String function, int size, CCall.Arg... params) {
        List<CCall.Arg> args = new ArrayList<>();
        args.add(CCall.i(size));
        args.addAll(List.of(params));
        args.add(new CCall.Input(0));
        args.add(new CCall.Output(0));
        return new CCall(function, args);
    }
}
