package dev.tflc.cli;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Model;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The model {@code tflc demo} makes: a sine regressor like TensorFlow Lite Micro's hello_world, a
 * 1-16-16-1 network with ReLU after the hidden layers, trained here by plain gradient descent (Adam,
 * mini-batches, mean squared error) on x uniform in [0, 2 pi) and y = sin(x) plus a little noise,
 * all from fixed seeds, so every machine trains the same weights; then written as a float graph of
 * three FULLY_CONNECTED operators.
 */
final class DemoModel {
    static final int HIDDEN = 16;
    static final double TWO_PI = 2 * Math.PI;
    private static final int[] SIZES = {1, HIDDEN, HIDDEN, 1};

    /** weights[l][o][i] and biases[l][o] of layer l. */
    private final double[][][] weights = new double[3][][];
    private final double[][] biases = new double[3][];

    private DemoModel() {
        Random init = new Random(1);
        for (int l = 0; l < 3; l++) {
            weights[l] = new double[SIZES[l + 1]][SIZES[l]];
            biases[l] = new double[SIZES[l + 1]];
            double limit = Math.sqrt(6.0 / (SIZES[l] + SIZES[l + 1])); // Glorot uniform, as Keras starts
            for (double[] row : weights[l]) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (2 * init.nextDouble() - 1) * limit;
                }
            }
        }
    }

    /** {@code count} x values uniform in [0, 2 pi) from {@code seed}. */
    static float[] xs(int count, long seed) {
        Random r = new Random(seed);
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) (r.nextDouble() * TWO_PI);
        }
        return x;
    }

    /**
     * Trains on {@code x} (targets sin(x) plus noise of standard deviation 0.1) for {@code steps}
     * mini-batches of 32; {@code progress} receives the step number every 1,000 steps.
     */
    static DemoModel train(float[] x, int steps, java.util.function.IntConsumer progress) {
        DemoModel m = new DemoModel();
        Random r = new Random(2);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(x[i]) + 0.1 * r.nextGaussian();
        }
        Adam adam = new Adam(m);
        for (int step = 1; step <= steps; step++) {
            double[][][] gw = new double[3][][];
            double[][] gb = new double[3][];
            for (int l = 0; l < 3; l++) {
                gw[l] = new double[SIZES[l + 1]][SIZES[l]];
                gb[l] = new double[SIZES[l + 1]];
            }
            for (int b = 0; b < 32; b++) {
                int i = r.nextInt(x.length);
                m.backward(x[i], y[i], gw, gb, 1.0 / 32);
            }
            adam.step(m, gw, gb);
            if (step % 1000 == 0) {
                progress.accept(step);
            }
        }
        return m;
    }

    /** The network's output for {@code x}, in double precision. */
    double predict(double x) {
        double[] a = {x};
        for (int l = 0; l < 3; l++) {
            a = layer(l, a);
        }
        return a[0];
    }

    private double[] layer(int l, double[] in) {
        double[] out = new double[SIZES[l + 1]];
        for (int o = 0; o < out.length; o++) {
            double s = biases[l][o];
            for (int i = 0; i < in.length; i++) {
                s += weights[l][o][i] * in[i];
            }
            out[o] = l < 2 ? Math.max(0, s) : s;
        }
        return out;
    }

    /** Adds the gradient of {@code scale} * (predict(x) - y)^2 to gw and gb. */
    private void backward(double x, double y, double[][][] gw, double[][] gb, double scale) {
        double[][] acts = new double[4][];
        acts[0] = new double[] {x};
        for (int l = 0; l < 3; l++) {
            acts[l + 1] = layer(l, acts[l]);
        }
        double[] delta = {2 * (acts[3][0] - y) * scale};
        for (int l = 2; l >= 0; l--) {
            double[] back = new double[SIZES[l]];
            for (int o = 0; o < delta.length; o++) {
                gb[l][o] += delta[o];
                for (int i = 0; i < SIZES[l]; i++) {
                    gw[l][o][i] += delta[o] * acts[l][i];
                    back[i] += delta[o] * weights[l][o][i];
                }
            }
            if (l > 0) {
                for (int i = 0; i < back.length; i++) {
                    back[i] = acts[l][i] > 0 ? back[i] : 0;
                }
            }
            delta = back;
        }
    }

    /** Adam (learning rate 0.005, beta1 0.9, beta2 0.999). */
    private static final class Adam {
        private final double[][][] mw = new double[3][][];
        private final double[][][] vw = new double[3][][];
        private final double[][] mb = new double[3][];
        private final double[][] vb = new double[3][];
        private int t;

        Adam(DemoModel m) {
            for (int l = 0; l < 3; l++) {
                mw[l] = new double[SIZES[l + 1]][SIZES[l]];
                vw[l] = new double[SIZES[l + 1]][SIZES[l]];
                mb[l] = new double[SIZES[l + 1]];
                vb[l] = new double[SIZES[l + 1]];
            }
        }

        void step(DemoModel m, double[][][] gw, double[][] gb) {
            t++;
            for (int l = 0; l < 3; l++) {
                for (int o = 0; o < SIZES[l + 1]; o++) {
                    for (int i = 0; i < SIZES[l]; i++) {
                        m.weights[l][o][i] -= update(mw[l][o], vw[l][o], i, gw[l][o][i]);
                    }
                    m.biases[l][o] -= update(mb[l], vb[l], o, gb[l][o]);
                }
            }
        }

        private double update(double[] m, double[] v, int i, double g) {
            m[i] = 0.9 * m[i] + 0.1 * g;
            v[i] = 0.999 * v[i] + 0.001 * g * g;
            double mHat = m[i] / (1 - Math.pow(0.9, t));
            double vHat = v[i] / (1 - Math.pow(0.999, t));
            return 0.005 * mHat / (Math.sqrt(vHat) + 1e-8);
        }
    }

    /** The trained network as a float model: input 'x' 1x1, three FULLY_CONNECTED, output 'y' 1x1. */
    Model floatModel() {
        List<Tensor> tensors = new ArrayList<>();
        List<Operator> operators = new ArrayList<>();
        tensors.add(new Tensor(0, "x", TensorType.FLOAT32, Shape.of(1, 1), null, null, false));
        int in = 0;
        for (int l = 0; l < 3; l++) {
            int outs = SIZES[l + 1];
            ByteBuffer w = ByteBuffer.allocate(4 * outs * SIZES[l]).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer b = ByteBuffer.allocate(4 * outs).order(ByteOrder.LITTLE_ENDIAN);
            for (int o = 0; o < outs; o++) {
                for (int i = 0; i < SIZES[l]; i++) {
                    w.putFloat((float) weights[l][o][i]);
                }
                b.putFloat((float) biases[l][o]);
            }
            String name = l < 2 ? "dense_" + (l + 1) : "output";
            int wt = tensors.size();
            tensors.add(new Tensor(wt, name + "/weights", TensorType.FLOAT32, Shape.of(outs, SIZES[l]), null, w.array(),
                    false));
            tensors.add(new Tensor(wt + 1, name + "/bias", TensorType.FLOAT32, Shape.of(outs), null, b.array(), false));
            int out = wt + 2;
            tensors.add(new Tensor(out, l < 2 ? name + "/relu" : "y", TensorType.FLOAT32, Shape.of(1, outs), null, null,
                    false));
            operators.add(new Operator(l, "FULLY_CONNECTED", 1, List.of(in, wt, wt + 1), List.of(out),
                    new Options("FullyConnectedOptions", Map.of("fusedActivationFunction", l < 2 ? 1 : 0,
                            "weightsFormat", 0, "keepNumDims", false))));
            in = out;
        }
        Graph g = new Graph("sine", tensors, operators, List.of(0), List.of(in));
        return new Model(List.of(g), "a sine regressor trained by tflc demo");
    }
}
