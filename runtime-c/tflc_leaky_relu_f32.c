/*
 * tflc_leaky_relu_f32: float LEAKY_RELU, as the Java reference LeakyRelu.Float32 (TFLM's
 * reference): x > 0 ? x : x * alpha.
 */
#include "tflc_kernels.h"

void tflc_leaky_relu_f32(int32_t size, float alpha, const float *input, float *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        const float x = input[i];
        output[i] = x > 0.0f ? x : x * alpha;
    }
}
