/*
 * tflc_hard_swish_f32: float HARD_SWISH, as the Java reference HardSwish.Float32 (TFLM's
 * reference): x * min(6, max(0, x + 3)) / 6, with C++'s std::min and std::max.
 */
#include "tflc_kernels.h"

void tflc_hard_swish_f32(int32_t size, const float *input, float *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        const float x = input[i];
        const float relu = 0.0f < x + 3.0f ? x + 3.0f : 0.0f; /* std::max(0, x + 3) */
        const float relu6 = relu < 6.0f ? relu : 6.0f;      /* std::min(6, relu) */
        output[i] = x * relu6 / 6.0f;
    }
}
