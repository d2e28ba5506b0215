/* tflc_sqrt_f32: float SQRT, as the Java reference MathFunction.Float32: sqrtf(x). */
#include <math.h>

#include "tflc_kernels.h"

void tflc_sqrt_f32(int32_t size, const float *input, float *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        output[i] = sqrtf(input[i]);
    }
}
