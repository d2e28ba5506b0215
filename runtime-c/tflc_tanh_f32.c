/* tflc_tanh_f32: float TANH, as the Java reference Tanh.Float32 (TFLM's reference): tanhf(x). */
#include <math.h>

#include "tflc_kernels.h"

void tflc_tanh_f32(int32_t size, const float *input, float *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        output[i] = tanhf(input[i]);
    }
}
