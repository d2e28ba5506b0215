/* tflc_abs_f32: float ABS, as the Java reference Abs.Float32: |x|. */
#include <math.h>

#include "tflc_kernels.h"

void tflc_abs_f32(int32_t size, const float *input, float *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        output[i] = fabsf(input[i]);
    }
}
