package dev.tflc.reference;

import dev.tflc.testing.RandomMathOps;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.Precision;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The Java reference of L2_NORMALIZATION against TensorFlow Lite 2.6.2, whose kernel computes it with
 * TFLM's arithmetic.
 */
class MathOpsMatchTfliteProperties {
    private static final int TRIES = 50;

    /** int8 and float32 bit for bit: TensorFlow Lite's kernels are TFLM's reference ones. */
    @Property(tries = TRIES)
    void l2NormalizationMatchesTflite(@ForAll("l2Normalization") Case c) {
        TensorOpsMatchTfliteProperties.compareExactly(c);
    }

    @Provide
    Arbitrary<Case> l2Normalization() {
        return Arbitraries.oneOf(RandomMathOps.l2Normalization(Precision.FLOAT32),
                RandomMathOps.l2Normalization(Precision.INT8));
    }
}
