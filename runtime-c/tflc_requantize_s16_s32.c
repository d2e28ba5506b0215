/*
 * tflc_requantize_s16_s32: int16_t -> int32_t QUANTIZE (requantization), as the Java reference
 * Quantize.Requantize: mbqm(x - input_zero_point, multiplier, shift) + output_zero_point, clamped
 * to the range of int32_t.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_requantize_s16_s32(int32_t size, int32_t input_zero_point, int32_t multiplier, int32_t shift,
                             int32_t output_zero_point, const int16_t *input, int32_t *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        int64_t v = (int64_t)tflc_mbqm(tflc_sub_wrap(input[i], input_zero_point), multiplier, shift) +
                    output_zero_point;
        if (v < INT32_MIN) {
            v = INT32_MIN;
        }
        if (v > INT32_MAX) {
            v = INT32_MAX;
        }
        output[i] = (int32_t)v;
    }
}
