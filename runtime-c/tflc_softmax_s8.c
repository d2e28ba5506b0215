/*
 * tflc_softmax_s8: int8 SOFTMAX over rows of `depth`, as the Java reference Softmax.Int8 (TFLM's
 * reference softmax, gemmlowp fixed point). Each difference from the row's maximum is rescaled to
 * Q5.26, exponentiated to Q0.31, summed in Q12.19 (wrapping like Java's int), and the exps times
 * the sum's reciprocal give the output at scale 1/256, zero point -128. Differences below
 * diff_min give -128.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

#define SCALED_DIFF_INTEGER_BITS 5
#define ACCUMULATION_INTEGER_BITS 12

void tflc_softmax_s8(int32_t rows, int32_t depth, int32_t input_multiplier, int32_t input_left_shift,
                     int32_t diff_min, const int8_t *input, int8_t *output)
{
    int32_t r, c;

    for (r = 0; r < rows; r++, input += depth, output += depth) {
        int32_t max = INT32_MIN;
        uint32_t sum_of_exps = 0u;
        int32_t bits_over_unit, reciprocal, exponent;

        for (c = 0; c < depth; c++) {
            if (input[c] > max) {
                max = input[c];
            }
        }
        for (c = 0; c < depth; c++) {
            const int32_t diff = input[c] - max;
            if (diff >= diff_min) {
                const int32_t e = tflc_exp_on_negative_values(
                    tflc_mbqm_greater_than_one(diff, input_multiplier, input_left_shift), SCALED_DIFF_INTEGER_BITS);
                sum_of_exps += (uint32_t)tflc_rounding_divide_by_pot(e, ACCUMULATION_INTEGER_BITS);
            }
        }
        reciprocal = tflc_reciprocal(tflc_s32(sum_of_exps), ACCUMULATION_INTEGER_BITS, &bits_over_unit);
        /*
         * exponent lies in [3, 35]. Past 31 (a row whose exps sum to 512 or more, where TFLM stops on
         * a check) every scaled exp is below half a step: the output is the zero probability, -128.
         */
        exponent = bits_over_unit + 31 - 8;
        for (c = 0; c < depth; c++) {
            const int32_t diff = input[c] - max;
            int32_t v = -128;
            if (diff >= diff_min) {
                const int32_t e = tflc_exp_on_negative_values(
                    tflc_mbqm_greater_than_one(diff, input_multiplier, input_left_shift), SCALED_DIFF_INTEGER_BITS);
                const int32_t unsaturated =
                    exponent > 31 ? 0 : tflc_rounding_divide_by_pot(tflc_srdhm(reciprocal, e), exponent);
                v = tflc_sub_wrap(unsaturated, 128);
                if (v > 127) {
                    v = 127;
                }
                if (v < -128) {
                    v = -128;
                }
            }
            output[c] = (int8_t)v;
        }
    }
}
