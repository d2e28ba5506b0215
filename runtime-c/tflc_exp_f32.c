/* tflc_exp_f32: float EXP, as the Java reference MathFunction.Float32: expf(x). */
#include <math.h>

#include "tflc_kernels.h"

void tflc_exp_f32(int32_t size, const float *input, float *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        output[i] = expf(input[i]);
    }
}
