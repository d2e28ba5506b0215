package dev.tflc.ops;

import static dev.tflc.ops.ElementwiseChecksTest.assertRefused;

import dev.tflc.ir.Quantization;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operators that make or convert tensors refuse, with one located diagnostic, what TensorFlow
 * Lite Micro's kernels do not run: CAST from or to a type its cast.cc has no case for, ZEROS_LIKE of a
 * type it has no case for, FILL from run-time dims or a value that is not a scalar, SHAPE to int64,
 * L2_NORMALIZATION with a fused activation or an int8 output quantized otherwise than TFLM writes it,
 * and so LOG_SOFTMAX; BATCH_MATMUL on int16 with a zero point, of rank 1, or of depths that differ.
 */
class TensorOpsChecksTest {
    @Test
    void castRefusesTheTypesTflmDoesNotCast() {
        assertRefused("operator 0 (CAST), tensor 'a': CAST from UINT8 is not supported: TensorFlow Lite Micro casts "
                + "from int8, int16, int32, float32 and bool only", "CAST", Map.of(), tensor("a", TensorType.UINT8),
                tensor("out", TensorType.FLOAT32));
        assertRefused("operator 0 (CAST), tensor 'out': CAST to BOOL is not supported: TensorFlow Lite Micro casts "
                + "to int8, int16, int32 and float32 only", "CAST", Map.of(), tensor("a", TensorType.FLOAT32),
                tensor("out", TensorType.BOOL));
    }

    static Tensor tensor(String name, TensorType type) {
        return new Tensor(0, name, type, Shape.of(4), null, null, false);
    }

    @Test
    void zerosLikeRefusesInt16() {
        assertRefused("operator 0 (ZEROS_LIKE), tensor 'a': type INT16 is not supported here (expected FLOAT32 or "
                + "INT8 or INT32 or INT64)", "ZEROS_LIKE", Map.of(), tensor("a", TensorType.INT16),
                tensor("out", TensorType.INT16));
    }

    @Test
    void fillNeedsConstantDimsAndAScalarValue() {
        Tensor dims = new Tensor(0, "dims", TensorType.INT32, Shape.of(1), null, null, false);
        Tensor scalar = new Tensor(0, "value", TensorType.FLOAT32, Shape.of(), null, null, false);
        assertRefused("operator 0 (FILL), tensor 'dims': dims must be constant (TensorFlow Lite Micro reads them when "
                + "it prepares FILL)", "FILL", Map.of(), dims, scalar, tensor("out", TensorType.FLOAT32));
        assertRefused("operator 0 (FILL), tensor 'value': the value has shape 4, expected a scalar (rank 0)", "FILL",
                Map.of(), dims, tensor("value", TensorType.FLOAT32), tensor("out", TensorType.FLOAT32));
    }

    @Test
    void shapeWritesInt32Only() {
        assertRefused("operator 0 (SHAPE), tensor 'out': output type INT64 is not supported: TensorFlow Lite Micro's "
                + "SHAPE writes int32 only", "SHAPE", Map.of(), tensor("a", TensorType.FLOAT32),
                new Tensor(0, "out", TensorType.INT64, Shape.of(1), null, null, false));
    }

    @Test
    void l2NormalizationRefusesActivationsAndOtherInt8OutputScales() {
        Quantization q = Quantization.perTensor(0.05f, 3);
        assertRefused("operator 0 (L2_NORMALIZATION), tensor 'out': int8 L2_NORMALIZATION needs output scale 1/128 "
                + "and zero point 0, not scale 0.05, zero point 3", "L2_NORMALIZATION", Map.of(),
                ElementwiseChecksTest.int8("a", q), ElementwiseChecksTest.int8("out", q));
        assertRefused("operator 0 (L2_NORMALIZATION): fused activation RELU is not supported: TensorFlow Lite Micro's "
                + "L2_NORMALIZATION has none", "L2_NORMALIZATION", Map.of("fusedActivationFunction", 1),
                tensor("a", TensorType.FLOAT32), tensor("out", TensorType.FLOAT32));
    }

    @Test
    void int8LogSoftmaxNeedsTheOutputQuantizationTflmRequires() {
        Quantization q = Quantization.perTensor(0.05f, 3);
        assertRefused("operator 0 (LOG_SOFTMAX), tensor 'out': int8 LOG_SOFTMAX needs output scale 16/256 and zero "
                + "point 127, not scale 0.05, zero point 3", "LOG_SOFTMAX", Map.of(),
                ElementwiseChecksTest.int8("a", q), ElementwiseChecksTest.int8("out", q));
    }

    @Test
    void batchMatMulRefusesInt16ZeroPointsAndShapesThatDoNotMultiply() {
        Tensor int16 = new Tensor(0, "a", TensorType.INT16, Shape.of(2, 3), Quantization.perTensor(1e-3f, 1), null,
                false);
        Tensor symmetric = new Tensor(0, "b", TensorType.INT16, Shape.of(3, 2), Quantization.perTensor(1e-3f, 0), null,
                false);
        assertRefused("operator 0 (BATCH_MATMUL), tensor 'a': int16 zero point 1 is not 0 (TensorFlow Lite Micro's "
                + "int16 BATCH_MATMUL requires 0)", "BATCH_MATMUL", Map.of(), int16, symmetric,
                new Tensor(0, "out", TensorType.INT16, Shape.of(2, 2), Quantization.perTensor(1e-3f, 0), null, false));
        assertRefused("operator 0 (BATCH_MATMUL), tensor 'a': has rank 1; TensorFlow Lite Micro's BATCH_MATMUL takes 2 "
                + "to 5", "BATCH_MATMUL", Map.of(), tensor("a", TensorType.FLOAT32), matrix("b", 4, 2),
                matrix("out", 1, 2));
        assertRefused("operator 0 (BATCH_MATMUL), tensor 'b': shape 4x2 does not multiply 2x3 (adj_x true, adj_y "
                + "false): depths 2 and 4 differ", "BATCH_MATMUL", Map.of("adjX", true), matrix("a", 2, 3),
                matrix("b", 4, 2), matrix("out", 3, 2));
    }

    private static Tensor matrix(String name, int rows, int cols) {
        return new Tensor(0, name, TensorType.FLOAT32, Shape.of(rows, cols), null, null, false);
    }
}
