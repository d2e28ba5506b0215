package dev.tflc.ops;

import dev.tflc.ir.TensorType;

/**
 * NEG, float32 only: -x. TensorFlow Lite Micro's NEG (neg.cc) has no int8 kernel, and neither has
 * TensorFlow Lite 2.6, so there is no reference arithmetic for an int8 NEG to follow.
 */
public final class Neg implements OperatorKind {
    @Override
    public String name() {
        return "NEG";
    }

    @Override
    public Kernel prepare(Node node) {
        if (node.inputCount() == 1 && node.input(0).type() == TensorType.INT8) {
            throw node.error(node.input(0), "int8 NEG is not supported: TensorFlow Lite Micro has no int8 NEG kernel "
                    + "to be bit-exact with");
        }
        return new Float32(Elementwise.unary(node, TensorType.FLOAT32).size());
    }

    /** float32 negation. */
    public record Float32(int size) implements Float32Map {
        @Override
        public float apply(float x) {
            return -x;
        }
    }
}
