package dev.tflc.reference;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Model;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import dev.tflc.tflite.ModelReader;
import dev.tflc.tflite.ModelWriter;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.SharedModels;
import dev.tflc.testing.TfliteOracle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared model the reference runs, on random inputs, against the real TensorFlow Lite
 * interpreter, layer by layer and as a whole.
 *
 * <p>Layer by layer: each operator is cut out as a one-operator model and TensorFlow Lite runs it on
 * exactly the inputs the reference gave that operator. Its output must equal the reference's exactly,
 * except for the operators whose TensorFlow Lite arithmetic rounds differently from TensorFlow Lite
 * Micro's (CONV_2D and FULLY_CONNECTED requantize with one rounding instead of two; int8 SOFTMAX uses
 * a table), which may differ by one step per element. Float: DESIGN.md's tolerance relative to each
 * output's magnitude.
 *
 * <p>Whole model: TensorFlow Lite's layer k sees its own earlier results, not the reference's, so
 * per element {@code |tflite(x') - ours(x)| <= |tflite(x') - tflite(x)| + |tflite(x) - ours(x)|}: the
 * second term is the layer-by-layer difference just measured at that element, the first is bounded by
 * how far the element's inputs differ ({@link Propagation}). For an operator whose inputs in the
 * element's receptive field differ by at most {@code b_j} steps, the exact (real-valued) result moves
 * by at most {@code sum_j L_j b_j} output steps, {@code L_j} the operator's sensitivity to input j in
 * steps: {@code inputScale * weightScale[c] / outputScale * |w[c,j] - zero point|} for a weighted
 * operator, each input's scale ratio for ADD and SUB, {@code 0.5 * inputScale / outputScale} of the
 * row's largest difference for SOFTMAX (softmax's Jacobian rows have absolute sum
 * {@code 2p(1-p) <= 1/2}). Integer kernels round monotonically, so rounding a value moved by
 * {@code d} moves the integer result by at most {@code floor(d) + 1} steps; SOFTMAX's fixed-point
 * exponentials only approximate softmax, within a step of it, which adds two steps. Data movement,
 * pooling and same-scale requantization with equal input and output scales pass the largest
 * difference of their inputs through unchanged (a maximum, a copy or a rounded mean of values each
 * within {@code b} whole steps stays within {@code b}). Elements whose receptive field agrees exactly
 * gain nothing. An operator that meets a difference and has no derivation here fails the test rather
 * than getting a guessed bound. A run that meets no layer difference must agree exactly. The bound is
 * worst-case: through many layers of large weights it grows past the output's range, so the test also
 * follows TensorFlow Lite's own run, every intermediate kept: each of its layers, given its own
 * inputs, must match the reference's kernel within the layer-by-layer allowance, which accounts for
 * every step of the drift however deep the model.
 *
 * <p>TFLite refuses person_detect_int8 (per-channel bias on dimension 3), and TfliteOracle
 * keyword_scrambled_svdf_int8 (integer SVDF; SvdfStateTest derives its outputs).
 */
class SharedModelsMatchTfliteTest {
    private static final Set<String> ROUNDING_OPS = Set.of("CONV_2D", "FULLY_CONNECTED", "SOFTMAX");
    private static final Set<String> SAME_ORDER = Set.of("RESHAPE", "SQUEEZE", "EXPAND_DIMS", "QUANTIZE", "RELU",
            "RELU6");
    private static final Set<String> WINDOWED = Set.of("MAX_POOL_2D", "AVERAGE_POOL_2D");
    /** The integer multipliers kernels use differ from the exact scale ratio by under 2^-30 relative. */
    private static final double MULTIPLIER_SLACK = 1 + 1e-8;
    private static final int RUNS = 4;

    static Stream<Path> models() {
        return SharedModels.all().stream().filter(p -> !Set.of("person_detect_int8",
                "keyword_scrambled_svdf_int8").contains(SharedModels.name(p)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyLayerAndTheWholeModelAgreeWithTflite(Path model) {
        byte[] bytes = SharedModels.read(model);
        Graph g = ModelReader.read(bytes, model.toString()).main();
        Random random = new Random(42);
        for (int run = 0; run < RUNS; run++) {
            List<byte[]> inputs = randomInputs(g, random);
            Map<Integer, byte[]> values = allValues(g, inputs);
            Propagation bounds = new Propagation(g);
            for (Operator op : g.operators()) {
                List<byte[]> opInputs = new ArrayList<>();
                for (int t : runtimeInputs(g, op)) {
                    opInputs.add(values.get(t));
                }
                List<byte[]> theirs = TfliteOracle.run(
                        ModelWriter.write(new Model(List.of(singleOperator(g, op)), "one layer")), opInputs);
                List<long[]> layerDifference = new ArrayList<>();
                for (int o = 0; o < op.outputs().size(); o++) {
                    Tensor t = g.tensor(op.output(o));
                    String where = model.getFileName() + " run " + run + " operator " + op.index() + " " + op.kind()
                            + " output '" + t.name() + "'";
                    if (t.type() == TensorType.FLOAT32) {
                        assertNull(Outputs.floatMismatchScaled(theirs.get(o), values.get(t.index())), where);
                        layerDifference.add(null);
                    } else {
                        long[] d = differences(t, theirs.get(o), values.get(t.index()));
                        long allowed = ROUNDING_OPS.contains(op.kind()) ? 1 : 0;
                        long worst = Arrays.stream(d).max().orElse(0);
                        assertTrue(worst <= allowed, where + ": differs by " + worst + " steps, " + allowed + " allowed");
                        layerDifference.add(d);
                    }
                }
                bounds.step(op, layerDifference);
            }
            List<byte[]> ours = Interpreter.run(g, inputs);
            List<byte[]> theirs = TfliteOracle.run(bytes, inputs);
            followTflitesOwnRun(model.getFileName() + " run " + run, g, inputs);
            for (int i = 0; i < ours.size(); i++) {
                Tensor t = g.outputTensors().get(i);
                String where = model.getFileName() + " run " + run + " output '" + t.name() + "'";
                if (t.type() == TensorType.FLOAT32) {
                    assertNull(Outputs.floatMismatchScaled(theirs.get(i), ours.get(i)), where);
                    continue;
                }
                long[] d = differences(t, theirs.get(i), ours.get(i));
                long[] bound = bounds.of(t.index());
                for (int e = 0; e < d.length; e++) {
                    if (d[e] > bound[e]) {
                        fail(where + " element " + e + " differs by " + d[e] + " steps, more than its derived bound "
                                + bound[e]);
                    }
                }
            }
        }
    }

    /**
     * The other side of the layer-by-layer check: TensorFlow Lite runs the whole model keeping every
     * intermediate tensor, and each operator of the reference, fed TensorFlow Lite's own inputs to that
     * operator, gives TensorFlow Lite's output within the same per-operator allowance. So however far
     * the whole-model outputs drift apart, every step of the drift is a rounding difference the
     * layer-by-layer rule allows.
     */
    private static void followTflitesOwnRun(String where, Graph g, List<byte[]> inputs) {
        Graph everything = everyTensorAnOutput(g);
        List<byte[]> outs = TfliteOracle.run(ModelWriter.write(new Model(List.of(everything), "every tensor")), inputs);
        Map<Integer, byte[]> theirs = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            theirs.put(g.inputs().get(i), inputs.get(i));
        }
        for (int i = 0; i < outs.size(); i++) {
            theirs.put(everything.outputs().get(i), outs.get(i));
        }
        for (Operator op : g.operators()) {
            List<byte[]> opInputs = runtimeInputs(g, op).stream().map(theirs::get).toList();
            List<byte[]> ours = Interpreter.run(singleOperator(g, op), opInputs);
            for (int o = 0; o < op.outputs().size(); o++) {
                Tensor t = g.tensor(op.output(o));
                String at = where + " (TensorFlow Lite's own run) operator " + op.index() + " " + op.kind();
                if (t.type() == TensorType.FLOAT32) {
                    assertNull(Outputs.floatMismatchScaled(theirs.get(t.index()), ours.get(o)), at);
                } else {
                    long worst = Arrays.stream(differences(t, theirs.get(t.index()), ours.get(o))).max().orElse(0);
                    long allowed = ROUNDING_OPS.contains(op.kind()) ? 1 : 0;
                    assertTrue(worst <= allowed, at + ": differs by " + worst + " steps, " + allowed + " allowed");
                }
            }
        }
    }

    /** The derivation on a model small enough to follow by hand. */
    @Test
    void aDifferenceSpreadsOnlyThroughTheElementsThatReadIt() {
        Path path = SharedModels.all().stream().filter(p -> SharedModels.name(p).equals("hello_world_int8"))
                .findFirst().orElseThrow();
        Graph g = ModelReader.read(SharedModels.read(path), path.toString()).main();
        Propagation bounds = new Propagation(g);
        Operator first = g.operators().get(0);
        int units = g.tensor(first.output(0)).shape().elements();
        long[] one = new long[units];
        one[0] = 1;
        bounds.step(first, List.of(one));
        Operator second = g.operators().get(1);
        bounds.step(second, List.of(new long[g.tensor(second.output(0)).shape().elements()]));
        Tensor in = g.tensor(second.input(0));
        Tensor w = g.tensor(second.input(1));
        Tensor out = g.tensor(second.output(0));
        int[] q = TensorData.of(w).ints();
        for (int c = 0; c < out.shape().elements(); c++) {
            double exact = in.quantization().scale() * w.quantization().scale() / out.quantization().scale()
                    * Math.abs(q[c * units] - w.quantization().zeroPoint());
            long expected = (long) Math.floor(exact * MULTIPLIER_SLACK) + 1;
            assertTrue(bounds.of(out.index())[c] == expected, "unit " + c + ": one step on input 0 through weight "
                    + q[c * units] + " gives " + bounds.of(out.index())[c] + ", expected " + expected);
        }
        assertTrue(Arrays.stream(bounds.of(first.output(0))).skip(1).allMatch(b -> b == 0),
                "the first layer's other outputs agreed and stay exact");
    }

    /**
     * Per element of every integer tensor, the most steps TensorFlow Lite's whole-model value may differ
     * from the reference's, derived as the class comment says. Float tensors carry no bound (they are
     * compared within DESIGN.md's tolerance); an integer operator reading a computed float tensor fails.
     */
    static final class Propagation {
        private final Graph g;
        private final Map<Integer, long[]> bound = new HashMap<>();

        Propagation(Graph g) {
            this.g = g;
            for (int t : g.inputs()) {
                bound.put(t, new long[g.tensor(t).shape().elements()]);
            }
        }

        long[] of(int tensor) {
            return bound.get(tensor);
        }

        /** Adds the operator's outputs, given TensorFlow Lite's layer difference per output element. */
        void step(Operator op, List<long[]> layerDifference) {
            for (int o = 0; o < op.outputs().size(); o++) {
                Tensor out = g.tensor(op.output(o));
                if (out.type() == TensorType.FLOAT32) {
                    continue;
                }
                long[] moved = moved(op, out);
                long[] d = layerDifference.get(o);
                for (int e = 0; e < moved.length; e++) {
                    moved[e] += d[e];
                }
                bound.put(out.index(), moved);
            }
        }

        private long[] input(Operator op, int i) {
            int t = op.input(i);
            long[] b = bound.get(t);
            if (b == null) {
                fail(op.kind() + " operator " + op.index() + " reads '" + g.tensor(t).name()
                        + "', a tensor with no derived bound");
            }
            return b;
        }

        /** How far each output element moves when the inputs move by their bounds. */
        private long[] moved(Operator op, Tensor out) {
            int n = out.shape().elements();
            long[] moved = new long[n];
            List<long[]> ins = new ArrayList<>();
            for (int i = 0; i < op.inputs().size(); i++) {
                int t = op.input(i);
                ins.add(t >= 0 && !g.tensor(t).isConstant() ? input(op, i) : null);
            }
            if (ins.stream().allMatch(b -> b == null || Arrays.stream(b).allMatch(x -> x == 0))) {
                return moved;
            }
            double ratio = scale(g.tensor(op.input(0))) / scale(out);
            switch (op.kind()) {
                case "CONV_2D", "DEPTHWISE_CONV_2D" -> convolution(op, out, ins.get(0), moved);
                case "FULLY_CONNECTED" -> fullyConnected(op, out, ins.get(0), moved);
                case "ADD", "SUB" -> {
                    double ratio2 = scale(g.tensor(op.input(1))) / scale(out);
                    if (ins.get(0) == null || ins.get(1) == null || ins.get(0).length != n || ins.get(1).length != n) {
                        fail(op.kind() + " operator " + op.index() + ": the derivation covers two run-time inputs "
                                + "of the output's shape");
                    }
                    for (int e = 0; e < n; e++) {
                        moved[e] = rounded(ratio * ins.get(0)[e] + ratio2 * ins.get(1)[e]);
                    }
                }
                case "SOFTMAX" -> {
                    int[] dims = out.shape().dims();
                    int depth = dims[dims.length - 1];
                    for (int row = 0; row < n / depth; row++) {
                        long worst = 0;
                        for (int k = 0; k < depth; k++) {
                            worst = Math.max(worst, ins.get(0)[row * depth + k]);
                        }
                        long m = worst == 0 ? 0 : rounded(0.5 * ratio * worst) + 2;
                        Arrays.fill(moved, row * depth, row * depth + depth, m);
                    }
                }
                default -> {
                    if (ratio != 1.0) {
                        fail(op.kind() + " operator " + op.index() + " rescales and meets a difference: no derivation");
                    } else if (SAME_ORDER.contains(op.kind())) {
                        System.arraycopy(ins.get(0), 0, moved, 0, n);
                    } else if (WINDOWED.contains(op.kind())) {
                        window(op, out, ins.get(0), moved);
                    } else {
                        fail(op.kind() + " operator " + op.index() + " meets a difference and has no derivation");
                    }
                }
            }
            return moved;
        }

        /** Rounding a value moved by {@code d} steps moves the integer result at most this far. */
        private static long rounded(double d) {
            return d <= 0 ? 0 : (long) Math.floor(d * MULTIPLIER_SLACK) + 1;
        }

        private void fullyConnected(Operator op, Tensor out, long[] in, long[] moved) {
            Tensor w = g.tensor(op.input(1));
            int[] q = TensorData.of(w).ints();
            int units = w.shape().dims()[0];
            int depth = q.length / units;
            for (int row = 0; row < in.length / depth; row++) {
                for (int c = 0; c < units; c++) {
                    double sum = 0;
                    for (int j = 0; j < depth; j++) {
                        sum += Math.abs(q[c * depth + j] - zeroPoint(w, c)) * (double) in[row * depth + j];
                    }
                    moved[row * units + c] = rounded(scale(g.tensor(op.input(0))) * scale(w, c) / scale(out) * sum);
                }
            }
        }

        /** CONV_2D (OHWI filter, possibly grouped) and DEPTHWISE_CONV_2D (1HWO filter), NHWC. */
        private void convolution(Operator op, Tensor out, long[] in, long[] moved) {
            boolean depthwise = op.kind().equals("DEPTHWISE_CONV_2D");
            Tensor input = g.tensor(op.input(0));
            Tensor w = g.tensor(op.input(1));
            int[] q = TensorData.of(w).ints();
            int[] id = input.shape().dims();
            int[] od = out.shape().dims();
            int[] wd = w.shape().dims();
            int inC = id[3];
            int outC = od[3];
            int fh = wd[1];
            int fw = wd[2];
            int filterC = depthwise ? 1 : wd[3];
            Geometry y = Geometry.of(op, "H", id[1], od[1], fh);
            Geometry x = Geometry.of(op, "W", id[2], od[2], fw);
            int e = 0;
            for (int b = 0; b < od[0]; b++) {
                for (int oy = 0; oy < od[1]; oy++) {
                    for (int ox = 0; ox < od[2]; ox++) {
                        for (int c = 0; c < outC; c++) {
                            double sum = 0;
                            for (int ky = 0; ky < fh; ky++) {
                                int iy = y.at(oy, ky);
                                for (int kx = 0; kx < fw; kx++) {
                                    int ix = x.at(ox, kx);
                                    if (iy < 0 || iy >= id[1] || ix < 0 || ix >= id[2]) {
                                        continue;
                                    }
                                    for (int k = 0; k < filterC; k++) {
                                        int ic = depthwise ? c / (outC / inC) : c / (outC / (inC / filterC)) * filterC + k;
                                        int wi = depthwise ? (ky * fw + kx) * outC + c : ((c * fh + ky) * fw + kx) * filterC + k;
                                        sum += Math.abs(q[wi] - zeroPoint(w, c))
                                                * (double) in[((b * id[1] + iy) * id[2] + ix) * inC + ic];
                                    }
                                }
                            }
                            moved[e++] = rounded(scale(input) * scale(w, c) / scale(out) * sum);
                        }
                    }
                }
            }
        }

        /** Pooling: the largest difference in the window (a maximum or a rounded mean of it moves no further). */
        private void window(Operator op, Tensor out, long[] in, long[] moved) {
            int[] id = g.tensor(op.input(0)).shape().dims();
            int[] od = out.shape().dims();
            Geometry y = Geometry.of(op, "H", id[1], od[1], op.options().getInt("filterHeight", 1));
            Geometry x = Geometry.of(op, "W", id[2], od[2], op.options().getInt("filterWidth", 1));
            int e = 0;
            for (int b = 0; b < od[0]; b++) {
                for (int oy = 0; oy < od[1]; oy++) {
                    for (int ox = 0; ox < od[2]; ox++) {
                        for (int c = 0; c < od[3]; c++) {
                            long worst = 0;
                            for (int ky = 0; ky < y.filter(); ky++) {
                                for (int kx = 0; kx < x.filter(); kx++) {
                                    int iy = y.at(oy, ky);
                                    int ix = x.at(ox, kx);
                                    if (iy >= 0 && iy < id[1] && ix >= 0 && ix < id[2]) {
                                        worst = Math.max(worst, in[((b * id[1] + iy) * id[2] + ix) * od[3] + c]);
                                    }
                                }
                            }
                            moved[e++] = worst;
                        }
                    }
                }
            }
        }
    }

    /**
     * One spatial axis of a window: TensorFlow Lite pads {@code max((out-1)*stride + (filter-1)*dilation
     * + 1 - in, 0)} in all, half of it (rounded down) before; this holds for SAME and VALID alike given
     * the output size.
     */
    private record Geometry(int stride, int dilation, int before, int filter) {
        static Geometry of(Operator op, String axis, int in, int out, int filter) {
            int stride = op.options().getInt("stride" + axis, 1);
            int dilation = op.options().getInt("dilation" + axis + "Factor", 1);
            return new Geometry(stride, dilation, Math.max((out - 1) * stride + (filter - 1) * dilation + 1 - in, 0) / 2,
                    filter);
        }

        int at(int o, int k) {
            return o * stride - before + k * dilation;
        }
    }

    private static double scale(Tensor t) {
        return t.quantization() == null ? 1.0 : t.quantization().scale();
    }

    private static double scale(Tensor w, int c) {
        Quantization q = w.quantization();
        return q.count() == 1 ? q.scale() : q.scale(c);
    }

    private static long zeroPoint(Tensor w, int c) {
        Quantization q = w.quantization();
        return q.count() == 1 ? q.zeroPoint() : q.zeroPoint(c);
    }

    /** The run-time tensors an operator reads (not constants, not omitted), each once, in order. */
    private static List<Integer> runtimeInputs(Graph g, Operator op) {
        LinkedHashSet<Integer> in = new LinkedHashSet<>();
        for (int t : op.inputs()) {
            if (t >= 0 && !g.tensor(t).isConstant()) {
                in.add(t);
            }
        }
        return List.copyOf(in);
    }

    /** The operator alone, with only the tensors it touches, its run-time inputs as the graph's inputs. */
    private static Graph singleOperator(Graph g, Operator op) {
        Map<Integer, Integer> index = new HashMap<>();
        List<Tensor> tensors = new ArrayList<>();
        List<Integer> all = new ArrayList<>(op.inputs());
        all.addAll(op.outputs());
        for (int t : all) {
            if (t >= 0 && !index.containsKey(t)) {
                Tensor old = g.tensor(t);
                index.put(t, tensors.size());
                tensors.add(new Tensor(tensors.size(), old.name(), old.type(), old.shape(), old.quantization(),
                        old.isConstant() ? old.data() : null, old.isVariable()));
            }
        }
        List<Integer> ins = op.inputs().stream().map(t -> t < 0 ? -1 : index.get(t)).toList();
        List<Integer> outs = op.outputs().stream().map(index::get).toList();
        Operator one = new Operator(0, op.kind(), op.version(), ins, outs, op.options());
        return new Graph(g.name(), tensors, List.of(one), runtimeInputs(g, op).stream().map(index::get).toList(), outs);
    }

    /** The graph with every tensor an operator writes as an output, in the order they are written. */
    private static Graph everyTensorAnOutput(Graph g) {
        LinkedHashSet<Integer> written = new LinkedHashSet<>();
        for (Operator op : g.operators()) {
            written.addAll(op.outputs());
        }
        return new Graph(g.name(), g.tensors(), g.operators(), g.inputs(), List.copyOf(written));
    }

    /** The reference's value of every graph input and every tensor an operator writes. */
    private static Map<Integer, byte[]> allValues(Graph g, List<byte[]> inputs) {
        Graph everything = everyTensorAnOutput(g);
        List<byte[]> outs = Interpreter.run(everything, inputs);
        Map<Integer, byte[]> values = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            values.put(g.inputs().get(i), inputs.get(i));
        }
        for (int i = 0; i < outs.size(); i++) {
            values.put(everything.outputs().get(i), outs.get(i));
        }
        return values;
    }

    private static List<byte[]> randomInputs(Graph g, Random random) {
        List<byte[]> inputs = new ArrayList<>();
        for (Tensor t : g.inputTensors()) {
            byte[] in = new byte[(int) t.byteSize()];
            if (t.type() == TensorType.FLOAT32) {
                ByteBuffer b = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
                while (b.remaining() >= 4) {
                    b.putFloat(random.nextFloat() * 2 - 1);
                }
            } else {
                random.nextBytes(in);
            }
            inputs.add(in);
        }
        return inputs;
    }

    /** Element-wise absolute differences of two integer tensors of {@code t}'s type and shape. */
    private static long[] differences(Tensor t, byte[] a, byte[] b) {
        TensorData x = TensorData.fromBytes(t.type(), t.shape(), a);
        TensorData y = TensorData.fromBytes(t.type(), t.shape(), b);
        long[] d = new long[t.shape().elements()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.type() == TensorType.INT64 ? Math.abs(x.longs()[i] - y.longs()[i])
                    : Math.abs((long) x.ints()[i] - y.ints()[i]);
        }
        return d;
    }
}
