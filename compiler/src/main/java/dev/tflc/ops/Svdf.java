package dev.tflc.ops;

import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;

/**
 * SVDF (singular value decomposition filter), a stateful layer: inputs are the input [batches,
 * input_size], the feature weights [filters, input_size], the time weights [filters, memory], an
 * optional bias [units] and the variable state [batches, filters * memory] (memory values per
 * filter, oldest first); units = filters / rank. Each run shifts the whole state one element towards
 * its start, writes each filter's feature product into that filter's newest slot, takes each
 * filter's dot product of time weights and state, sums each unit's {@code rank} filters and adds the
 * bias. As TFLM's reference kernels (svdf_common.cc): float32, and int8 input and output with an
 * int16 or int8 state and time weights of the state's type; the integer path clamps to the output
 * type only (TFLM applies no fused activation there).
 */
public final class Svdf implements OperatorKind {
    @Override
    public String name() {
        return "SVDF";
    }

    /** Sizes: {@code filters = units * rank}; the state holds {@code memory} values per filter and batch. */
    public record Geometry(int batches, int inputSize, int filters, int units, int rank, int memory) {
        long macs() {
            return (long) batches * filters * (inputSize + memory);
        }

        int stateElements() {
            return batches * filters * memory;
        }
    }

    @Override
    public Kernel prepare(Node node) {
        node.expectInputs(5, 5);
        node.expectOutputs(1);
        Tensor input = node.input(0);
        Tensor featureWeights = node.input(1);
        Tensor timeWeights = node.input(2);
        Tensor bias = node.optionalInput(3);
        Tensor state = node.input(4);
        Tensor output = node.output(0);
        int rank = node.options().getInt("rank", 0);
        if (rank < 1) {
            throw node.error("rank " + rank + " is not positive");
        }
        node.expectRank(input, 2);
        node.expectRank(featureWeights, 2);
        node.expectRank(timeWeights, 2);
        node.expectRank(state, 2);
        node.expectRank(output, 2);
        for (Tensor w : new Tensor[] {featureWeights, timeWeights, bias}) {
            if (w != null && !w.isConstant()) {
                throw node.error(w, "weights and bias must be constant");
            }
        }
        if (!state.isVariable()) {
            throw node.error(state, "the state (input 4) must be a variable tensor");
        }
        int batches = input.shape().dim(0);
        int inputSize = input.shape().dim(1);
        int filters = featureWeights.shape().dim(0);
        if (filters % rank != 0) {
            throw node.error(featureWeights, filters + " filters are not a multiple of rank " + rank);
        }
        int units = filters / rank;
        int memory = timeWeights.shape().dim(1);
        if (featureWeights.shape().dim(1) != inputSize) {
            throw node.error(featureWeights, "has shape " + featureWeights.shape() + ", expected depth " + inputSize);
        }
        if (timeWeights.shape().dim(0) != filters) {
            throw node.error(timeWeights, "has shape " + timeWeights.shape() + ", expected " + filters + " filters");
        }
        if (bias != null && (bias.shape().rank() != 1 || bias.shape().dim(0) != units)) {
            throw node.error(bias, "has shape " + bias.shape() + ", expected [" + units + "]");
        }
        if (state.shape().dim(0) != batches || state.shape().dim(1) != memory * filters) {
            throw node.error(state, "has shape " + state.shape() + ", expected [" + batches + ", "
                    + (long) memory * filters + "]");
        }
        if (output.shape().dim(0) != batches || output.shape().dim(1) != units) {
            throw node.error(output, "has shape " + output.shape() + " but the operator computes [" + batches + ", "
                    + units + "]");
        }
        Geometry g = new Geometry(batches, inputSize, filters, units, rank, memory);
        Activation act = Activation.of(node);
        if (input.type() == TensorType.FLOAT32) {
            for (Tensor t : new Tensor[] {featureWeights, timeWeights, bias, state, output}) {
                if (t != null) {
                    node.expectType(t, TensorType.FLOAT32);
                }
            }
            return new Float32(g, Weights.floats(featureWeights), Weights.floats(timeWeights),
                    bias == null ? null : Weights.floats(bias), act.floatRange());
        }
        return int8(node, g, input, featureWeights, timeWeights, bias, state, output);
    }

    private static Int8 int8(Node node, Geometry g, Tensor input, Tensor featureWeights, Tensor timeWeights,
            Tensor bias, Tensor state, Tensor output) {
        node.expectType(input, TensorType.INT8);
        node.expectType(featureWeights, TensorType.INT8);
        node.expectType(timeWeights, TensorType.INT16, TensorType.INT8);
        node.expectType(state, timeWeights.type());
        node.expectType(output, TensorType.INT8);
        if (bias == null) {
            throw node.error("int8 SVDF needs a bias (input 3)");
        }
        node.expectType(bias, TensorType.INT32);
        for (Tensor t : new Tensor[] {input, featureWeights, timeWeights, bias, state, output}) {
            node.expectPerTensor(t);
        }
        float inScale = input.quantization().scale();
        float stateScale = state.quantization().scale();
        float outScale = output.quantization().scale();
        // As TFLM's PrepareSvdf: the scale products and quotients in float, then widened to double.
        double featureScale = inScale * featureWeights.quantization().scale() / stateScale;
        float timeProduct = stateScale * timeWeights.quantization().scale();
        double outputScale = timeProduct / outScale;
        if (!(Math.abs((double) bias.quantization().scale() - (double) timeProduct) < 1e-5)) {
            throw node.error(bias, "bias scale " + bias.quantization().scale() + " differs from state scale x time"
                    + " weights scale " + timeProduct);
        }
        return new Int8(g, (int) input.quantization().zeroPoint(), (int) state.quantization().zeroPoint(),
                (int) output.quantization().zeroPoint(), FixedPoint.quantizeMultiplier(featureScale),
                FixedPoint.quantizeMultiplier(outputScale), (int) state.type().min(), (int) state.type().max(),
                Weights.ints(featureWeights), Weights.ints(timeWeights), Weights.ints(bias));
    }

    /** Shifts every state value one place towards the start (the oldest value of each filter drops out). */
    private static void shift(int[] ints, float[] floats) {
        if (ints != null) {
            System.arraycopy(ints, 1, ints, 0, ints.length - 1);
        } else {
            System.arraycopy(floats, 1, floats, 0, floats.length - 1);
        }
    }

    /**
     * int8 SVDF with a state of {@code [stateMin, stateMax]} (int16 or int8), as TFLM's
     * EvalIntegerSvdfReference: feature products rescaled by {@code feature} into the state type
     * (plus its zero point), time products against the state minus its zero point, bias plus each
     * unit's rank sums, rescaled by {@code output} and clamped to int8.
     */
    public record Int8(Geometry geometry, int inputZeroPoint, int stateZeroPoint, int outputZeroPoint,
            FixedPoint.Multiplier feature, FixedPoint.Multiplier output, int stateMin, int stateMax,
            int[] featureWeights, int[] timeWeights, int[] bias) implements Kernel {
        /** Scratch bytes: one int32 per filter (time products) and one per unit (sums), per batch. */
        public long scratchBytes() {
            return 4L * geometry.batches() * (geometry.filters() + geometry.units());
        }

        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Geometry g = geometry;
            int[] in = inputs[0].ints();
            int[] state = inputs[4].ints();
            int[] out = outputs[0].ints();
            int filters = g.filters();
            int memory = g.memory();
            shift(state, null);
            for (int b = 0; b < g.batches(); b++) {
                for (int f = 0; f < filters; f++) {
                    int dot = 0;
                    for (int c = 0; c < g.inputSize(); c++) {
                        dot += featureWeights[f * g.inputSize() + c] * (in[b * g.inputSize() + c] - inputZeroPoint);
                    }
                    dot = FixedPoint.multiplyByQuantizedMultiplier(dot, feature);
                    dot = Math.min(Math.max(dot, stateMin), stateMax);
                    state[(b * filters + f) * memory + memory - 1] = narrow(stateZeroPoint + dot);
                }
            }
            int[] sums = new int[g.units()];
            for (int b = 0; b < g.batches(); b++) {
                for (int u = 0; u < g.units(); u++) {
                    sums[u] = bias[u];
                }
                for (int f = 0; f < filters; f++) {
                    int dot = 0;
                    int base = (b * filters + f) * memory;
                    for (int m = 0; m < memory; m++) {
                        dot += timeWeights[f * memory + m] * (state[base + m] - stateZeroPoint);
                    }
                    sums[f / g.rank()] += dot;
                }
                for (int u = 0; u < g.units(); u++) {
                    int v = FixedPoint.multiplyByQuantizedMultiplier(sums[u], output) + outputZeroPoint;
                    out[b * g.units() + u] = Math.min(Math.max(v, -128), 127);
                }
            }
        }

        /** The state type's conversion of an int (wrapping, as the C store into int16_t or int8_t). */
        private int narrow(int v) {
            return stateMax == Short.MAX_VALUE ? (short) v : (byte) v;
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }

    /** float32 SVDF, as TFLM's EvalFloatSvdfReference, with the fused activation's clamp. */
    public record Float32(Geometry geometry, float[] featureWeights, float[] timeWeights, float[] bias, float[] range)
            implements Kernel {
        /** Scratch bytes: one float per filter and batch (time products). */
        public long scratchBytes() {
            return 4L * geometry.batches() * geometry.filters();
        }

        @Override
        public void run(TensorData[] inputs, TensorData[] outputs) {
            Geometry g = geometry;
            float[] in = inputs[0].floats();
            float[] state = inputs[4].floats();
            float[] out = outputs[0].floats();
            int filters = g.filters();
            int memory = g.memory();
            shift(null, state);
            for (int b = 0; b < g.batches(); b++) {
                for (int f = 0; f < filters; f++) {
                    float dot = 0f;
                    for (int c = 0; c < g.inputSize(); c++) {
                        dot += featureWeights[f * g.inputSize() + c] * in[b * g.inputSize() + c];
                    }
                    state[(b * filters + f) * memory + memory - 1] = dot;
                }
            }
            float[] products = new float[filters];
            for (int b = 0; b < g.batches(); b++) {
                for (int f = 0; f < filters; f++) {
                    float dot = 0f;
                    int base = (b * filters + f) * memory;
                    for (int m = 0; m < memory; m++) {
                        dot += timeWeights[f * memory + m] * state[base + m];
                    }
                    products[f] = dot;
                }
                for (int u = 0; u < g.units(); u++) {
                    float sum = bias == null ? 0f : bias[u];
                    for (int r = 0; r < g.rank(); r++) {
                        sum += products[u * g.rank() + r];
                    }
                    out[b * g.units() + u] = Activation.clamp(sum, range);
                }
            }
        }

        @Override
        public long macs() {
            return geometry.macs();
        }
    }
}
