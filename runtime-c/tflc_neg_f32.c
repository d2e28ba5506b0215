/* tflc_neg_f32: float NEG, as the Java reference Neg.Float32: -x. */
#include "tflc_kernels.h"

void tflc_neg_f32(int32_t size, const float *input, float *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        output[i] = -input[i];
    }
}
