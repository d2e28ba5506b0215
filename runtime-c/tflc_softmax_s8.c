/* tflc_softmax_s8: int8 SOFTMAX over the last dimension in gemmlowp fixed point (Q5.26 differences,
 * Q12.19 sum), output scale 1/256 and zero point -128, as TensorFlow Lite Micro's reference. */
#include "tflc_fixed_point.h"
#include "tflc_kernels.h"

void tflc_softmax_s8(int32_t rows, int32_t depth, int32_t input_multiplier, int32_t input_left_shift,
                     int32_t diff_min, const int8_t *input, int8_t *output)
{
    int32_t r, c;
    for (r = 0; r < rows; r++) {
        const int8_t *in = input + r * depth;
        int8_t *out = output + r * depth;
        int32_t max = INT32_MIN;
        int32_t sum_of_exps = 0;
        int32_t scale;
        int bits_over_unit;
        int exponent;
        for (c = 0; c < depth; c++) {
            max = in[c] > max ? in[c] : max;
        }
        for (c = 0; c < depth; c++) {
            const int32_t diff = (int32_t)in[c] - max;
            if (diff >= diff_min) {
                const int32_t rescaled = tflc_mbqm_greater_than_one(diff, input_multiplier, input_left_shift);
                sum_of_exps = tflc_wrap_add(sum_of_exps,
                                            tflc_rounding_divide_by_pot(tflc_exp_on_negative_values(rescaled, 5), 12));
            }
        }
        scale = tflc_reciprocal(sum_of_exps, 12, &bits_over_unit);
        exponent = bits_over_unit + 31 - 8;
        for (c = 0; c < depth; c++) {
            const int32_t diff = (int32_t)in[c] - max;
            if (diff >= diff_min) {
                const int32_t rescaled = tflc_mbqm_greater_than_one(diff, input_multiplier, input_left_shift);
                const int32_t e = tflc_exp_on_negative_values(rescaled, 5);
                int32_t v = tflc_rounding_divide_by_pot(tflc_srdhm(scale, e), exponent) - 128;
                v = v > 127 ? 127 : v;
                v = v < -128 ? -128 : v;
                out[c] = (int8_t)v;
            } else {
                out[c] = -128;
            }
        }
    }
}
