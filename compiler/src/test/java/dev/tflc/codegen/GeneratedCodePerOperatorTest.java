package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tflc.ir.Graph;
import dev.tflc.reference.Interpreter;
import dev.tflc.target.Target;
import dev.tflc.testing.CBatch;
import dev.tflc.testing.CBuild;
import dev.tflc.testing.Int4Weights;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomConvolutions;
import dev.tflc.testing.RandomLstm;
import dev.tflc.testing.RandomMathOps;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.Precision;
import dev.tflc.testing.RandomMovements;
import dev.tflc.testing.RandomTensorOps;
import dev.tflc.tflite.ModelReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.TensorType;

/**
 * Every operator in every type that compile accepts, {@value #CASES} random single-operator models
 * each per run, compiled to C and held to the Java reference: integers bit for bit, floats bit for bit
 * too where C and Java compute in the same order (every float kernel but those that call libm's
 * {@code expf}, {@code logf} or {@code tanhf}), else within DESIGN.md's float tolerance. The cases of
 * one operator and type are built {@value #PER_BUILD} to a program (each model with its own prefix),
 * and the builds take the compilers and levels in turn: gcc -O0 and clang -O0 under AddressSanitizer
 * and UndefinedBehaviorSanitizer, gcc -O2 and clang -O2 without, so each operator and type meets both
 * compilers and both levels, half of its cases under the sanitizers. A failing model is kept under
 * {@code target/failed-cases/}. {@code -Dtflc.per-op.only=TEXT} runs only the entries whose name
 * contains TEXT.
 */
class GeneratedCodePerOperatorTest {
    static final int CASES = 50;
    static final int PER_BUILD = 25;
    /** Compiler, level and whether under the sanitizers, taken in turn by successive builds. */
    private static final List<CBuild> BUILDS = List.of(new CBuild("gcc", "-O0", true), new CBuild("clang", "-O2", false),
            new CBuild("gcc", "-O2", false), new CBuild("clang", "-O0", true));
    private static final AtomicInteger NEXT_BUILD = new AtomicInteger();

    /**
     * Operators (one, or the kinds one builder makes) in one type; {@code libm}: the float kernel
     * calls libm, so floats get the tolerance.
     */
    record Entry(List<String> operators, String type, Arbitrary<Case> cases, boolean libm) {
        Entry(String operator, String type, Arbitrary<Case> cases, boolean libm) {
            this(List.of(operator), type, cases, libm);
        }

        String name() {
            return String.join("/", operators) + " " + type;
        }
    }

    private static final String INT16X8 = "int16 activations, int8 weights (16x8)";
    private static final Precision F = Precision.FLOAT32;
    private static final Precision Q = Precision.INT8;
    private static final Precision QC = Precision.INT8_PER_CHANNEL;

    static List<Entry> entries() {
        List<Entry> e = new ArrayList<>();
        for (Precision p : List.of(F, Q, QC)) {
            e.add(new Entry("CONV_2D", type(p), RandomModels.conv2d(p), false));
            e.add(new Entry("DEPTHWISE_CONV_2D", type(p), RandomModels.depthwiseConv2d(p), false));
            e.add(new Entry("FULLY_CONNECTED", type(p), RandomModels.fullyConnected(p), false));
        }
        String int4 = "int8, INT4 weights";
        e.add(new Entry("CONV_2D", int4, Int4Weights.int4(Arbitraries.oneOf(List.of(RandomModels.conv2d(Q),
                RandomModels.conv2d(QC)))), false));
        e.add(new Entry("DEPTHWISE_CONV_2D", int4, Int4Weights.int4(Arbitraries.oneOf(List.of(
                RandomModels.depthwiseConv2d(Q), RandomModels.depthwiseConv2d(QC)))), false));
        e.add(new Entry("FULLY_CONNECTED", int4 + " (per tensor)", Int4Weights.int4(RandomModels.fullyConnected(Q)),
                false));
        e.add(new Entry("CONV_2D", "grouped (float32, int8)", RandomModels.groupedConv2d(), false));
        e.add(new Entry("CONV_2D", "hybrid (float32 activations, int8 weights)", RandomModels.hybridConv2d(), false));
        e.add(new Entry("CONV_2D", "hybrid, per-channel weights", RandomModels.hybridConv2dPerChannel(), false));
        e.add(new Entry("DEPTHWISE_CONV_2D", "hybrid (float32 activations, int8 per-channel weights)",
                RandomModels.hybridDepthwiseConv2d(), false));
        e.add(new Entry("FULLY_CONNECTED", "hybrid (float32 activations, int8 weights)",
                RandomModels.hybridFullyConnected(), false));
        e.add(new Entry("CONV_2D", INT16X8 + " (grouped too)", RandomConvolutions.conv2d16x8(3,
                RandomConvolutions.Bias.NONE, RandomConvolutions.Bias.INT32, RandomConvolutions.Bias.INT64), false));
        e.add(new Entry("DEPTHWISE_CONV_2D", INT16X8, RandomConvolutions.depthwiseConv2d16x8(
                RandomConvolutions.Bias.NONE, RandomConvolutions.Bias.INT64), false));
        e.add(new Entry("FULLY_CONNECTED", INT16X8, RandomConvolutions.fullyConnected16x8(true,
                RandomConvolutions.Bias.NONE, RandomConvolutions.Bias.INT32, RandomConvolutions.Bias.INT64), false));
        for (RandomConvolutions.Precision p : RandomConvolutions.Precision.values()) {
            e.add(new Entry("TRANSPOSE_CONV", p == RandomConvolutions.Precision.INT16 ? INT16X8
                    : p.name().toLowerCase(java.util.Locale.ROOT), RandomConvolutions.transposeConv(false, p), false));
        }
        for (Precision p : List.of(F, Q)) {
            e.add(new Entry("AVERAGE_POOL_2D", type(p), RandomModels.averagePool2d(p), false));
            e.add(new Entry("MAX_POOL_2D", type(p), RandomModels.maxPool2d(p), false));
            e.add(new Entry("ADD", type(p), RandomModels.add(p), false));
            e.add(new Entry("RESHAPE", type(p), RandomModels.reshape(p), false));
            e.add(new Entry("SOFTMAX", type(p), RandomModels.softmax(p), true));
            e.add(new Entry(List.of("PAD", "PADV2"), type(p), RandomModels.pad(p), false));
            e.add(new Entry("MEAN", type(p), RandomModels.mean(p), false));
            e.add(new Entry("SUM", type(p), RandomModels.sum(p), false));
            e.add(new Entry("CONCATENATION", type(p), RandomModels.concatenation(p), false));
            e.add(new Entry("TRANSPOSE", type(p), RandomModels.transpose(p), false));
            e.add(new Entry("STRIDED_SLICE", type(p), RandomModels.stridedSlice(p), false));
            e.add(new Entry("SLICE", type(p), RandomModels.slice(p), false));
            e.add(new Entry("SQUEEZE", type(p), RandomModels.squeeze(p), false));
            e.add(new Entry("EXPAND_DIMS", type(p), RandomModels.expandDims(p), false));
            for (int kind : new int[] {BuiltinOperator.MUL, BuiltinOperator.SUB, BuiltinOperator.MAXIMUM,
                BuiltinOperator.MINIMUM, BuiltinOperator.RELU, BuiltinOperator.RELU6, BuiltinOperator.RELU_N1_TO_1,
                BuiltinOperator.LEAKY_RELU, BuiltinOperator.LOGISTIC, BuiltinOperator.TANH, BuiltinOperator.HARD_SWISH,
                BuiltinOperator.ABS}) {
                boolean libm = kind == BuiltinOperator.LOGISTIC || kind == BuiltinOperator.TANH;
                e.add(new Entry(BuiltinOperator.name(kind), type(p), RandomModels.elementwise(kind, p), libm));
            }
        }
        Precision i16 = Precision.INT16;
        e.add(new Entry("ADD", type(i16), RandomModels.add(i16), false));
        e.add(new Entry("SUB", type(i16), RandomModels.sub(i16), false));
        e.add(new Entry("MUL", type(i16), RandomModels.mul(i16), false));
        e.add(new Entry("LEAKY_RELU", type(i16), RandomModels.leakyRelu(i16), false));
        e.add(new Entry("LOGISTIC", type(i16), RandomModels.sigmoidInt16(BuiltinOperator.LOGISTIC), false));
        e.add(new Entry("TANH", type(i16), RandomModels.sigmoidInt16(BuiltinOperator.TANH), false));
        e.add(new Entry("AVERAGE_POOL_2D", type(i16), RandomModels.averagePool2d(i16), false));
        e.add(new Entry("MAX_POOL_2D", type(i16), RandomModels.maxPool2d(i16), false));
        e.add(new Entry("NEG", type(F), RandomModels.elementwise(BuiltinOperator.NEG, F), false));
        e.add(new Entry("SOFTMAX", "int8 to int16", RandomModels.softmaxToInt16(), false));
        e.add(new Entry("SOFTMAX", type(i16), RandomModels.softmaxInt16(), false));
        e.add(new Entry("SVDF", "float32 (one invocation)", RandomModels.svdf(RandomModels.SvdfKind.FLOAT32), false));
        e.add(new Entry("SVDF", "int8, int8 state (one invocation)", RandomModels.svdf(RandomModels.SvdfKind.INT8_STATE8),
                false));
        e.add(new Entry("SVDF", "int8, int16 state (one invocation)",
                RandomModels.svdf(RandomModels.SvdfKind.INT8_STATE16), false));
        e.add(new Entry("UNIDIRECTIONAL_SEQUENCE_LSTM", "float32 (one invocation)", RandomLstm.lstm(), true));
        e.add(new Entry("UNIDIRECTIONAL_SEQUENCE_LSTM", "int8, int16 cell state (one invocation)",
                RandomLstm.integer(false), false));
        e.add(new Entry("UNIDIRECTIONAL_SEQUENCE_LSTM", "int16 activations, int8 weights (16x8; one invocation)",
                RandomLstm.integer(true), false));
        for (Precision p : List.of(F, Q)) {
            for (int kind : new int[] {BuiltinOperator.DIV, BuiltinOperator.SQUARED_DIFFERENCE, BuiltinOperator.PRELU}) {
                e.add(new Entry(BuiltinOperator.name(kind), type(p), RandomModels.elementwise(kind, p), false));
            }
        }
        for (int kind : new int[] {BuiltinOperator.EXP, BuiltinOperator.LOG, BuiltinOperator.SQRT, BuiltinOperator.RSQRT}) {
            // sqrtf is correctly rounded, as Java's sqrt rounded to float: only expf and logf get the tolerance
            boolean libm = kind == BuiltinOperator.EXP || kind == BuiltinOperator.LOG;
            e.add(new Entry(BuiltinOperator.name(kind), type(F), RandomModels.mathFunction(kind), libm));
        }
        e.add(new Entry("RSQRT", type(Q), RandomModels.int8Rsqrt(), false));
        for (Precision p : List.of(F, Q)) {
            for (int kind : new int[] {BuiltinOperator.ARG_MAX, BuiltinOperator.ARG_MIN}) {
                e.add(new Entry(BuiltinOperator.name(kind), type(p) + " to int32", RandomModels.argMinMax(kind, p), false));
                e.add(new Entry(BuiltinOperator.name(kind), type(p) + " to int64",
                        RandomModels.argMinMax(kind, p, org.tensorflow.lite.schema.TensorType.INT64), false));
            }
        }
        for (Precision p : List.of(F, Q, Precision.INT16)) {
            e.add(new Entry("RESIZE_NEAREST_NEIGHBOR", type(p), RandomModels.resizeNearestNeighbor(p), false));
        }
        for (Precision p : List.of(F, Q)) {
            e.add(new Entry("RESIZE_BILINEAR", type(p), RandomModels.resizeBilinear(p), false));
        }
        for (Precision p : List.of(F, Q, Precision.INT16)) {
            e.add(new Entry(List.of("SPLIT", "SPLIT_V"), type(p), RandomMovements.split(p), false));
            e.add(new Entry("PACK", type(p), RandomMovements.pack(p), false));
            e.add(new Entry("UNPACK", type(p), RandomMovements.unpack(p), false));
        }
        for (Precision p : List.of(F, Q)) {
            e.add(new Entry("DEPTH_TO_SPACE", type(p), RandomMovements.depthToSpace(p), false));
            e.add(new Entry("SPACE_TO_DEPTH", type(p), RandomMovements.spaceToDepth(p), false));
            e.add(new Entry("GATHER", type(p), RandomMovements.gather(p), false));
            e.add(new Entry("MIRROR_PAD", type(p), RandomMovements.mirrorPad(p), false));
            e.add(new Entry("BATCH_TO_SPACE_ND", type(p), RandomMovements.batchToSpace(p), false));
            e.add(new Entry("SPACE_TO_BATCH_ND", type(p), RandomMovements.spaceToBatch(p), false));
        }
        byte[] from = {TensorType.FLOAT32, TensorType.INT8, TensorType.INT16};
        byte[] to = {TensorType.INT8, TensorType.INT16, TensorType.INT32};
        for (byte in : from) {
            for (byte out : to) {
                e.add(new Entry("QUANTIZE", typeName(in) + " to " + typeName(out), RandomModels.quantize(in, out), false));
            }
            if (in != TensorType.FLOAT32) {
                e.add(new Entry("DEQUANTIZE", typeName(in) + " to float32", RandomModels.dequantize(in), false));
            }
        }
        for (byte in : RandomTensorOps.CAST_FROM) {
            e.add(new Entry("CAST", typeName(in) + " to int8, int16, int32, float32", RandomTensorOps.castFrom(in, true),
                    false));
        }
        for (Precision p : List.of(F, Q)) {
            e.add(new Entry("ZEROS_LIKE", type(p), RandomTensorOps.zerosLike(p), false));
            e.add(new Entry("FILL", type(p), RandomTensorOps.fill(p), false));
            e.add(new Entry("SHAPE", type(p) + " to int32", RandomTensorOps.shape(p), false));
        }
        e.add(new Entry("ZEROS_LIKE", "int32", RandomTensorOps.zerosLike(TensorType.INT32), false));
        e.add(new Entry("ZEROS_LIKE", "int64", RandomTensorOps.zerosLike(TensorType.INT64), false));
        e.add(new Entry("FILL", "int32", RandomTensorOps.fillInt32(false), false));
        for (Precision p : List.of(F, Q)) {
            e.add(new Entry("L2_NORMALIZATION", type(p), RandomMathOps.l2Normalization(p), false));
            e.add(new Entry("LOG_SOFTMAX", type(p), RandomMathOps.logSoftmax(p), p == F));
            e.add(new Entry("BATCH_MATMUL", type(p), RandomMathOps.batchMatMul(p), false));
        }
        e.add(new Entry("BATCH_MATMUL", type(Precision.INT16), RandomMathOps.batchMatMul(Precision.INT16), false));
        return e;
    }

    private static String typeName(byte type) {
        return TensorType.name(type).toLowerCase(java.util.Locale.ROOT);
    }

    /** How the coverage table names a precision. */
    static String type(Precision p) {
        return switch (p) {
            case FLOAT32 -> "float32";
            case INT8 -> "int8";
            case INT8_PER_CHANNEL -> "int8, per-channel weights";
            case INT16 -> "int16";
        };
    }

    @TestFactory
    Stream<DynamicTest> everyOperatorAndTypeMatchesTheReference() {
        String only = System.getProperty("tflc.per-op.only", "");
        return entries().stream().filter(e -> e.name().contains(only))
                .map(e -> DynamicTest.dynamicTest(e.name(), () -> check(e)));
    }

    private static void check(Entry entry) throws Exception {
        List<Case> cases = entry.cases().sampleStream().limit(CASES).toList();
        for (int from = 0; from < cases.size(); from += PER_BUILD) {
            checkBatch(entry, cases.subList(from, Math.min(cases.size(), from + PER_BUILD)), from);
        }
    }

    private static void checkBatch(Entry entry, List<Case> cases, int first) throws Exception {
        CBuild build = BUILDS.get(NEXT_BUILD.getAndIncrement() % BUILDS.size());
        Path dir = Files.createTempDirectory("tflc-per-op-");
        try {
            CBatch batch = new CBatch();
            List<Graph> graphs = new ArrayList<>();
            List<List<byte[]>> inputs = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                Graph g = ModelReader.read(c.model(), c.description()).main();
                String prefix = "case" + (first + i);
                CGenerator.Output out = CGenerator.generate(g, new CGenerator.Options(prefix, Target.load("host"),
                        "portable", false, "case.tflite"));
                long largest = g.tensors().stream().filter(t -> !t.isConstant())
                        .mapToLong(t -> (t.byteSize() + 15) / 16 * 16).max().orElse(0);
                assertTrue(out.report().arenaBytes() <= out.report().lowerBoundBytes() + largest,
                        c.description() + ": arena " + out.report().arenaBytes() + " exceeds lower bound "
                                + out.report().lowerBoundBytes() + " + largest tensor " + largest);
                Path folder = dir.resolve(prefix);
                OutputFolder.write(folder, out.files());
                CBatch.Member m = new CBatch.Member(prefix, c.inputs().stream().mapToLong(b -> b.length).toArray(),
                        c.outputBytes().stream().mapToLong(Integer::longValue).toArray());
                assertTrue(batch.add(m, folder), c.description() + ": its runtime files differ from its batch's");
                graphs.add(g);
                inputs.add(c.inputs());
            }
            List<List<byte[]>> actual = batch.run(dir.resolve("build"), build.cc(), build.flags(), inputs);
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                byte[] expected = Outputs.concat(Interpreter.run(graphs.get(i), c.inputs()));
                byte[] got = Outputs.concat(actual.get(i));
                boolean floats = graphs.get(i).outputTensors().stream().anyMatch(t -> t.type() == dev.tflc.ir.TensorType.FLOAT32);
                String problem = floats && entry.libm() ? Outputs.floatMismatch(expected, got)
                        : Arrays.equals(expected, got) ? null : "differs from the reference bit for bit";
                if (problem != null) {
                    fail(entry.name() + ", " + build + ": " + c.description() + ": " + problem + " (kept as "
                            + keep(entry, first + i, c) + ")");
                }
            }
        } finally {
            OutputFolder.deleteTree(dir);
        }
    }

    private static Path keep(Entry entry, int index, Case c) throws IOException {
        Path dir = Path.of("target", "failed-cases");
        Files.createDirectories(dir);
        Path file = dir.resolve(entry.name().replaceAll("[^A-Za-z0-9]+", "_") + "-" + index + ".tflite");
        Files.write(file, c.model());
        return file;
    }
}
