/*
 * tflc_quantize_f32_s32: float -> int32 QUANTIZE, as the Java reference Quantize.FromFloat (TFLM's
 * AffineQuantize): x / scale in float, rounded half away from zero, plus the zero point, clamped
 * to the int32 range (tflc_quantize_f32 in tflc_fixed_point.h).
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_quantize_f32_s32(int32_t size, float scale, int32_t zero_point, const float *input, int32_t *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        output[i] = (int32_t)tflc_quantize_f32(input[i], scale, zero_point, INT32_MIN, INT32_MAX);
    }
}
