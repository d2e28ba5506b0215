/*
 * tflc_logistic_f32: float LOGISTIC, as the Java reference Logistic.Float32 (TFLM's reference): 1
 * above 16.619047, expf(x) below -9, else 1 / (1 + expf(-x)).
 */
#include <math.h>

#include "tflc_kernels.h"

void tflc_logistic_f32(int32_t size, const float *input, float *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        const float x = input[i];
        output[i] = x > 16.619047164916992188f ? 1.0f : x < -9.0f ? expf(x) : 1.0f / (1.0f + expf(-x));
    }
}
