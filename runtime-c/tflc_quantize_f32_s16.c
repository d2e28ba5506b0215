/*
 * tflc_quantize_f32_s16: float -> int16 QUANTIZE, as the Java reference Quantize.FromFloat (TFLM's
 * AffineQuantize): x / scale in float, rounded half away from zero, plus the zero point, clamped
 * to [-32768, 32767] (tflc_quantize_f32 in tflc_fixed_point.h).
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_quantize_f32_s16(int32_t size, float scale, int32_t zero_point, const float *input, int16_t *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        output[i] = (int16_t)tflc_quantize_f32(input[i], scale, zero_point, INT16_MIN, INT16_MAX);
    }
}
