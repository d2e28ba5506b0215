/*
 * tflc_log_softmax_s8: int8 LOG_SOFTMAX, as the Java reference LogSoftmax.Int8 (TFLM's
 * reference_ops::LogSoftmaxQuantized): differences from the row's maximum rescaled to Q5.26, their exps
 * summed in Q12, the log of the sum in Q5, and each rescaled difference less it shifted to the output
 * (scale 16/256, zero point 127); differences at or below the adjusted minimum give -128.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_log_softmax_s8(int32_t rows, int32_t depth, const tflc_log_softmax_params_t *p, const int8_t *input,
                         int8_t *output)
{
    int32_t r, c;
    for (r = 0; r < rows; r++) {
        const int8_t *in = input + (size_t)r * (size_t)depth;
        int8_t *out = output + (size_t)r * (size_t)depth;
        int32_t max = -128;
        int32_t sum_of_exps = 0; /* Q12 */
        int32_t log_sum, adjusted_diff_min, reverse;
        for (c = 0; c < depth; c++) {
            max = in[c] > max ? in[c] : max;
        }
        for (c = 0; c < depth; c++) {
            const int32_t diff = in[c] - max;
            if (diff >= p->diff_min) {
                const int32_t exp = tflc_exp_on_negative_values(
                    tflc_mbqm(diff, p->input_multiplier, p->input_shift), 5);
                sum_of_exps = tflc_add_wrap(sum_of_exps, tflc_saturating_rounding_mul_by_pot(exp, -12));
            }
        }
        log_sum = tflc_log_x_for_x_greater_than_or_equal_to_1(sum_of_exps, 12, 5); /* Q5 */
        reverse = tflc_mbqm(tflc_add_wrap(log_sum, INT32_MIN), p->reverse_multiplier, p->reverse_shift);
        adjusted_diff_min = p->diff_min - 1 > reverse ? p->diff_min - 1 : reverse;
        for (c = 0; c < depth; c++) {
            const int32_t diff = in[c] - max;
            if (diff > adjusted_diff_min) {
                const int32_t scaled = tflc_mbqm(diff, p->input_multiplier, p->input_shift);
                const int32_t v = tflc_rounding_divide_by_pot(tflc_sub_wrap(scaled, log_sum), 31 - 5 - 4) + 127;
                out[c] = (int8_t)(v > 127 ? 127 : v < -128 ? -128 : v);
            } else {
                out[c] = -128;
            }
        }
    }
}
