/* tflc_rsqrt_f32: float RSQRT, as the Java reference MathFunction.Float32: 1.0f / sqrtf(x). */
#include <math.h>

#include "tflc_kernels.h"

void tflc_rsqrt_f32(int32_t size, const float *input, float *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        output[i] = 1.0f / sqrtf(input[i]);
    }
}
