package dev.tflc.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
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
import org.junit.jupiter.api.Test;

/**
 * The data movement operators with several outputs, indices or blocks refuse, with one located
 * diagnostic, what TensorFlow Lite Micro cannot prepare or what does not fit their definition: an
 * index operand that is not constant, a split that does not divide, a constant GATHER index outside
 * the axis, a MIRROR_PAD reaching past the input, an UNPACK whose num is not its outputs, a
 * SPACE_TO_BATCH_ND whose padded input is not the block's multiple.
 */
class MovementChecksTest {
    @Test
    void splitNeedsAConstantAxisAndADimensionThatDivides() {
        assertRefused("operator 0 (SPLIT), tensor 'axis': axis must be constant (TFLM reads it when it prepares the "
                + "operator)", "SPLIT", Map.of("numSplits", 2), List.of(ints("axis", null), floats("x", 4)),
                List.of(floats("a", 2), floats("b", 2)));
        assertRefused("operator 0 (SPLIT), tensor 'x': its split dimension of 5 does not divide into 2 parts", "SPLIT",
                Map.of("numSplits", 2), List.of(ints("axis", new int[] {0}), floats("x", 5)),
                List.of(floats("a", 2), floats("b", 3)));
    }

    @Test
    void splitVSizesMustAddUpToTheDimension() {
        assertRefused("operator 0 (SPLIT_V), tensor 'sizes': size_splits [1, 2] do not add up to the split "
                + "dimension's 4", "SPLIT_V", Map.of("numSplits", 2),
                List.of(floats("x", 4), ints("sizes", new int[] {1, 2}), ints("axis", new int[] {0})),
                List.of(floats("a", 1), floats("b", 2)));
    }

    @Test
    void unpackNumMustBeItsOutputs() {
        assertRefused("operator 0 (UNPACK): num is 3, the operator has 2 outputs and the input 2 slices along axis 0; "
                + "they must be equal", "UNPACK", Map.of("num", 3, "axis", 0), List.of(floats("x", 2, 3)),
                List.of(floats("a", 3), floats("b", 3)));
    }

    @Test
    void aConstantGatherIndexOutsideTheAxisIsRefused() {
        assertRefused("operator 0 (GATHER), tensor 'indices': GATHER index 3 is outside the axis's 3 elements",
                "GATHER", Map.of("axis", 0), List.of(floats("x", 3, 2), ints("indices", new int[] {0, 3})),
                List.of(floats("y", 2, 2)));
    }

    @Test
    void mirrorPadMustNotReachPastTheInput() {
        assertRefused("operator 0 (MIRROR_PAD), tensor 'pads': padding 3, 0 of dimension 0 of 3 elements is negative "
                + "or reaches past the input (REFLECT: at most 2)", "MIRROR_PAD", Map.of("mode", 0),
                List.of(floats("x", 3), pairs("pads", 3, 0)), List.of(floats("y", 6)));
    }

    @Test
    void spaceToBatchNeedsPaddedSizesTheBlocksMultiple() {
        assertRefused("operator 0 (SPACE_TO_BATCH_ND), tensor 'pads': spatial dimension 0 of 3 padded by 0, 0 is "
                + "not a multiple of block 2 (or a value is negative)", "SPACE_TO_BATCH_ND", Map.of(),
                List.of(floats("x", 1, 3, 1), ints("block", new int[] {2}), pairs("pads", 0, 0)),
                List.of(floats("y", 2, 1, 1)));
    }

    /** Prepares one operator on {@code inputs} and {@code outputs} and checks the diagnostic. */
    private static void assertRefused(String diagnostic, String kind, Map<String, Object> options, List<Tensor> inputs,
            List<Tensor> outputs) {
        List<Tensor> indexed = new ArrayList<>();
        List<Integer> in = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        for (Tensor t : inputs) {
            in.add(indexed.size());
            indexed.add(new Tensor(indexed.size(), t.name(), t.type(), t.shape(), null, t.data(), false));
        }
        for (Tensor t : outputs) {
            out.add(indexed.size());
            indexed.add(new Tensor(indexed.size(), t.name(), t.type(), t.shape(), null, null, false));
        }
        Operator op = new Operator(0, kind, 1, in, out, new Options(kind + "Options", options));
        List<Integer> graphInputs = in.stream().filter(i -> indexed.get(i).data() == null).toList();
        Graph g = new Graph("checks", indexed, List.of(op), graphInputs, out);
        IrException e = assertThrows(IrException.class, () -> Operators.prepare(g));
        assertEquals(diagnostic, e.diagnostic());
    }

    private static Tensor floats(String name, int... dims) {
        return new Tensor(0, name, TensorType.FLOAT32, Shape.of(dims), null, null, false);
    }

    /** An int32 vector: constant with {@code values}, or a run-time tensor of one element when null. */
    private static Tensor ints(String name, int[] values) {
        return new Tensor(0, name, TensorType.INT32, Shape.of(values == null ? 1 : values.length), null,
                values == null ? null : bytes(values), false);
    }

    /** A constant int32 [n, 2] of the n pairs in {@code values}. */
    private static Tensor pairs(String name, int... values) {
        return new Tensor(0, name, TensorType.INT32, Shape.of(values.length / 2, 2), null, bytes(values), false);
    }

    private static byte[] bytes(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }
}
