package dev.tflc.quantize;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Location;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a float graph with calibrated ranges into a full-integer int8 graph, as TensorFlow Lite's
 * converter does:
 * <ul>
 * <li>CONV_2D weights symmetric int8 per output channel (dimension 0), DEPTHWISE_CONV_2D per channel
 * on the last dimension, FULLY_CONNECTED per tensor; biases int32 with scale input scale times weight
 * scale, zero point 0;</li>
 * <li>activations asymmetric int8 from their calibrated range ({@link Scales#asymmetric});</li>
 * <li>fixed output parameters where the int8 kernels require them: SOFTMAX and LOGISTIC 1/256 and
 * -128, TANH 1/128 and 0;</li>
 * <li>operators that move values without changing them (RESHAPE, pooling, transposes, slices, ...)
 * give their output their input's parameters, and so does RELU6, whose int8 kernel clamps stored
 * values; CONCATENATION, PACK, MAXIMUM and MINIMUM need every
 * input at the output's parameters (the union of their ranges): an input at other parameters is
 * requantized by a QUANTIZE before them;</li>
 * <li>other float constants (an ADD's constant operand, say) asymmetric int8 from their own range;</li>
 * <li>int8 inputs and outputs, or float ones with a QUANTIZE after each input and a DEQUANTIZE before
 * each output.</li>
 * </ul>
 */
final class Quantizer {
    private static final Map<String, Integer> WEIGHT_AXIS = Map.of("CONV_2D", 0, "DEPTHWISE_CONV_2D", 3,
            "FULLY_CONNECTED", -1);
    private static final Map<String, Quantization> FIXED = Map.of(
            "SOFTMAX", Quantization.perTensor(1f / 256, -128),
            "LOGISTIC", Quantization.perTensor(1f / 256, -128),
            "TANH", Quantization.perTensor(1f / 128, 0));
    private static final Set<String> SAME_AS_INPUT = Set.of("RESHAPE", "SQUEEZE", "EXPAND_DIMS", "MAX_POOL_2D",
            "AVERAGE_POOL_2D", "TRANSPOSE", "STRIDED_SLICE", "SLICE", "PAD", "SPACE_TO_DEPTH", "DEPTH_TO_SPACE",
            "GATHER", "SPLIT", "SPLIT_V", "RESIZE_NEAREST_NEIGHBOR", "RESIZE_BILINEAR", "RELU6", "PADV2");
    private static final Set<String> SHARED = Set.of("CONCATENATION", "PACK", "MAXIMUM", "MINIMUM");
    private static final Set<String> OWN = Set.of("ADD", "SUB", "MUL", "RELU", "MEAN", "HARD_SWISH",
            "LEAKY_RELU");
    /** The operator versions the converter writes for int8 operators (TFLite's op_version.cc). */
    private static final Map<String, Integer> INT8_VERSION = Map.ofEntries(Map.entry("CONV_2D", 3),
            Map.entry("DEPTHWISE_CONV_2D", 3), Map.entry("FULLY_CONNECTED", 4), Map.entry("SOFTMAX", 2),
            Map.entry("LOGISTIC", 2), Map.entry("TANH", 2), Map.entry("AVERAGE_POOL_2D", 2),
            Map.entry("MAX_POOL_2D", 2), Map.entry("ADD", 2), Map.entry("SUB", 2), Map.entry("MUL", 2),
            Map.entry("CONCATENATION", 2), Map.entry("PAD", 2), Map.entry("MEAN", 2), Map.entry("TRANSPOSE", 2),
            Map.entry("QUANTIZE", 2), Map.entry("DEQUANTIZE", 2), Map.entry("RELU", 2), Map.entry("RELU6", 2));

    private final Graph g;
    private final Map<Integer, Range> ranges;
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Operator> operators = new ArrayList<>();
    /** New index of each run-time tensor of the float graph. */
    private final Map<Integer, Integer> mapped = new HashMap<>();
    /** New index of each constant, by its old index and the role it is quantized for. */
    private final Map<String, Integer> constants = new HashMap<>();

    private Quantizer(Graph g, Map<Integer, Range> ranges) {
        this.g = g;
        this.ranges = ranges;
    }

    private static boolean supports(String kind) {
        return WEIGHT_AXIS.containsKey(kind) || FIXED.containsKey(kind) || SAME_AS_INPUT.contains(kind)
                || SHARED.contains(kind) || OWN.contains(kind);
    }

    static Graph quantize(Graph floatGraph, Map<Integer, Range> ranges, boolean floatIo) {
        return new Quantizer(floatGraph, ranges).run(floatIo);
    }

    /** Refuses, all in one exception, every operator of {@code g} this quantizer cannot rewrite. */
    static void check(Graph g) {
        List<IrException> refused = new ArrayList<>();
        for (Operator op : g.operators()) {
            if (!supports(op.kind())) {
                refused.add(new IrException(op.location(), "quantize does not handle " + op.kind()
                        + " ('tflc quantize --help' lists the operators it handles)"));
            }
        }
        if (!refused.isEmpty()) {
            throw IrException.all(refused);
        }
    }

    private Graph run(boolean floatIo) {
        check(g);
        List<Integer> inputs = new ArrayList<>();
        for (Tensor t : g.inputTensors()) {
            Quantization q = Scales.asymmetric(range(t));
            if (floatIo) {
                int f = add(t.name(), TensorType.FLOAT32, t.shape(), null, null);
                int i8 = add(t.name() + "_int8", TensorType.INT8, t.shape(), q, null);
                operator("QUANTIZE", List.of(f), List.of(i8), 1, Options.NONE);
                inputs.add(f);
                mapped.put(t.index(), i8);
            } else {
                int i8 = add(t.name(), TensorType.INT8, t.shape(), q, null);
                inputs.add(i8);
                mapped.put(t.index(), i8);
            }
        }
        for (Operator op : g.operators()) {
            rewrite(op, floatIo);
        }
        List<Integer> outputs = new ArrayList<>();
        for (Tensor t : g.outputTensors()) {
            int i8 = mapped.get(t.index());
            if (floatIo) {
                int f = add(t.name(), TensorType.FLOAT32, t.shape(), null, null);
                operator("DEQUANTIZE", List.of(i8), List.of(f), 2, Options.NONE);
                outputs.add(f);
            } else {
                outputs.add(i8);
            }
        }
        return new Graph(g.name(), tensors, operators, inputs, outputs);
    }

    private void rewrite(Operator op, boolean floatIo) {
        String kind = op.kind();
        Quantization first = op.input(0) >= 0 && mapped.containsKey(op.input(0))
                ? tensors.get(mapped.get(op.input(0))).quantization() : null;
        Quantization shared = null;
        if (SHARED.contains(kind)) {
            Range union = null;
            for (int in : op.inputs()) {
                if (in >= 0 && g.tensor(in).type() == TensorType.FLOAT32) {
                    union = range(g.tensor(in)).union(union);
                }
            }
            shared = Scales.asymmetric(range(g.tensor(op.output(0))).union(union));
        }
        List<Integer> ins = new ArrayList<>();
        for (int slot = 0; slot < op.inputs().size(); slot++) {
            int in = op.inputs().get(slot);
            ins.add(in < 0 ? -1 : input(op, slot, g.tensor(in), shared,
                    shared != null ? shared : SAME_AS_INPUT.contains(kind) ? first : null));
        }
        List<Integer> outs = new ArrayList<>();
        for (int out : op.outputs()) {
            Tensor t = g.tensor(out);
            if (t.type() != TensorType.FLOAT32) {
                outs.add(add(t.name(), t.type(), t.shape(), t.quantization(), null));
            } else {
                Quantization q = FIXED.containsKey(kind) ? FIXED.get(kind)
                        : SAME_AS_INPUT.contains(kind) && first != null ? first
                        : shared != null ? shared : Scales.asymmetric(range(t));
                boolean output = g.outputs().contains(out);
                outs.add(add(output && floatIo ? t.name() + "_int8" : t.name(), TensorType.INT8, t.shape(), q, null));
            }
            mapped.put(out, outs.get(outs.size() - 1));
        }
        operator(kind, ins, outs, Math.max(op.version(), INT8_VERSION.getOrDefault(kind, 1)), op.options());
    }

    /**
     * The new tensor index operator {@code op} reads in input {@code slot}: run-time inputs requantized
     * to {@code shared} where that is given, float constants quantized as weights, biases, at
     * {@code constantsAt} (a PADV2 padding value, a CONCATENATION input) or over their own range.
     */
    private int input(Operator op, int slot, Tensor t, Quantization shared, Quantization constantsAt) {
        String kind = op.kind();
        if (WEIGHT_AXIS.containsKey(kind) && slot > 0 && !t.isConstant()) {
            throw new IrException(op.location().withTensor(t.name()), "quantize needs constant weights and bias; "
                    + "input " + slot + " of " + kind + " is computed at run time");
        }
        if (!t.isConstant()) {
            Integer i = mapped.get(t.index());
            if (i == null) {
                throw new IrException(op.location().withTensor(t.name()), "reads a tensor quantize cannot map");
            }
            Quantization q = tensors.get(i).quantization();
            if (shared != null && t.type() == TensorType.FLOAT32 && !shared.equals(q)) {
                int r = add(t.name() + "_requantized", TensorType.INT8, t.shape(), shared, null);
                operator("QUANTIZE", List.of(i), List.of(r), 2, Options.NONE);
                return r;
            }
            return i;
        }
        if (t.type() != TensorType.FLOAT32) {
            return constant(t.index() + "", () -> add(t.name(), t.type(), t.shape(), t.quantization(), t.data()));
        }
        if (WEIGHT_AXIS.containsKey(kind) && (slot == 1 || slot == 2)) {
            Quantization in = tensors.get(mapped.get(op.input(0))).quantization();
            Tensor biasTensor = op.input(2) >= 0 ? g.tensor(op.input(2)) : null;
            float[] bias = biasTensor != null && biasTensor.isConstant() && biasTensor.type() == TensorType.FLOAT32
                    ? TensorData.of(biasTensor).floats() : null;
            String key = op.input(1) + "/" + kind + "/" + in + "/" + op.input(2);
            int w = constant(key, () -> weights(g.tensor(op.input(1)), WEIGHT_AXIS.get(kind), bias, in.scale()));
            if (slot == 1) {
                return w;
            }
            Quantization wq = tensors.get(w).quantization();
            return constant(key + "/bias", () -> bias(t, in, wq));
        }
        if (WEIGHT_AXIS.containsKey(kind)) {
            throw new IrException(op.location().withTensor(t.name()), "a float constant in input " + slot
                    + " of " + kind + " cannot be quantized");
        }
        if (constantsAt != null) {
            return constant(t.index() + "/" + constantsAt, () -> activationConstant(t, constantsAt));
        }
        return constant(t.index() + "", () -> activationConstant(t, Scales.asymmetric(range(t))));
    }

    private int constant(String key, java.util.function.IntSupplier make) {
        Integer i = constants.get(key);
        if (i == null) {
            i = make.getAsInt();
            constants.put(key, i);
        }
        return i;
    }

    /**
     * Symmetric int8 weights, per slice along {@code axis} (per tensor when axis is -1). As the converter
     * does, a channel whose bias would not fit in half the int32 range at scale input scale times weight
     * scale (a channel of weights near 0 with a bias that is not) gets a larger weight scale, the one at
     * which its bias is that half range.
     */
    private int weights(Tensor t, int axis, float[] bias, float inputScale) {
        float[] w = TensorData.of(t).floats();
        int channels = axis < 0 ? 1 : t.shape().dim(axis);
        int inner = 1;
        for (int i = axis + 1; axis >= 0 && i < t.shape().rank(); i++) {
            inner *= t.shape().dim(i);
        }
        double[] maxAbs = new double[channels];
        for (int i = 0; i < w.length; i++) {
            int c = (i / inner) % channels;
            maxAbs[c] = Math.max(maxAbs[c], Math.abs(w[i]));
        }
        double[] scale = new double[channels];
        float[] stored = new float[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = Scales.symmetric(maxAbs[c]);
            if (bias != null) {
                double largest = 0;
                for (int b = channels == 1 ? 0 : c; b < (channels == 1 ? bias.length : c + 1); b++) {
                    largest = Math.max(largest, Math.abs(bias[b]));
                }
                scale[c] = Scales.fitBias(scale[c], largest, inputScale);
            }
            stored[c] = (float) scale[c];
        }
        byte[] data = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            data[i] = (byte) Scales.quantize(w[i], scale[(i / inner) % channels], 0, -Scales.NARROW, Scales.NARROW);
        }
        Quantization q = axis < 0 ? Quantization.perTensor(stored[0], 0)
                : Quantization.perAxis(stored, new long[channels], axis);
        return add(t.name(), TensorType.INT8, t.shape(), q, data);
    }

    /** int32 bias, channel c at scale input scale * weight scale c, zero point 0. */
    private int bias(Tensor t, Quantization input, Quantization weights) {
        float[] b = TensorData.of(t).floats();
        float[] scales = new float[b.length];
        ByteBuffer data = ByteBuffer.allocate(4 * b.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < b.length; c++) {
            scales[c] = input.scale() * weights.scale(weights.isPerChannel() ? c : 0);
            data.putInt((int) Scales.quantize(b[c] / scales[c], 1, 0, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        Quantization q = weights.isPerChannel() ? Quantization.perAxis(scales, new long[b.length], 0)
                : Quantization.perTensor(scales[0], 0);
        return add(t.name(), TensorType.INT32, t.shape(), q, data.array());
    }

    /** A float constant an operator reads as an activation, quantized to int8 with {@code q}. */
    private int activationConstant(Tensor t, Quantization q) {
        float[] v = TensorData.of(t).floats();
        byte[] data = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            data[i] = (byte) Scales.quantize(v[i], q.scale(), q.zeroPoint(), Scales.QMIN, Scales.QMAX);
        }
        return add(t.name(), TensorType.INT8, t.shape(), q, data);
    }

    /** The calibrated range of a run-time tensor, the range of a constant's values. */
    private Range range(Tensor t) {
        if (t.isConstant()) {
            return Range.of(TensorData.of(t).floats());
        }
        Range r = ranges.get(t.index());
        if (r == null) {
            throw new IrException(new Location(null, -1, -1, null, t.name()), "calibration never computed this tensor");
        }
        return r;
    }

    private int add(String name, TensorType type, Shape shape, Quantization q, byte[] data) {
        tensors.add(new Tensor(tensors.size(), name, type, shape, q, data, false));
        return tensors.size() - 1;
    }

    private void operator(String kind, List<Integer> ins, List<Integer> outs, int version, Options options) {
        operators.add(new Operator(operators.size(), kind, version, ins, outs, options));
    }

    /** The operators this quantizer rewrites, sorted. */
    static List<String> operators() {
        List<String> all = new ArrayList<>(WEIGHT_AXIS.keySet());
        all.addAll(FIXED.keySet());
        all.addAll(SAME_AS_INPUT);
        all.addAll(SHARED);
        all.addAll(OWN);
        java.util.Collections.sort(all);
        return all;
    }
}
