package dev.tflc.ops;

import dev.tflc.ir.TensorType;

/**
 * LOGISTIC (sigmoid). int8 as TensorFlow Lite Micro's reference kernel (logistic.cc,
 * reference/integer_ops/logistic.h): the input read as Q4.27, gemmlowp's fixed-point logistic, the
 * result rounded to the output's scale 1/256 and zero point -128. Float as TFLM's
 * reference/logistic.h: 1 / (1 + exp(-x)), with its cut-offs. int16 as TFLM interpolates its sigmoid
 * table ({@link Int16Sigmoid}).
 */
public final class Logistic implements OperatorKind {
    @Override
    public String name() {
        return "LOGISTIC";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Unary u = Elementwise.unary(node, TensorType.FLOAT32, TensorType.INT8, TensorType.INT16);
        if (u.isFloat()) {
            return new Float32(u.size());
        }
        if (u.in().type() == TensorType.INT16) {
            return Int16Sigmoid.of(node, u, Int16Sigmoid.Function.LOGISTIC);
        }
        // TFLM checks the zero point and assumes the scale; TFLite checks both.
        return new Int8(u.size(), Q4Input.of(node, u, 256, -128));
    }

    /** int8 logistic: TFLM's fixed-point arithmetic per input value. */
    public record Int8(int size, Q4Input input) implements Int8Map {
        @Override
        public int apply(int x) {
            return input.apply(x, a -> FixedPoint.logistic(a, 4), 31 - 8, -128);
        }
    }

    /** float32 logistic: TFLM's reference, 1 above 16.619047, exp(x) below -9, else 1 / (1 + exp(-x)). */
    public record Float32(int size) implements Float32Map {
        @Override
        public float apply(float x) {
            if (x > 16.619047164916992188f) {
                return 1.0f;
            }
            if (x < -9.0f) {
                return (float) Math.exp(x);
            }
            return 1.0f / (1.0f + (float) Math.exp(-x));
        }
    }
}
