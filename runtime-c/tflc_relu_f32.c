/*
 * tflc_relu_f32: float RELU, as the Java reference Relu.Float32 with no upper bound (TFLM's
 * ReluFloat): x < 0 ? 0 : x.
 */
#include "tflc_kernels.h"

void tflc_relu_f32(int32_t size, const float *input, float *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        const float x = input[i];
        output[i] = x < 0.0f ? 0.0f : x;
    }
}
