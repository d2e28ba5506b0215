package dev.tflc.codegen;

import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import java.util.HashMap;
import java.util.Map;

/** C names for layers, weights and arena tensors, unique and readable. */
final class Names {
    private final Map<Integer, String> weights = new HashMap<>();

    /** {@code conv_2d_3}: the operator kind in lower case and its index. */
    String layer(Operator op) {
        return dev.tflc.lower.Layer.name(op);
    }

    /**
     * A constant input is named after the first layer that reads it and its role there (TRANSPOSE_CONV
     * reads output shape, weights, input, bias; the others input, weights, bias).
     */
    String weight(Tensor t, String layer, String kind, int inputIndex) {
        boolean transposeConv = kind.equals("TRANSPOSE_CONV");
        return weights.computeIfAbsent(t.index(), k -> layer + "_" + switch (inputIndex) {
            case 0 -> transposeConv ? "output_shape" : "input0";
            case 1 -> "weights";
            case 2 -> transposeConv ? "input2" : "bias";
            case 3 -> transposeConv ? "bias" : "input3";
            default -> "input" + inputIndex;
        });
    }

    /** {@code TENSOR_22}: the arena pointer of a run-time tensor, typed. */
    String tensorMacro(Tensor t) {
        return "TENSOR_" + t.index();
    }
}
