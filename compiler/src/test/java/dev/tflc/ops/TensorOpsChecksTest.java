package dev.tflc.ops;

import static dev.tflc.ops.ElementwiseChecksTest.assertRefused;

import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operators that make or convert tensors refuse, with one located diagnostic, what TensorFlow
 * Lite Micro's kernels do not run: CAST from or to a type its cast.cc has no case for.
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
}
