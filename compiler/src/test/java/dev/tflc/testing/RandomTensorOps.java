package dev.tflc.testing;

import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.Precision;
import dev.tflc.testing.RandomModels.Value;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.CastOptionsT;
import org.tensorflow.lite.schema.FillOptionsT;
import org.tensorflow.lite.schema.ShapeOptionsT;
import org.tensorflow.lite.schema.TensorType;
import org.tensorflow.lite.schema.ZerosLikeOptionsT;

/**
 * jqwik generators of random single-operator models of the operators that make or convert tensors
 * (CAST, ZEROS_LIKE, FILL, SHAPE), each on a rank 1..4 input or output (dims 1..5).
 */
public final class RandomTensorOps {
    private RandomTensorOps() {
    }

    /**
     * CAST from {@code from} to {@code to} (schema type codes), unquantized tensors. {@code wide}:
     * float inputs anywhere from -3e9 to 3e9 with infinities and NaN (outside the output type's range,
     * where tflc defines what C++ leaves undefined), bool bytes any value; otherwise float inputs
     * within the output type's range (in [-1e6, 1e6] for float32 and int32) and bools 0 or 1.
     */
    public static Arbitrary<Case> cast(byte from, byte to, boolean wide) {
        Arbitrary<int[]> shape = RandomModels.size(1, 5).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, RandomModels.seed()).as((dims, seed) -> RandomModels.single(seed, (g, rnd) -> {
            byte[] data = values(from, to, RandomModels.elements(dims), wide, rnd);
            Value x = g.graphInput(from, dims, null, data);
            Value y = g.activation("cast_out", to, dims, null);
            CastOptionsT o = new CastOptionsT();
            o.setInDataType(from);
            o.setOutDataType(to);
            g.operator(BuiltinOperator.CAST, 1, new int[] {x.tensor()}, y.tensor(), BuiltinOptions.CastOptions, o);
            g.describe("CAST " + name(from) + RandomModels.shapeText(dims) + " to " + name(to)
                    + (wide ? " (wide values)" : ""));
            return y;
        }));
    }

    /** Random raw input values of type {@code from} for a CAST to {@code to}. */
    private static byte[] values(byte from, byte to, int n, boolean wide, Random rnd) {
        switch (from) {
            case TensorType.FLOAT32 -> {
                float[] f = new float[n];
                double limit = to == TensorType.INT8 ? 128 : to == TensorType.INT16 ? 32768 : 1e6;
                for (int i = 0; i < n; i++) {
                    int pick = rnd.nextInt(16);
                    if (wide && to != TensorType.FLOAT32 && pick == 0) {
                        f[i] = new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}[rnd.nextInt(3)];
                    } else if (wide && pick < 6) {
                        f[i] = (float) ((rnd.nextDouble() * 2 - 1) * 3e9);
                    } else {
                        // strictly inside (-limit, limit): truncation keeps it in range
                        f[i] = (float) ((rnd.nextDouble() * 2 - 1) * limit * (pick < 12 ? 1 : 1.0 / 64));
                        if (Math.abs(f[i]) >= limit) {
                            f[i] = 0.5f;
                        }
                    }
                }
                return RandomModels.float32Bytes(f);
            }
            case TensorType.BOOL -> {
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) (wide ? rnd.nextInt(256) : rnd.nextInt(2));
                }
                return b;
            }
            default -> {
                int bytes = from == TensorType.INT8 ? 1 : from == TensorType.INT16 ? 2 : 4;
                byte[] b = new byte[n * bytes];
                rnd.nextBytes(b);
                return b;
            }
        }
    }

    private static String name(byte type) {
        return TensorType.name(type).toLowerCase(Locale.ROOT);
    }

    /** The CAST source types tflc takes (TFLM's among tflc's), in the order tests list them. */
    public static final List<Byte> CAST_FROM = List.of(TensorType.FLOAT32, TensorType.INT8, TensorType.INT16,
            TensorType.INT32, TensorType.BOOL);

    /** The CAST target types tflc takes (TFLM's among tflc's). */
    public static final List<Byte> CAST_TO = List.of(TensorType.INT8, TensorType.INT16, TensorType.INT32,
            TensorType.FLOAT32);

    /** CAST from {@code from} to any of {@link #CAST_TO}, as {@link #cast(byte, byte, boolean)}. */
    public static Arbitrary<Case> castFrom(byte from, boolean wide) {
        return Arbitraries.oneOf(CAST_TO.stream().map(to -> cast(from, to, wide)).toList());
    }

    /** ZEROS_LIKE of a float32 or int8 (quantized) input. */
    public static Arbitrary<Case> zerosLike(Precision precision) {
        return zerosLike(precision, null);
    }

    /** ZEROS_LIKE of an int32 or int64 ({@code type}) input of random values. */
    public static Arbitrary<Case> zerosLike(byte type) {
        return zerosLike(null, type);
    }

    private static Arbitrary<Case> zerosLike(Precision precision, Byte type) {
        Arbitrary<int[]> shape = RandomModels.size(1, 5).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, RandomModels.seed()).as((dims, seed) -> RandomModels.single(seed, (g, rnd) -> {
            Value x;
            if (precision != null) {
                x = g.input(precision, dims, rnd);
            } else {
                byte[] data = new byte[RandomModels.elements(dims) * (type == TensorType.INT64 ? 8 : 4)];
                rnd.nextBytes(data);
                x = g.graphInput(type, dims, null, data);
            }
            Value y = g.activation("zeros_like_out", x.type(), dims, x.quant());
            g.operator(BuiltinOperator.ZEROS_LIKE, 1, new int[] {x.tensor()}, y.tensor(),
                    BuiltinOptions.ZerosLikeOptions, new ZerosLikeOptionsT());
            g.describe("ZEROS_LIKE " + name(x.type()) + " " + x + " -> " + y);
            return y;
        }));
    }

    /**
     * FILL of a rank 1..4 output from constant int32 dims (int64 one time in four) and a scalar value,
     * float32 or int8 (quantized) (int32: {@link #fillInt32}), a constant or (one time in four) a graph
     * input.
     */
    public static Arbitrary<Case> fill(Precision precision) {
        return fill(precision == Precision.FLOAT32 ? TensorType.FLOAT32 : TensorType.INT8, false);
    }

    /** FILL as {@link #fill(Precision)}, the value always a graph input (TensorFlow Lite's Java API needs one). */
    public static Arbitrary<Case> fillFromInput(Precision precision) {
        return fill(precision == Precision.FLOAT32 ? TensorType.FLOAT32 : TensorType.INT8, true);
    }

    /** FILL as {@link #fill(Precision)} with an int32 value (any int32), the value a graph input or not. */
    public static Arbitrary<Case> fillInt32(boolean valueInput) {
        return fill(TensorType.INT32, valueInput);
    }

    private static Arbitrary<Case> fill(byte type, boolean valueInput) {
        Arbitrary<int[]> shape = RandomModels.size(1, 5).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, RandomModels.seed()).as((dims, seed) -> RandomModels.single(seed, (g, rnd) -> {
            boolean int64 = rnd.nextInt(4) == 0;
            int d;
            if (int64) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * dims.length)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int v : dims) {
                    b.putLong(v);
                }
                d = g.constant("dims", TensorType.INT64, new int[] {dims.length}, null, b.array());
            } else {
                d = g.constant("dims", TensorType.INT32, new int[] {dims.length}, null, RandomModels.int32Bytes(dims));
            }
            boolean quantized = type == TensorType.INT8;
            RandomModels.Quant q = quantized
                    ? new RandomModels.Quant(RandomModels.randomScale(rnd, -8, -2), RandomModels.randomZeroPoint(rnd))
                    : null;
            byte[] value = quantized ? new byte[] {(byte) rnd.nextInt(256)}
                    : type == TensorType.INT32 ? RandomModels.int32Bytes(new int[] {rnd.nextInt()})
                    : RandomModels.float32Bytes(new float[] {(float) (rnd.nextGaussian() * 10)});
            boolean runTime = valueInput || rnd.nextInt(4) == 0;
            int v = runTime ? g.graphInput(type, new int[0], q, value).tensor()
                    : g.constant("value", type, new int[0], q, value);
            Value y = g.activation("fill_out", type, dims, q);
            g.operator(BuiltinOperator.FILL, quantized ? 3 : 1, new int[] {d, v}, y.tensor(), BuiltinOptions.FillOptions,
                    new FillOptionsT());
            g.describe("FILL " + name(type) + " dims" + (int64 ? " (int64)=" : "=") + RandomModels.shapeText(dims) + " value"
                    + (runTime ? " (input)" : "") + " -> " + y);
            return y;
        }));
    }

    /** SHAPE of a float32 or int8 (quantized) input of rank 1..4, int32 output. */
    public static Arbitrary<Case> shape(Precision precision) {
        Arbitrary<int[]> shape = RandomModels.size(1, 5).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shape, RandomModels.seed()).as((dims, seed) -> RandomModels.single(seed, (g, rnd) -> {
            Value x = g.input(precision, dims, rnd);
            Value y = g.activation("shape_out", TensorType.INT32, new int[] {dims.length}, null);
            ShapeOptionsT o = new ShapeOptionsT();
            o.setOutType(TensorType.INT32);
            g.operator(BuiltinOperator.SHAPE, 1, new int[] {x.tensor()}, y.tensor(), BuiltinOptions.ShapeOptions, o);
            g.describe("SHAPE " + x + " -> " + y);
            return y;
        }));
    }
}
