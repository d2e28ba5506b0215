package dev.tflc.codegen;

import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.ops.UnidirectionalSequenceLstm;
import java.util.HashMap;
import java.util.List;
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
            "TRANSPOSE_CONV", Map.of(0, "output_shape", 2, "input2", 3, "bias"),
            "UNIDIRECTIONAL_SEQUENCE_LSTM", lstmRoles());

    /** An LSTM's constant inputs 1..23 by TensorFlow Lite's names for them. */
    private static Map<Integer, String> lstmRoles() {
        List<String> gates = UnidirectionalSequenceLstm.GATES;
        Map<Integer, String> roles = new HashMap<>();
        for (int g = 0; g < 4; g++) {
            roles.put(1 + g, "input_to_" + gates.get(g) + "_weights");
            roles.put(5 + g, "recurrent_to_" + gates.get(g) + "_weights");
            roles.put(12 + g, gates.get(g) + "_gate_bias");
            roles.put(20 + g, gates.get(g) + "_layer_norm_coefficients");
        }
        roles.put(9, "cell_to_input_weights");
        roles.put(10, "cell_to_forget_weights");
        roles.put(11, "cell_to_output_weights");
        roles.put(16, "projection_weights");
        roles.put(17, "projection_bias");
        return Map.copyOf(roles);
    }

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
