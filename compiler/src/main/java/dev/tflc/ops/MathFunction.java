package dev.tflc.ops;

import dev.tflc.ir.TensorType;
import java.util.function.DoubleUnaryOperator;

/**
 * EXP, LOG, SQRT and RSQRT on float32, as TensorFlow Lite Micro's reference kernels (exp.cc,
 * elementwise.cc): std::exp, std::log, std::sqrt and 1 / std::sqrt of each element. TFLM has no int8
 * EXP, LOG or SQRT. The function is evaluated in double and rounded to float, which for SQRT (and so
 * RSQRT's square root) is the correctly rounded float result C's sqrtf gives; C's expf and logf may
 * differ from it in the last place.
 *
 * <p>int8 RSQRT as TFLM's (elementwise.cc RsqrtEvalQuantized): the offset input's inverse square root
 * by TFLite's fixed-point Newton-Raphson (GetInvSqrtQuantizedMultiplierExp), as a multiplier applied to
 * 1 with 20 bits of headroom, scaled by 1 / (sqrt(input scale) * output scale), plus the output zero
 * point, clamped; an input at its zero point gives 127. TFLM fails the invocation on an input below
 * its zero point (RSQRT of a negative value); tflc gives 127 for it as for zero.
 */
public final class MathFunction implements OperatorKind {
    private final String name;
    private final DoubleUnaryOperator function;

    private MathFunction(String name, DoubleUnaryOperator function) {
        this.name = name;
        this.function = function;
    }

    public static MathFunction exp() {
        return new MathFunction("EXP", Math::exp);
    }

    public static MathFunction log() {
        return new MathFunction("LOG", Math::log);
    }

    public static MathFunction sqrt() {
        return new MathFunction("SQRT", Math::sqrt);
    }

    /** RSQRT: 1.0f divided by the float square root, two float roundings as in TFLM. */
    public static MathFunction rsqrt() {
        return new MathFunction("RSQRT", x -> 1.0f / (float) Math.sqrt(x));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kernel prepare(Node node) {
        if (name.equals("RSQRT") && node.inputCount() == 1 && node.input(0).type() == TensorType.INT8) {
            Elementwise.Unary u = Elementwise.unary(node, TensorType.INT8);
            // TFLM: 1 / (double) (std::sqrt(float input scale) * output scale), the product in float.
            float product = (float) Math.sqrt(Elementwise.scale(u.in())) * Elementwise.scale(u.out());
            return new Int8Rsqrt(u.size(), Elementwise.zeroPoint(u.in()),
                    FixedPoint.quantizeMultiplier(1.0 / product), Elementwise.zeroPoint(u.out()));
        }
        if (node.inputCount() == 1 && node.input(0).type() != TensorType.FLOAT32) {
            throw node.error(node.input(0), node.input(0).type() + " " + name + " is not supported: TensorFlow Lite "
                    + "Micro's " + name + " kernel is float32 only");
        }
        return new Float32(Elementwise.unary(node, TensorType.FLOAT32).size(), function);
    }

    /** The float32 function of each element. */
    public record Float32(int size, DoubleUnaryOperator function) implements Float32Map {
        @Override
        public float apply(float x) {
            return (float) function.applyAsDouble(x);
        }
    }

    /** int8 RSQRT: TFLM's fixed-point arithmetic per input value. */
    public record Int8Rsqrt(int size, int inputZeroPoint, FixedPoint.Multiplier multiplier, int outputZeroPoint)
            implements Int8Map {
        private static final int HEADROOM = 20;

        @Override
        public int apply(int x) {
            int value = x - inputZeroPoint;
            if (value <= 0) {
                return 127;
            }
            FixedPoint.Multiplier inverse = FixedPoint.inverseSqrt(value);
            int data = FixedPoint.multiplyByQuantizedMultiplier(1, inverse.multiplier(), inverse.shift() + HEADROOM);
            int out = FixedPoint.multiplyByQuantizedMultiplier(data, multiplier.multiplier(),
                    multiplier.shift() - HEADROOM) + outputZeroPoint;
            return Math.min(Math.max(out, -128), 127);
        }
    }
}
