/*
 * tflc_relu_x_f32: float RELU6 and RELU_N1_TO_1, as the Java reference Relu.Float32 (TFLM's
 * Relu6Float): x > upper ? upper : x < lower ? lower : x.
 */
#include "tflc_kernels.h"

void tflc_relu_x_f32(int32_t size, float lower, float upper, const float *input, float *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        const float x = input[i];
        output[i] = x > upper ? upper : x < lower ? lower : x;
    }
}
