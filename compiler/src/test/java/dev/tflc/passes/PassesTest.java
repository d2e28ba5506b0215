package dev.tflc.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.SharedModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each pass removes what computes nothing, keeps what does, and leaves the outputs bit-exact. */
class PassesTest {
    /** A graph built tensor by tensor: x -> op -> ... with the last tensor the output. */
    private static final class Builder {
        final List<Tensor> tensors = new ArrayList<>();
        final List<Operator> ops = new ArrayList<>();

        int tensor(TensorType type, Quantization q, int... dims) {
            tensors.add(new Tensor(tensors.size(), "t" + tensors.size(), type, Shape.of(dims), q, null, false));
            return tensors.size() - 1;
        }

        int constant(TensorType type, byte[] data, int... dims) {
            tensors.add(new Tensor(tensors.size(), "c" + tensors.size(), type, Shape.of(dims), null, data, false));
            return tensors.size() - 1;
        }

        void op(String kind, List<Integer> in, int out, Options options) {
            ops.add(new Operator(ops.size(), kind, 1, in, List.of(out), options));
        }

        Graph graph(int input, int... outputs) {
            List<Integer> outs = new ArrayList<>();
            for (int o : outputs) {
                outs.add(o);
            }
            return new Graph("g", tensors, ops, List.of(input), outs);
        }
    }

    private static Quantization q(float scale, long zp) {
        return Quantization.perTensor(scale, zp);
    }

    /** The graph's outputs on every one of {@code cases} random inputs, run by the reference. */
    private static List<List<byte[]>> outputs(Graph g, long seed) {
        Random rnd = new Random(seed);
        List<List<byte[]>> all = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            List<byte[]> inputs = new ArrayList<>();
            for (Tensor t : g.inputTensors()) {
                byte[] b = new byte[(int) t.byteSize()];
                if (t.type() == TensorType.FLOAT32) {
                    // Finite values: NaN payloads are not something any kernel promises to keep.
                    java.nio.ByteBuffer f = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    while (f.hasRemaining()) {
                        f.putFloat((float) rnd.nextGaussian() * 4);
                    }
                } else {
                    rnd.nextBytes(b);
                }
                inputs.add(b);
            }
            all.add(new Interpreter(g).run(inputs));
        }
        return all;
    }

    private static void assertSameOutputs(Graph before, Graph after) {
        List<List<byte[]>> a = outputs(before, 7);
        List<List<byte[]>> b = outputs(after, 7);
        for (int c = 0; c < a.size(); c++) {
            for (int o = 0; o < a.get(c).size(); o++) {
                assertArrayEquals(a.get(c).get(o), b.get(c).get(o), "case " + c + " output " + o);
            }
        }
    }

    @Test
    void requantizationPairThatCancelsIsRemoved() {
        Builder b = new Builder();
        int x = b.tensor(TensorType.INT8, q(0.5f, 3), 1, 8);
        int wide = b.tensor(TensorType.INT16, q(0.5f / 128, 0), 1, 8);
        int back = b.tensor(TensorType.INT8, q(0.5f, 3), 1, 8);
        int out = b.tensor(TensorType.INT8, q(0.5f, 3), 1, 8);
        b.op("QUANTIZE", List.of(x), wide, Options.NONE);
        b.op("QUANTIZE", List.of(wide), back, Options.NONE);
        b.op("RESHAPE", List.of(back), out, Options.NONE);
        Graph g = b.graph(x, out);
        Graph r = new RemoveCancellingQuantizePairs().apply(g);
        assertEquals(List.of("RESHAPE"), r.operators().stream().map(Operator::kind).toList());
        assertEquals(x, r.operators().get(0).input(0));
        assertSameOutputs(g, r);
    }

    @Test
    void pairThatLosesPrecisionIsKept() {
        // int8 -> int8 at a coarser scale -> back: values are rounded away, so this is no identity.
        Builder b = new Builder();
        int x = b.tensor(TensorType.INT8, q(0.5f, 0), 1, 8);
        int coarse = b.tensor(TensorType.INT8, q(2f, 0), 1, 8);
        int back = b.tensor(TensorType.INT8, q(0.5f, 0), 1, 8);
        b.op("QUANTIZE", List.of(x), coarse, Options.NONE);
        b.op("QUANTIZE", List.of(coarse), back, Options.NONE);
        Graph g = b.graph(x, back);
        assertSame(g, new RemoveCancellingQuantizePairs().apply(g));
    }

    @Test
    void dequantizeThenQuantizeToTheSameParametersIsRemoved() {
        Builder b = new Builder();
        int x = b.tensor(TensorType.INT8, q(0.02f, -5), 2, 3);
        int f = b.tensor(TensorType.FLOAT32, null, 2, 3);
        int back = b.tensor(TensorType.INT8, q(0.02f, -5), 2, 3);
        int out = b.tensor(TensorType.FLOAT32, null, 2, 3);
        b.op("DEQUANTIZE", List.of(x), f, Options.NONE);
        b.op("QUANTIZE", List.of(f), back, Options.NONE);
        b.op("DEQUANTIZE", List.of(back), out, Options.NONE);
        Graph g = b.graph(x, out);
        Graph r = new RemoveCancellingQuantizePairs().apply(g);
        assertEquals(1, r.operators().size());
        assertSameOutputs(g, r);
    }

    @Test
    void pairWhoseMiddleIsReadElsewhereIsKept() {
        Builder b = new Builder();
        int x = b.tensor(TensorType.INT8, q(0.5f, 3), 1, 8);
        int wide = b.tensor(TensorType.INT16, q(0.5f / 128, 0), 1, 8);
        int back = b.tensor(TensorType.INT8, q(0.5f, 3), 1, 8);
        b.op("QUANTIZE", List.of(x), wide, Options.NONE);
        b.op("QUANTIZE", List.of(wide), back, Options.NONE);
        Graph g = b.graph(x, back, wide);
        assertSame(g, new RemoveCancellingQuantizePairs().apply(g));
    }

    @Test
    void requantizationByExactlyOneIsRemovedAndAnyOtherKept() {
        Builder b = new Builder();
        int x = b.tensor(TensorType.INT8, q(0.1f, 4), 4);
        int same = b.tensor(TensorType.INT8, q(0.1f, 4), 4);
        int shifted = b.tensor(TensorType.INT8, q(0.1f, 5), 4);
        b.op("QUANTIZE", List.of(x), same, Options.NONE);
        b.op("QUANTIZE", List.of(same), shifted, Options.NONE);
        Graph g = b.graph(x, shifted);
        Graph r = new RemoveNoOpQuantizations().apply(g);
        assertEquals(1, r.operators().size());
        assertEquals(x, r.operators().get(0).input(0));
        assertEquals(shifted, r.operators().get(0).output(0));
        assertSameOutputs(g, r);
    }

    @Test
    void aNoOpWhoseOutputIsTheGraphOutputAndWhoseInputIsAlsoAnOutputIsKept() {
        Builder b = new Builder();
        int x = b.tensor(TensorType.INT8, q(0.1f, 4), 4);
        int y = b.tensor(TensorType.INT8, q(0.1f, 4), 4);
        int z = b.tensor(TensorType.INT8, q(0.1f, 4), 4);
        b.op("QUANTIZE", List.of(x), y, Options.NONE);
        b.op("QUANTIZE", List.of(y), z, Options.NONE);
        Graph g = b.graph(x, y, z);
        Graph r = new RemoveNoOpQuantizations().apply(g);
        // y may go (x stands for it), z may not then stand on y: outputs stay distinct tensors.
        assertEquals(r.outputs().stream().distinct().count(), r.outputs().size());
        assertSameOutputs(g, r);
    }

    @Test
    void identityReshapeIsRemovedAndConstantReshapeFolded() {
        Builder b = new Builder();
        int x = b.tensor(TensorType.FLOAT32, null, 2, 4);
        int y = b.tensor(TensorType.FLOAT32, null, 2, 4);
        int c = b.constant(TensorType.FLOAT32, new byte[32], 8);
        int c2 = b.tensor(TensorType.FLOAT32, null, 2, 4);
        int sum = b.tensor(TensorType.FLOAT32, null, 2, 4);
        b.op("RESHAPE", List.of(x), y, Options.NONE);
        b.op("RESHAPE", List.of(c), c2, Options.NONE);
        b.op("ADD", List.of(y, c2), sum, new Options("AddOptions", Map.of()));
        Graph g = b.graph(x, sum);
        Graph r = Passes.run(g, List.of(new FoldConstantReshapes(), new RemoveIdentityReshapes()));
        assertEquals(List.of("ADD"), r.operators().stream().map(Operator::kind).toList());
        assertTrue(r.tensor(r.operators().get(0).input(1)).isConstant());
        assertEquals(x, r.operators().get(0).input(0));
        assertSameOutputs(g, r);
    }

    static Stream<Path> models() {
        return SharedModels.supported().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theStandardPassesKeepEverySharedModelsOutputsBitExact(Path model) {
        Graph g = ModelReader.read(model).main();
        Graph r = Passes.run(g, Passes.standard());
        assertTrue(r.operators().size() <= g.operators().size());
        byte[] in = SharedModels.goldenInput(model);
        assertArrayEquals(Outputs.concat(new Interpreter(g).run(Interpreter.splitInputs(g, in))),
                Outputs.concat(new Interpreter(r).run(Interpreter.splitInputs(r, in))), model.toString());
        assertSameOutputs(g, r);
    }
}
