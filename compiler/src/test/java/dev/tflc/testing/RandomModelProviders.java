package dev.tflc.testing;

import dev.tflc.testing.RandomModels.Case;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import org.tensorflow.lite.schema.BuiltinOperator;

/**
 * The random-model generators as jqwik providers, one per operator, named like their RandomModels
 * method: property classes implement this and refer to them as {@code @ForAll("mul")}.
 */
public interface RandomModelProviders {
    @Provide
    default Arbitrary<Case> abs() {
        return RandomModels.abs();
    }

    @Provide
    default Arbitrary<Case> add() {
        return RandomModels.add();
    }

    @Provide
    default Arbitrary<Case> concatenation() {
        return RandomModels.concatenation();
    }

    @Provide
    default Arbitrary<Case> conv2d() {
        return RandomModels.conv2d();
    }

    @Provide
    default Arbitrary<Case> dequantize() {
        return RandomModels.dequantize();
    }

    @Provide
    default Arbitrary<Case> expandDims() {
        return RandomModels.expandDims();
    }

    @Provide
    default Arbitrary<Case> fullyConnected() {
        return RandomModels.fullyConnected();
    }

    @Provide
    default Arbitrary<Case> hardSwish() {
        return RandomModels.hardSwish();
    }

    /** int16 ADD (16-bit activations). */
    @Provide
    default Arbitrary<Case> int16Add() {
        return RandomModels.add(RandomModels.Precision.INT16);
    }

    /** int16 LEAKY_RELU (16-bit activations). */
    @Provide
    default Arbitrary<Case> int16LeakyRelu() {
        return RandomModels.leakyRelu(RandomModels.Precision.INT16);
    }

    /** int16 LOGISTIC (16-bit activations). */
    @Provide
    default Arbitrary<Case> int16Logistic() {
        return RandomModels.sigmoidInt16(BuiltinOperator.LOGISTIC);
    }

    /** int16 TANH (16-bit activations). */
    @Provide
    default Arbitrary<Case> int16Tanh() {
        return RandomModels.sigmoidInt16(BuiltinOperator.TANH);
    }

    /** int16 AVERAGE_POOL_2D (16-bit activations). */
    @Provide
    default Arbitrary<Case> int16AveragePool() {
        return RandomModels.averagePool2d(RandomModels.Precision.INT16);
    }

    /** int16 MAX_POOL_2D (16-bit activations). */
    @Provide
    default Arbitrary<Case> int16MaxPool() {
        return RandomModels.maxPool2d(RandomModels.Precision.INT16);
    }

    /** QUANTIZE to, from and between int16 (16-bit activations), int8 -> int16 included. */
    @Provide
    default Arbitrary<Case> int16Quantize() {
        return RandomModels.int16Quantize(true);
    }

    /** DEQUANTIZE int16 -> float32. */
    @Provide
    default Arbitrary<Case> int16Dequantize() {
        return RandomModels.int16Dequantize();
    }

    /** int16 MUL (16-bit activations). */
    @Provide
    default Arbitrary<Case> int16Mul() {
        return RandomModels.mul(RandomModels.Precision.INT16);
    }

    /** int16 SUB (16-bit activations). */
    @Provide
    default Arbitrary<Case> int16Sub() {
        return RandomModels.sub(RandomModels.Precision.INT16);
    }

    @Provide
    default Arbitrary<Case> leakyRelu() {
        return RandomModels.leakyRelu();
    }

    @Provide
    default Arbitrary<Case> logistic() {
        return RandomModels.logistic();
    }

    @Provide
    default Arbitrary<Case> maximum() {
        return RandomModels.maximum();
    }

    @Provide
    default Arbitrary<Case> mean() {
        return RandomModels.mean();
    }

    @Provide
    default Arbitrary<Case> minimum() {
        return RandomModels.minimum();
    }

    @Provide
    default Arbitrary<Case> mul() {
        return RandomModels.mul();
    }

    @Provide
    default Arbitrary<Case> neg() {
        return RandomModels.neg();
    }

    @Provide
    default Arbitrary<Case> pad() {
        return RandomModels.pad();
    }

    @Provide
    default Arbitrary<Case> padThenWindow() {
        return RandomModels.padThenWindow();
    }

    @Provide
    default Arbitrary<Case> quantize() {
        return RandomModels.quantize();
    }

    @Provide
    default Arbitrary<Case> quantizeFromFloat() {
        return RandomModels.quantizeFromFloat();
    }

    @Provide
    default Arbitrary<Case> requantize() {
        return RandomModels.requantize();
    }

    @Provide
    default Arbitrary<Case> relu() {
        return RandomModels.relu();
    }

    @Provide
    default Arbitrary<Case> relu6() {
        return RandomModels.relu6();
    }

    @Provide
    default Arbitrary<Case> reluN1To1() {
        return RandomModels.reluN1To1();
    }

    @Provide
    default Arbitrary<Case> reshape() {
        return RandomModels.reshape();
    }

    @Provide
    default Arbitrary<Case> slice() {
        return RandomModels.slice();
    }

    @Provide
    default Arbitrary<Case> softmax() {
        return RandomModels.softmax();
    }

    @Provide
    default Arbitrary<Case> squeeze() {
        return RandomModels.squeeze();
    }

    @Provide
    default Arbitrary<Case> stridedSlice() {
        return RandomModels.stridedSlice();
    }

    @Provide
    default Arbitrary<Case> sub() {
        return RandomModels.sub();
    }

    @Provide
    default Arbitrary<Case> sum() {
        return RandomModels.sum();
    }

    @Provide
    default Arbitrary<Case> tanh() {
        return RandomModels.tanh();
    }

    @Provide
    default Arbitrary<Case> transpose() {
        return RandomModels.transpose();
    }

    @Provide
    default Arbitrary<Case> svdf() {
        return RandomModels.svdf();
    }

    @Provide
    default Arbitrary<Case> div() {
        return RandomModels.div();
    }

    @Provide
    default Arbitrary<Case> squaredDifference() {
        return RandomModels.squaredDifference();
    }

    @Provide
    default Arbitrary<Case> prelu() {
        return RandomModels.prelu();
    }
}
