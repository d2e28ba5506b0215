/*
 * tflc_softmax_s16: int16 SOFTMAX over rows of `depth`, as the Java reference Softmax.Int16 (TFLM's
 * reference SoftmaxInt16). Input zero point 0; output scale 1/32768, zero point 0. Each difference
 * from the row's maximum, rescaled so that [-65535, 0] covers [-10, 0] and recentred, goes through
 * the exp table (Q0.15); the exps, kept in the output row, sum in Q16.15; the sum, normalised by its
 * leading zeros and recentred, goes through the 1/(1 + x) table; each exp times that reciprocal,
 * shifted back with rounding, is clamped to [0, 32767]. Both tables have 513 entries (Int16Lut).
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

static int32_t saturate_s16(int32_t v)
{
    return v < INT16_MIN ? INT16_MIN : v > INT16_MAX ? INT16_MAX : v;
}

/* TFLM's LUTLookup for int16: the entry at the top nine bits, plus the slope times the low seven, rounded. */
static int32_t lut_lookup_s16(int32_t value, const TFLC_ROM int16_t *lut)
{
    const int32_t index = 256 + (value >> 7);
    const int32_t offset = value & 0x7F;
    const int32_t base = lut[index];
    const int32_t slope = (int32_t)lut[index + 1] - base;
    return (int16_t)(base + ((slope * offset + 64) >> 7));
}

void tflc_softmax_s16(int32_t rows, int32_t depth, int32_t input_multiplier, int32_t input_left_shift,
                      const TFLC_ROM int16_t *exp_lut, const TFLC_ROM int16_t *one_over_one_plus_x_lut,
                      const int16_t *input, int16_t *output)
{
    int32_t r, c;

    for (r = 0; r < rows; r++, input += depth, output += depth) {
        int32_t max = INT16_MIN;
        int32_t sum_of_exps = 0; /* Q16.15; the compiler refuses rows long enough to overflow it */
        int32_t headroom_plus_one, shifted_sum, reciprocal, right_shift;
        int64_t round;

        for (c = 0; c < depth; c++) {
            if (input[c] > max) {
                max = input[c];
            }
        }
        for (c = 0; c < depth; c++) {
            const int32_t scaled = tflc_mbqm(input[c] - max, input_multiplier, input_left_shift);
            output[c] = (int16_t)lut_lookup_s16(saturate_s16(scaled + 32767), exp_lut);
            sum_of_exps += output[c];
        }
        headroom_plus_one = tflc_clz32((uint32_t)sum_of_exps);
        shifted_sum = (int32_t)((((int64_t)sum_of_exps << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
        /* 1/(1 + x) of x = sum - 1, recentred from [0, 65535] to the table's [-32768, 32767]. */
        reciprocal = lut_lookup_s16(saturate_s16(shifted_sum - ((INT32_C(1) << 15) + (INT32_C(1) << 16))),
                                    one_over_one_plus_x_lut);
        right_shift = 31 - headroom_plus_one;
        round = (int64_t)1 << (right_shift - 1);
        for (c = 0; c < depth; c++) {
            const int64_t result = ((int64_t)output[c] * reciprocal + round) >> right_shift;
            output[c] = (int16_t)(result < 0 ? 0 : result > INT16_MAX ? INT16_MAX : result);
        }
    }
}
