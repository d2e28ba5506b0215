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

    /** Roles of constant inputs where they differ from {@code weights} at 1 and {@code bias} at 2. */
    private static final Map<String, Map<Integer, String>> ROLES = Map.of(
            "SVDF", Map.of(1, "feature_weights", 2, "time_weights", 3, "bias"),
            "TRANSPOSE_CONV", Map.of(0, "output_shape", 2, "input2", 3, "bias"));

    /** A constant input is named after the first layer that reads it and its role there. */
    String weight(Tensor t, String layer, String kind, int inputIndex) {
        String role = ROLES.getOrDefault(kind, Map.of()).get(inputIndex);
        return weights.computeIfAbsent(t.index(), k -> layer + "_" + (role != null ? role : switch (inputIndex) {
            case 1 -> "weights";
            case 2 -> "bias";
            default -> "input" + inputIndex;
        }));
    }

    /** {@code TENSOR_22}: the arena pointer of a run-time tensor, typed. */
    String tensorMacro(Tensor t) {
        return "TENSOR_" + t.index();
    }
}
