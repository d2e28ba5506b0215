/*
 * tflc_abs_s8: int8 ABS, as the Java reference Abs.Int8 (TFLM's AbsEvalQuantized):
 * |x - input_zero_point|, rescaled when the scales differ (`rescale`), plus output_zero_point,
 * clamped to int8.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_abs_s8(int32_t size, int32_t input_zero_point, int32_t rescale, int32_t multiplier, int32_t shift,
                 int32_t output_zero_point, const int8_t *input, int8_t *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        const int32_t d = input[i] - input_zero_point;
        const int32_t value = d < 0 ? -d : d;
        const int32_t v = tflc_add_wrap(rescale ? tflc_mbqm(value, multiplier, shift) : value, output_zero_point);
        output[i] = (int8_t)(v < -128 ? -128 : v > 127 ? 127 : v);
    }
}
