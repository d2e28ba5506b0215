package dev.tflc.ops;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Location;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.ir.Text;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The operators tflc supports, by name, and preparation of a whole graph. */
public final class Operators {
    private static final Map<String, OperatorKind> KINDS = new TreeMap<>();

    static {
        for (OperatorKind k : List.of(new Conv2D(), new DepthwiseConv2D(), new FullyConnected(), Pool2D.average(),
                Pool2D.max(), new Add(), new Reshape(), new Softmax(), new Quantize(), new Dequantize(),
                Pad.pad(), Pad.padV2(), Reduce.mean(), Reduce.sum(), new Concatenation(), new Transpose(),
                new StridedSlice(), new Slice(), new Squeeze(), new ExpandDims(), new TransposeConv())) {
            KINDS.put(k.name(), k);
        }
        for (OperatorKind k : List.of(new Mul(), new Sub(), Relu.relu(), Relu.relu6(), Relu.reluN1To1(),
                new LeakyRelu(), new Logistic(), new Tanh(), new HardSwish(), MaximumMinimum.maximum(),
                MaximumMinimum.minimum(), new Abs(), new Neg(), new Svdf())) {
            KINDS.put(k.name(), k);
        }
        for (OperatorKind k : List.of(new Div(), new SquaredDifference(), MathFunction.exp(), MathFunction.log(),
                MathFunction.sqrt(), MathFunction.rsqrt(), new Prelu(), ArgMinMax.argMax(), ArgMinMax.argMin(),
                new ResizeNearestNeighbor(), new ResizeBilinear())) {
            KINDS.put(k.name(), k);
        }
        for (OperatorKind k : List.of(Split.split(), Split.splitV(), new Pack(), new Unpack(),
                SpaceDepth.depthToSpace(), SpaceDepth.spaceToDepth(), new Gather(), new MirrorPad(),
                new BatchToSpace(), new SpaceToBatch())) {
            KINDS.put(k.name(), k);
        }
        for (OperatorKind k : List.of(new Cast(), new ZerosLike(), new Fill(), new ShapeOf(), new L2Normalization(),
                new LogSoftmax(), new BatchMatMul(), new UnidirectionalSequenceLstm())) {
            KINDS.put(k.name(), k);
        }
    }

    private Operators() {
    }

    public static java.util.Set<String> supported() {
        return KINDS.keySet();
    }

    public static OperatorKind kind(String name) {
        return KINDS.get(name);
    }

    /**
     * Prepares every operator of {@code graph} in order. Finds every problem before it fails: each
     * unsupported operator, each operator its kind refuses, and each tensor the generated code could
     * not hold (no elements, or a type without a fixed element size), all in one exception
     * ({@link IrException#all}) in operator order.
     */
    public static List<Kernel> prepare(Graph graph) {
        List<IrException> problems = new ArrayList<>();
        for (int io : ioTensors(graph)) {
            String problem = uncompilable(graph.tensor(io));
            if (problem != null) {
                problems.add(new IrException(Location.NONE.withTensor(graph.tensor(io).name()), problem));
            }
        }
        List<Kernel> kernels = new ArrayList<>();
        for (Operator op : graph.operators()) {
            try {
                kernels.add(prepare(graph, op));
            } catch (IrException e) {
                problems.add(e);
            } catch (ArithmeticException e) {
                problems.add(new IrException(op.location(), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw IrException.all(problems);
        }
        return kernels;
    }

    /**
     * Why {@code op} of {@code graph} cannot be compiled, as {@code tensor 'x': problem} (the tensor
     * part where the problem has one), or null when its kind accepts it.
     */
    public static String problem(Graph graph, Operator op) {
        try {
            prepare(graph, op);
            return null;
        } catch (IrException e) {
            String tensor = e.location().tensor();
            return (tensor == null ? "" : "tensor '" + Text.printable(tensor) + "': ") + e.getMessage();
        } catch (ArithmeticException e) {
            return e.getMessage();
        }
    }

    private static Kernel prepare(Graph graph, Operator op) {
        OperatorKind kind = KINDS.get(op.kind());
        if (kind == null) {
            throw new IrException(op.location(), "unsupported operator " + Text.printable(op.kind()));
        }
        for (List<Integer> operands : List.of(op.inputs(), op.outputs())) {
            for (int t : operands) {
                String problem = t < 0 ? null : uncompilable(graph.tensor(t));
                if (problem != null) {
                    throw new IrException(op.location().withTensor(graph.tensor(t).name()), problem);
                }
            }
        }
        return kind.prepare(new Node(graph, op));
    }

    /** The graph's inputs, outputs and variables: the tensors the memory plan places whether read or not. */
    private static Set<Integer> ioTensors(Graph graph) {
        Set<Integer> io = new LinkedHashSet<>(graph.inputs());
        io.addAll(graph.outputs());
        graph.tensors().stream().filter(Tensor::isVariable).forEach(t -> io.add(t.index()));
        return io;
    }

    /** Why generated code cannot hold {@code t}, or null when it can. */
    private static String uncompilable(Tensor t) {
        if (t.type() == TensorType.INT4 && !t.isConstant()) {
            return "type INT4 is supported for constant weights only";
        }
        if (t.type().bytes() == 0 && t.type() != TensorType.INT4) {
            return "type " + t.type() + " is not supported (it has no fixed element size)";
        }
        if (t.shape().elements() == 0) {
            return "has no elements (shape " + t.shape() + "); tflc does not compile operators on empty tensors";
        }
        return null;
    }
}
