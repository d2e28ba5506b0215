/* tflc_requantize_s8_s16: QUANTIZE int8_t -> int16_t: (x - input zero point) scaled by the ratio of scales,
 * plus the output zero point, clamped. */
#include "tflc_fixed_point.h"
#include "tflc_kernels.h"

void tflc_requantize_s8_s16(int32_t size, int32_t input_zero_point, int32_t multiplier, int32_t shift,
                            int32_t output_zero_point, const int8_t *input, int16_t *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        int64_t v = (int64_t)tflc_mbqm((int32_t)input[i] - input_zero_point, multiplier, shift) + output_zero_point;
        v = v < -32768 ? -32768 : v;
        v = v > 32767 ? 32767 : v;
        output[i] = (int16_t)v;
    }
}
