/* tflc_dequantize_s8_f32: DEQUANTIZE int8_t -> float: scale * (q - zero_point), one rounding (the exact
 * product fits a double, so the float product rounds the same way as the reference's double). */
#include "tflc_kernels.h"

void tflc_dequantize_s8_f32(int32_t size, float scale, int32_t zero_point, const int8_t *input, float *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        output[i] = scale * (float)((int32_t)input[i] - zero_point);
    }
}
