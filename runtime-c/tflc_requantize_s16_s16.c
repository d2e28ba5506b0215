/*
 * tflc_requantize_s16_s16: int16_t -> int16_t QUANTIZE (requantization), as the Java reference
 * Quantize.Requantize: mbqm(x - input_zero_point, multiplier, shift) + output_zero_point, clamped
 * to the range of int16_t.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_requantize_s16_s16(int32_t size, int32_t input_zero_point, int32_t multiplier, int32_t shift,
                             int32_t output_zero_point, const int16_t *input, int16_t *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        int64_t v = (int64_t)tflc_mbqm(tflc_sub_wrap(input[i], input_zero_point), multiplier, shift) +
                    output_zero_point;
        if (v < INT16_MIN) {
            v = INT16_MIN;
        }
        if (v > INT16_MAX) {
            v = INT16_MAX;
        }
        output[i] = (int16_t)v;
    }
}
