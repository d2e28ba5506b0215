/*
 * tflc_requantize_s16_s8: int16_t -> int8_t QUANTIZE (requantization), as the Java reference
 * Quantize.Requantize: mbqm(x - input_zero_point, multiplier, shift) + output_zero_point, clamped
 * to the range of int8_t.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_requantize_s16_s8(int32_t size, int32_t input_zero_point, int32_t multiplier, int32_t shift,
                            int32_t output_zero_point, const int16_t *input, int8_t *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        int64_t v = (int64_t)tflc_mbqm(tflc_sub_wrap(input[i], input_zero_point), multiplier, shift) +
                    output_zero_point;
        if (v < INT8_MIN) {
            v = INT8_MIN;
        }
        if (v > INT8_MAX) {
            v = INT8_MAX;
        }
        output[i] = (int8_t)v;
    }
}
