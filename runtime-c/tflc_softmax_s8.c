/*
 * tflc_softmax_s8: int8 SOFTMAX over rows of `depth`, as the Java reference Softmax.Int8 (TFLM's
 * reference softmax, gemmlowp fixed point). Each difference from the row's maximum is rescaled to
 * Q5.26, exponentiated to Q0.31, summed in Q12.19 (wrapping like Java's int), and the exps times
 * the sum's reciprocal give the output: int8 (output_bits 8) at scale 1/256, zero point -128, or
 * int16 (output_bits 16) at scale 1/65536, zero point -32768. Differences below diff_min give the
 * type's minimum.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

#define SCALED_DIFF_INTEGER_BITS 5
#define ACCUMULATION_INTEGER_BITS 12

void tflc_softmax_s8(int32_t rows, int32_t depth, int32_t input_multiplier, int32_t input_left_shift,
                     int32_t diff_min, int32_t output_bits, const int8_t *input, void *output)
{
    const int32_t out_min = output_bits == 16 ? INT16_MIN : INT8_MIN;
    const int32_t out_max = output_bits == 16 ? INT16_MAX : INT8_MAX;
    int8_t *const out8 = (int8_t *)output;
    int16_t *const out16 = (int16_t *)output;
    int32_t r, c;

    for (r = 0; r < rows; r++, input += depth) {
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
         * For int8, exponent lies in [3, 35]. Past 31 (a row whose exps sum to 512 or more, where TFLM
         * stops on a check) every scaled exp is below half a step: the output is the zero probability.
         */
        exponent = bits_over_unit + 31 - output_bits;
        for (c = 0; c < depth; c++) {
            const int32_t diff = input[c] - max;
            int32_t v = out_min;
            if (diff >= diff_min) {
                const int32_t e = tflc_exp_on_negative_values(
                    tflc_mbqm_greater_than_one(diff, input_multiplier, input_left_shift), SCALED_DIFF_INTEGER_BITS);
                const int32_t unsaturated =
                    exponent > 31 ? 0 : tflc_rounding_divide_by_pot(tflc_srdhm(reciprocal, e), exponent);
                v = tflc_add_wrap(unsaturated, out_min);
                if (v > out_max) {
                    v = out_max;
                }
                if (v < out_min) {
                    v = out_min;
                }
            }
            if (output_bits == 16) {
                out16[r * depth + c] = (int16_t)v;
            } else {
                out8[r * depth + c] = (int8_t)v;
            }
        }
    }
}
