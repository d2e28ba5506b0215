/*
 * tflc_quantize_f32_s8: float -> int8 QUANTIZE, as the Java reference Quantize.FromFloat (TFLM's
 * AffineQuantize): x / scale in float, rounded half away from zero, plus the zero point, clamped
 * to [-128, 127].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_quantize_f32_s8(int32_t size, float scale, int32_t zero_point, const float *input, int8_t *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        int64_t v = (int64_t)tflc_round_to_int32(input[i] / scale) + zero_point;
        if (v < INT8_MIN) {
            v = INT8_MIN;
        }
        if (v > INT8_MAX) {
            v = INT8_MAX;
        }
        output[i] = (int8_t)v;
    }
}
