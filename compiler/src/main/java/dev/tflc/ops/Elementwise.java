package dev.tflc.ops;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import java.util.function.IntBinaryOperator;

/**
 * What the element-wise operators share: their checks (one input and one output of the same shape
 * and type, or two inputs whose shapes broadcast to the output's; int8 tensors quantized per tensor)
 * and the loops of their binary reference kernels.
 */
final class Elementwise {
    private Elementwise() {
    }

    /** A unary operator's tensors and element count. */
    record Unary(Tensor in, Tensor out, int size) {
        boolean isFloat() {
            return in.type() == TensorType.FLOAT32;
        }
    }

    /**
     * Checks a unary element-wise operator: one input of one of the {@code allowed} types, one output
     * of its type and shape, integer tensors quantized per tensor.
     */
    static Unary unary(Node node, TensorType... allowed) {
        node.expectInputs(1, 1);
        node.expectOutputs(1);
        Tensor in = node.input(0);
        Tensor out = node.output(0);
        node.expectType(in, allowed);
        node.expectType(out, in.type());
        node.expectShape(out, in.shape());
        if (in.type() != TensorType.FLOAT32) {
            node.expectPerTensor(in);
            node.expectPerTensor(out);
        }
        return new Unary(in, out, in.shape().elements());
    }

    /**
     * Checks the shapes of a binary element-wise operator: two inputs whose shapes broadcast (over at
     * most 6 dimensions) to the one output's. Returns the broadcast.
     */
    static Broadcast broadcast(Node node) {
        node.expectInputs(2, 2);
        node.expectOutputs(1);
        Tensor a = node.input(0);
        Tensor b = node.input(1);
        Tensor out = node.output(0);
        Broadcast bc = Broadcast.of(a.shape(), b.shape());
        if (bc == null) {
            throw node.error("input shapes " + a.shape() + " and " + b.shape() + " do not broadcast");
        }
        node.expectShape(out, Shape.of(bc.outDims()));
        if (!bc.isElementwise() && bc.outDims().length > 6) {
            throw node.error(out, "broadcasting over more than 6 dimensions is not supported");
        }
        return bc;
    }

    /** A binary operator's tensors and the broadcast of its inputs. */
    record Binary(Broadcast broadcast, Tensor a, Tensor b, Tensor out) {
        boolean isFloat() {
            return a.type() == TensorType.FLOAT32;
        }
    }

    /**
     * Checks a binary element-wise operator: {@link #broadcast}, and two float32 or int8 inputs of one
     * type, an output of their type, int8 tensors quantized per tensor.
     */
    static Binary binary(Node node) {
        return binary(node, TensorType.FLOAT32, TensorType.INT8);
    }

    /**
     * Checks a binary element-wise operator: {@link #broadcast}, and two inputs of one of the
     * {@code allowed} types, an output of their type, integer tensors quantized per tensor.
     */
    static Binary binary(Node node, TensorType... allowed) {
        Broadcast bc = broadcast(node);
        Binary e = new Binary(bc, node.input(0), node.input(1), node.output(0));
        node.expectType(e.a(), allowed);
        node.expectType(e.b(), e.a().type());
        node.expectType(e.out(), e.a().type());
        if (!e.isFloat()) {
            node.expectPerTensor(e.a());
            node.expectPerTensor(e.b());
            node.expectPerTensor(e.out());
        }
        return e;
    }

    /** A float function of two floats. */
    @FunctionalInterface
    interface FloatBinaryOperator {
        float apply(float x, float y);
    }

    /** out[o] = f(x[i1], y[i2]) over the broadcast, on integer tensors. */
    static void mapInts(Broadcast b, TensorData[] inputs, TensorData[] outputs, IntBinaryOperator f) {
        int[] x = inputs[0].ints();
        int[] y = inputs[1].ints();
        int[] out = outputs[0].ints();
        b.forEach((o, i1, i2) -> out[o] = f.applyAsInt(x[i1], y[i2]));
    }

    /** out[o] = f(x[i1], y[i2]) over the broadcast, on float tensors. */
    static void mapFloats(Broadcast b, TensorData[] inputs, TensorData[] outputs, FloatBinaryOperator f) {
        float[] x = inputs[0].floats();
        float[] y = inputs[1].floats();
        float[] out = outputs[0].floats();
        b.forEach((o, i1, i2) -> out[o] = f.apply(x[i1], y[i2]));
    }

    /** The zero point of a per-tensor quantized tensor, as an int. */
    static int zeroPoint(Tensor t) {
        return (int) t.quantization().zeroPoint();
    }

    /** The scale of a per-tensor quantized tensor. */
    static float scale(Tensor t) {
        return t.quantization().scale();
    }

    /** std::max of two floats as C++ defines it: {@code a < b ? b : a} (NaN and signed zeros included). */
    static float stdMax(float a, float b) {
        return a < b ? b : a;
    }

    /** std::min of two floats as C++ defines it: {@code b < a ? b : a}. */
    static float stdMin(float a, float b) {
        return b < a ? b : a;
    }
}
