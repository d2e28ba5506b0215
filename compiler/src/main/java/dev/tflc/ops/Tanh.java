package dev.tflc.ops;

import dev.tflc.ir.TensorType;

/**
 * TANH. int8 as TensorFlow Lite Micro's reference kernel (tanh.cc, reference/integer_ops/tanh.h): the
 * input read as Q4.27, gemmlowp's fixed-point tanh, the result rounded to the output's scale 1/128
 * and zero point 0. int16 as TFLM interpolates its sigmoid table ({@link Int16Sigmoid}). Float as
 * TFLM's reference/tanh.h: tanh(x).
 */
public final class Tanh implements OperatorKind {
    @Override
    public String name() {
        return "TANH";
    }

    @Override
    public Kernel prepare(Node node) {
        Elementwise.Unary u = Elementwise.unary(node, TensorType.FLOAT32, TensorType.INT8, TensorType.INT16);
        if (u.isFloat()) {
            return new Float32(u.size());
        }
        if (u.in().type() == TensorType.INT16) {
            return Int16Sigmoid.of(node, u, Int16Sigmoid.Function.TANH);
        }
        // TFLM's kernel writes the output at this scale and zero point whatever the tensor says.
        return new Int8(u.size(), Q4Input.of(node, u, 128, 0));
    }

    /** int8 tanh: TFLM's fixed-point arithmetic per input value. */
    public record Int8(int size, Q4Input input) implements Int8Map {
        @Override
        public int apply(int x) {
            return input.apply(x, a -> FixedPoint.tanh(a, 4), 31 - 7, 0);
        }
    }

    /** float32 tanh. */
    public record Float32(int size) implements Float32Map {
        @Override
        public float apply(float x) {
            return (float) Math.tanh(x);
        }
    }
}
