/*
 * tflc_relu6_s8: int8 RELU6, as the Java reference Relu.Clamp (TFLM's Relu6Quantized): each
 * element clamped to [lower, upper], the input's quantized 0 and 6.
 */
#include "tflc_kernels.h"

void tflc_relu6_s8(int32_t size, int32_t lower, int32_t upper, const int8_t *input, int8_t *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        const int32_t x = input[i];
        output[i] = (int8_t)(x > upper ? upper : x < lower ? lower : x);
    }
}
