/*
 * tflc_dequantize_s8_f32: int8 -> float DEQUANTIZE, as the Java reference Dequantize.ToFloat:
 * scale * (q - zero_point). The reference rounds the exact product (in double) once to float; the
 * single float product rounds the same exact value once (q - zero_point is exact in float).
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_dequantize_s8_f32(int32_t size, float scale, int32_t zero_point, const int8_t *input, float *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        output[i] = scale * (float)tflc_sub_wrap(input[i], zero_point);
    }
}
