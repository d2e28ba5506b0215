package dev.tflc.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tflc.ir.Graph;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.Precision;
import dev.tflc.testing.RandomTensorOps;
import dev.tflc.testing.TfliteOracle;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tensorflow.lite.schema.TensorType;

/**
 * The Java reference of the operators that make or convert tensors against TensorFlow Lite 2.6.2
 * where it runs them, and against the arithmetic written out another way where it does not.
 */
class TensorOpsMatchTfliteProperties {
    private static final int TRIES = 50;

    /** Bit for bit: every output byte as TensorFlow Lite writes it. */
    static void compareExactly(Case c) {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        List<byte[]> ours = Interpreter.run(g, c.inputs());
        List<byte[]> theirs = TfliteOracle.run(c.model(), c.inputs());
        assertEquals(theirs.size(), ours.size(), c.description());
        for (int i = 0; i < ours.size(); i++) {
            assertEquals(Outputs.hex(theirs.get(i)), Outputs.hex(ours.get(i)), c.description());
        }
    }

    /** TensorFlow Lite 2.6 casts neither from nor to int8: every other pair, values inside the output's range. */
    @Property(tries = TRIES)
    void castMatchesTflite(@ForAll("castTfliteRuns") Case c) {
        compareExactly(c);
    }

    /**
     * Every pair, int8 ones included, and floats outside the output type's range (infinities and NaN
     * too): each element as the real number truncated toward zero (BigDecimal), held to int32's range
     * (NaN 0), then reduced modulo 2^bits into the type's range; to float32 BigDecimal's nearest float.
     */
    @Property(tries = TRIES)
    void castMatchesTheConversionWrittenOut(@ForAll("castWide") Case c) {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        byte from = (byte) g.inputTensors().get(0).type().code();
        byte to = (byte) g.outputTensors().get(0).type().code();
        byte[] ours = Interpreter.run(g, c.inputs()).get(0);
        ByteBuffer in = ByteBuffer.wrap(c.inputs().get(0)).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer expected = ByteBuffer.allocate(ours.length).order(ByteOrder.LITTLE_ENDIAN);
        int n = g.inputTensors().get(0).shape().elements();
        for (int i = 0; i < n; i++) {
            BigDecimal value = null;
            float f = 0;
            switch (from) {
                case TensorType.FLOAT32 -> {
                    f = in.getFloat();
                    value = Float.isFinite(f) ? new BigDecimal(f) : null;
                }
                case TensorType.INT8 -> value = BigDecimal.valueOf(in.get());
                case TensorType.INT16 -> value = BigDecimal.valueOf(in.getShort());
                case TensorType.INT32 -> value = BigDecimal.valueOf(in.getInt());
                default -> value = in.get() != 0 ? BigDecimal.ONE : BigDecimal.ZERO;
            }
            if (to == TensorType.FLOAT32) {
                expected.putFloat(value == null ? f : value.floatValue());
                continue;
            }
            long whole;
            if (value == null) {
                whole = Float.isNaN(f) ? 0 : f > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            } else {
                BigDecimal truncated = value.setScale(0, java.math.RoundingMode.DOWN);
                whole = truncated.max(BigDecimal.valueOf(Integer.MIN_VALUE)).min(BigDecimal.valueOf(Integer.MAX_VALUE))
                        .longValueExact();
            }
            int bits = to == TensorType.INT8 ? 8 : to == TensorType.INT16 ? 16 : 32;
            long half = 1L << (bits - 1);
            long narrowed = Math.floorMod(whole + half, 2 * half) - half;
            switch (to) {
                case TensorType.INT8 -> expected.put((byte) narrowed);
                case TensorType.INT16 -> expected.putShort((short) narrowed);
                default -> expected.putInt((int) narrowed);
            }
        }
        assertEquals(Outputs.hex(expected.array()), Outputs.hex(ours), c.description());
    }

    @Provide
    Arbitrary<Case> castTfliteRuns() {
        List<Arbitrary<Case>> cases = new ArrayList<>();
        for (byte from : RandomTensorOps.CAST_FROM) {
            for (byte to : RandomTensorOps.CAST_TO) {
                if (from != TensorType.INT8 && to != TensorType.INT8) {
                    cases.add(RandomTensorOps.cast(from, to, false));
                }
            }
        }
        return Arbitraries.oneOf(cases);
    }

    @Provide
    Arbitrary<Case> castWide() {
        return Arbitraries.oneOf(RandomTensorOps.CAST_FROM.stream().map(from -> RandomTensorOps.castFrom(from, true))
                .toList());
    }

    @Property(tries = TRIES)
    void zerosLikeMatchesTflite(@ForAll("zerosLikeTfliteRuns") Case c) {
        compareExactly(c);
    }

    /** TensorFlow Lite 2.6 has no int8 ZEROS_LIKE; TFLM's writes the stored value 0 (not the zero point). */
    @Property(tries = TRIES)
    void int8ZerosLikeWritesStoredZeros(@ForAll("int8ZerosLike") Case c) {
        Graph g = ModelReader.read(c.model(), c.description()).main();
        byte[] ours = Interpreter.run(g, c.inputs()).get(0);
        assertEquals(Outputs.hex(new byte[g.outputTensors().get(0).shape().elements()]), Outputs.hex(ours),
                c.description());
    }

    /** The value a graph input: TensorFlow Lite's Java API runs no model without inputs. */

    @Property(tries = TRIES)
    void fillMatchesTflite(@ForAll("fill") Case c) {
        compareExactly(c);
    }

    @Property(tries = TRIES)
    void shapeMatchesTflite(@ForAll("shape") Case c) {
        compareExactly(c);
    }

    @Provide
    Arbitrary<Case> zerosLikeTfliteRuns() {
        return Arbitraries.oneOf(RandomTensorOps.zerosLike(Precision.FLOAT32),
                RandomTensorOps.zerosLike(TensorType.INT32), RandomTensorOps.zerosLike(TensorType.INT64));
    }

    @Provide
    Arbitrary<Case> int8ZerosLike() {
        return RandomTensorOps.zerosLike(Precision.INT8);
    }

    @Provide
    Arbitrary<Case> fill() {
        return Arbitraries.oneOf(RandomTensorOps.fillFromInput(Precision.FLOAT32),
                RandomTensorOps.fillFromInput(Precision.INT8), RandomTensorOps.fillInt32(true));
    }

    @Provide
    Arbitrary<Case> shape() {
        return Arbitraries.oneOf(RandomTensorOps.shape(Precision.FLOAT32), RandomTensorOps.shape(Precision.INT8));
    }
}
