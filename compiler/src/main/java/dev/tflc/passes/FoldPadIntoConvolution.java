package dev.tflc.passes;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.ops.Kernel;
import dev.tflc.ops.Node;
import dev.tflc.ops.Operators;
import dev.tflc.ops.Pad;
import dev.tflc.ops.Padding;
import dev.tflc.ops.Window;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Folds a PAD (or PADV2) of the height and width of an NHWC tensor into the CONV_2D,
 * DEPTHWISE_CONV_2D or MAX_POOL_2D that alone reads it: the operator reads the unpadded tensor with
 * the PAD's padding added to its own, as explicit padding ({@link Window#EXPLICIT_PADDING}), and the
 * PAD and its tensor are gone. Bit-exact only because the window operators skip the taps outside
 * their input (as TFLM's kernels do), and a padding value that changes no result is as good as no tap:
 *
 * <ul>
 *   <li>convolutions: the padded tensor's zero point (int8; it adds filter x (zero point - zero
 *       point) = 0 to the sum), or +-0.0 (float; the sum starts at +0.0 and adding a zero keeps it);
 *   <li>MAX_POOL_2D: the type's least value (int8 -128; float -FLT_MAX or -inf), never above the
 *       maximum's starting value nor the clamp.
 * </ul>
 *
 * Never AVERAGE_POOL_2D: it divides by the count of taps inside its input, so padding would change
 * the divisor. Only where PAD and operator read the same quantization, no batch or channel padding,
 * and every window still overlaps the unpadded input (the geometry SAME padding produces, which
 * every kernel set handles).
 */
public final class FoldPadIntoConvolution implements Pass {
    private static final Set<String> PADS = Set.of("PAD", "PADV2");
    private static final Set<String> CONVOLUTIONS = Set.of("CONV_2D", "DEPTHWISE_CONV_2D");
    private static final int FLOAT_MINUS_ZERO = 0x80000000;

    @Override
    public String name() {
        return "fold-pad-into-convolution";
    }

    @Override
    public Graph apply(Graph g) {
        // One fold at a time, until none is left: a PAD of a PAD folds in the next round.
        for (Graph before = null; before != g;) {
            before = g;
            g = foldFirst(g);
        }
        return g;
    }

    private static Graph foldFirst(Graph g) {
        for (Operator consumer : g.operators()) {
            Operator pad = producer(g, consumer.input(0));
            Options folded = pad == null ? null : fold(g, pad, consumer);
            if (folded != null) {
                return Rewrite.edit(g, Set.of(pad.index()), Map.of(pad.output(0), pad.input(0)), Map.of(),
                        Map.of(consumer.index(), folded));
            }
        }
        return g;
    }

    private static Operator producer(Graph g, int tensor) {
        return tensor < 0 ? null
                : g.operators().stream().filter(o -> o.outputs().contains(tensor)).findFirst().orElse(null);
    }

    /** The consumer's options with {@code pad} folded in, or null where the fold would not be bit-exact. */
    static Options fold(Graph g, Operator pad, Operator consumer) {
        if (!PADS.contains(pad.kind()) || pad.outputs().size() != 1 || pad.input(0) < 0
                || !(CONVOLUTIONS.contains(consumer.kind()) || consumer.kind().equals("MAX_POOL_2D"))) {
            return null;
        }
        int padded = pad.output(0);
        long reads = g.operators().stream().flatMap(o -> o.inputs().stream()).filter(t -> t == padded).count();
        Tensor in = g.tensor(pad.input(0));
        Tensor out = g.tensor(padded);
        if (reads != 1 || g.outputs().contains(padded) || out.isVariable() || in.type() != out.type()
                || out.shape().rank() != 4 || !Objects.equals(in.quantization(), out.quantization())) {
            return null;
        }
        Pad.Constant p = prepared(g, pad);
        if (p == null || !neutral(p.valueBits(), out, consumer.kind())) {
            return null;
        }
        // Extended to 5 dimensions: [1, N, H, W, C].
        for (int d : new int[] {1, 4}) {
            if (p.inDims()[d] != p.outDims()[d]) {
                return null;
            }
        }
        Options o = consumer.options();
        int[] filter = filterSize(g, consumer);
        if (filter == null) {
            return null;
        }
        int[] h = axis(o, "H", filter[0], p, 2, 0);
        int[] w = axis(o, "W", filter[1], p, 3, 2);
        if (h == null || w == null) {
            return null;
        }
        Map<String, Object> fields = new HashMap<>(o.fields());
        fields.put("padding", Padding.VALID.ordinal());
        fields.put(Window.EXPLICIT_PADDING, List.of(h[0], h[1], w[0], w[1]));
        return new Options(o.type(), fields);
    }

    /** The PAD as prepared for the reference, or null if it is not one tflc runs. */
    private static Pad.Constant prepared(Graph g, Operator pad) {
        try {
            Kernel k = Operators.kind(pad.kind()).prepare(new Node(g, pad));
            return k instanceof Pad.Constant c ? c : null;
        } catch (IrException | ArithmeticException e) {
            return null;
        }
    }

    /** True when padding with the value whose bits are {@code bits} changes no output of {@code kind}. */
    private static boolean neutral(int bits, Tensor padded, String kind) {
        boolean isFloat = padded.type() == TensorType.FLOAT32;
        if (CONVOLUTIONS.contains(kind)) {
            return isFloat ? bits == 0 || bits == FLOAT_MINUS_ZERO
                    : padded.isQuantized() && bits == padded.quantization().zeroPoint();
        }
        return isFloat ? bits == Float.floatToRawIntBits(-Float.MAX_VALUE)
                || bits == Float.floatToRawIntBits(Float.NEGATIVE_INFINITY)
                : bits == padded.type().min();
    }

    /** Filter height and width of a window operator. */
    private static int[] filterSize(Graph g, Operator consumer) {
        if (consumer.kind().equals("MAX_POOL_2D")) {
            Options o = consumer.options();
            return new int[] {o.getInt("filterHeight", 0), o.getInt("filterWidth", 0)};
        }
        int f = consumer.input(1);
        if (f < 0 || g.tensor(f).shape().rank() != 4) {
            return null;
        }
        return new int[] {g.tensor(f).shape().dim(1), g.tensor(f).shape().dim(2)};
    }

    /**
     * The explicit padding (before, after) along one spatial axis of the window operator once it
     * reads the unpadded tensor: the PAD's (at {@code dim} of its extended dims) plus the operator's
     * own (its explicit padding at {@code explicitAt}, or SAME's on the padded size); null unless every
     * window overlaps the unpadded input.
     */
    private static int[] axis(Options o, String name, int filter, Pad.Constant p, int dim, int explicitAt) {
        int stride = o.getInt("stride" + name, 1);
        int dilation = o.getInt("dilation" + name + "Factor", 1);
        int inner = p.inDims()[dim];
        int size = p.outDims()[dim];
        if (stride < 1 || dilation < 1 || filter < 1) {
            return null;
        }
        int effective = (filter - 1) * dilation + 1;
        int[] explicit = o.getInts(Window.EXPLICIT_PADDING);
        int before;
        int after;
        int outSize;
        if (explicit != null) {
            before = explicit[explicitAt];
            after = explicit[explicitAt + 1];
            outSize = Padding.VALID.outSize(size + before + after, filter, stride, dilation);
        } else {
            int code = o.getInt("padding", 0);
            if (code != 0 && code != 1) {
                return null;
            }
            Padding padding = Padding.values()[code];
            outSize = padding.outSize(size, filter, stride, dilation);
            int total = padding == Padding.SAME ? Math.max(0, (outSize - 1) * stride + effective - size) : 0;
            before = total / 2;
            after = total - before;
        }
        int top = p.before()[dim] + before;
        int bottom = size - inner - p.before()[dim] + after;
        boolean overlaps = top <= effective - 1 && (outSize - 1) * stride - top <= inner - 1;
        return outSize >= 1 && overlaps ? new int[] {top, bottom} : null;
    }
}
