package dev.tflc.bench;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Model;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import dev.tflc.quantize.PostTraining;
import dev.tflc.reference.Interpreter;
import dev.tflc.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * How closely an int8 model follows the float model it came from: tflc quantize's model (calibrated on
 * one set of inputs) and the converter's own int8 model, both against the float model on other inputs
 * drawn the same way, all three run in the Java reference. Figures: signal-to-noise ratio of the
 * dequantized outputs against the float outputs (10 log10 of signal power over error power, over every
 * output element of every test input), and for classifiers how often the top class is the same.
 *
 * <p>The inputs ({@link #inputs}): smooth random patterns with noise, spanning the float input range
 * the converter's int8 model was calibrated for (its input quantization's real range), from a seed.
 */
public final class QuantizeAgreement {
    /** One model's figures; {@code top1} fields are NaN for a model that is not a classifier. */
    public record Row(String model, int calibrationSamples, int testSamples, double tflcSnrDb, double tflcTop1,
            double converterSnrDb, double converterTop1, Model quantized) {
    }

    private QuantizeAgreement() {
    }

    /**
     * Quantizes {@code floatModel} with {@code calibration} inputs drawn from seed {@code seed} and
     * compares it and {@code converterModel} with the float model on {@code test} inputs from seed
     * {@code seed + 1}.
     */
    public static Row measure(String name, Path floatModel, Path converterModel, int calibration, int test, long seed,
            IntConsumer progress) {
        Graph f = ModelReader.read(floatModel).main();
        Graph c = ModelReader.read(converterModel).main();
        float[] range = realRange(c.inputTensors().get(0).quantization());
        Model ours = PostTraining.quantize(f, inputs(f, calibration, seed, range), false, progress);
        List<List<byte[]>> tests = inputs(f, test, seed + 1, range);
        Interpreter floatRun = new Interpreter(f);
        Interpreter oursRun = new Interpreter(ours.main());
        Interpreter theirsRun = new Interpreter(c);
        Stats oursStats = new Stats();
        Stats theirsStats = new Stats();
        for (List<byte[]> in : tests) {
            float[] expected = floats(f.outputTensors().get(0), floatRun.run(in).get(0));
            oursStats.add(expected, int8Run(oursRun, ours.main(), in));
            theirsStats.add(expected, int8Run(theirsRun, c, in));
        }
        boolean classifier = f.operators().get(f.operators().size() - 1).kind().equals("SOFTMAX");
        return new Row(name, calibration, test, oursStats.snrDb(), classifier ? oursStats.top1() : Double.NaN,
                theirsStats.snrDb(), classifier ? theirsStats.top1() : Double.NaN, ours);
    }

    /** Runs an int8-input model on float inputs: quantized with its input parameters, output dequantized. */
    private static float[] int8Run(Interpreter run, Graph g, List<byte[]> floatInputs) {
        List<byte[]> ins = new ArrayList<>();
        for (int i = 0; i < floatInputs.size(); i++) {
            Tensor t = g.inputTensors().get(i);
            float[] v = TensorData.fromBytes(TensorType.FLOAT32, t.shape(), floatInputs.get(i)).floats();
            byte[] q = new byte[v.length];
            for (int k = 0; k < v.length; k++) {
                long r = Math.round(v[k] / t.quantization().scale()) + t.quantization().zeroPoint();
                q[k] = (byte) Math.max(-128, Math.min(127, r));
            }
            ins.add(q);
        }
        return floats(g.outputTensors().get(0), run.run(ins).get(0));
    }

    /** An output as floats: float32 as it is, int8 dequantized. */
    static float[] floats(Tensor t, byte[] raw) {
        TensorData d = TensorData.fromBytes(t.type(), t.shape(), raw);
        if (t.type() == TensorType.FLOAT32) {
            return d.floats();
        }
        int[] q = d.ints();
        float[] out = new float[q.length];
        for (int i = 0; i < q.length; i++) {
            out[i] = t.quantization().scale() * (q[i] - t.quantization().zeroPoint());
        }
        return out;
    }

    /** The real values an int8 tensor with quantization {@code q} can hold: {min, max}. */
    static float[] realRange(Quantization q) {
        return new float[] {q.scale() * (-128 - q.zeroPoint()), q.scale() * (127 - q.zeroPoint())};
    }

    /**
     * {@code count} inputs for the float graph {@code g} (raw float32 bytes per input), each element
     * inside {@code range}: per input a sum of three random plane waves over the element's position
     * (row, column, channel of an NHWC tensor; index otherwise), plus uniform noise, mapped onto the range.
     */
    public static List<List<byte[]>> inputs(Graph g, int count, long seed, float[] range) {
        Random random = new Random(seed);
        List<List<byte[]>> all = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            List<byte[]> sample = new ArrayList<>();
            for (Tensor t : g.inputTensors()) {
                int[] dims = t.shape().dims();
                int channels = dims.length == 4 ? dims[3] : 1;
                int width = dims.length == 4 ? dims[2] : t.shape().elements();
                double[][] waves = new double[3][4];
                for (double[] w : waves) {
                    w[0] = random.nextDouble() * 0.6;
                    w[1] = random.nextDouble() * 0.6;
                    w[2] = random.nextDouble() * 2;
                    w[3] = random.nextDouble() * 2 * Math.PI;
                }
                ByteBuffer b = ByteBuffer.allocate((int) t.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < t.shape().elements(); i++) {
                    int ch = i % channels;
                    int x = (i / channels) % width;
                    int y = i / channels / width;
                    double v = 0;
                    for (double[] w : waves) {
                        v += Math.sin(w[0] * y + w[1] * x + w[2] * ch + w[3]);
                    }
                    double unit = 0.5 + 0.5 * (0.7 * v / 3 + 0.3 * (2 * random.nextDouble() - 1));
                    b.putFloat((float) (range[0] + unit * (range[1] - range[0])));
                }
                sample.add(b.array());
            }
            all.add(sample);
        }
        return all;
    }

    /** Accumulates signal and error power and top-1 agreement. */
    private static final class Stats {
        double signal;
        double noise;
        int same;
        int runs;

        void add(float[] expected, float[] actual) {
            int e = 0;
            int a = 0;
            for (int i = 0; i < expected.length; i++) {
                signal += (double) expected[i] * expected[i];
                double d = (double) expected[i] - actual[i];
                noise += d * d;
                e = expected[i] > expected[e] ? i : e;
                a = actual[i] > actual[a] ? i : a;
            }
            same += e == a ? 1 : 0;
            runs++;
        }

        double snrDb() {
            return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
        }

        double top1() {
            return (double) same / runs;
        }
    }
}
