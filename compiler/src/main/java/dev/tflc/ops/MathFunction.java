package dev.tflc.ops;

import dev.tflc.ir.TensorType;
import java.util.function.DoubleUnaryOperator;

/**
 * EXP, LOG, SQRT and RSQRT on float32, as TensorFlow Lite Micro's reference kernels (exp.cc,
 * elementwise.cc): std::exp, std::log, std::sqrt and 1 / std::sqrt of each element. TFLM has no int8
 * EXP, LOG or SQRT. The function is evaluated in double and rounded to float, which for SQRT (and so
 * RSQRT's square root) is the correctly rounded float result C's sqrtf gives; C's expf and logf may
 * differ from it in the last place.
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
}
