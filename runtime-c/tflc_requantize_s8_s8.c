/* tflc_requantize_s8_s8: QUANTIZE int8_t -> int8_t: (x - input zero point) scaled by the ratio of scales,
 * plus the output zero point, clamped. */
#include "tflc_fixed_point.h"
#include "tflc_kernels.h"

void tflc_requantize_s8_s8(int32_t size, int32_t input_zero_point, int32_t multiplier, int32_t shift,
                            int32_t output_zero_point, const int8_t *input, int8_t *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        int64_t v = (int64_t)tflc_mbqm((int32_t)input[i] - input_zero_point, multiplier, shift) + output_zero_point;
        v = v < -128 ? -128 : v;
        v = v > 127 ? 127 : v;
        output[i] = (int8_t)v;
    }
}
