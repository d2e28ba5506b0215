/* tflc_log_f32: float LOG, as the Java reference MathFunction.Float32: logf(x). */
#include <math.h>

#include "tflc_kernels.h"

void tflc_log_f32(int32_t size, const float *input, float *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        output[i] = logf(input[i]);
    }
}
