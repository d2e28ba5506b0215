/*
 * tflc_reduce_s8: int8 MEAN and SUM, as the Java reference Reduce.Int8 (TFLM's QuantizedMeanOrSum):
 * per output element, the wrapping int32 sum of its raw input values in the input's order, minus
 * zero_point_total (the input zero point times the count, wrapped), scaled by multiplier and shift
 * (for MEAN with 1 / count folded in), plus the output zero point, saturated to int8.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_reduce_s8(const tflc_reduction_t *r, int32_t zero_point_total, int32_t multiplier, int32_t shift,
                    int32_t output_zero_point, const int8_t *input, int8_t *output)
{
    int32_t outer[TFLC_MAX_RANK] = {0};
    int32_t base = 0; /* input element of the output's first reduced element */

    do {
        int32_t inner[TFLC_MAX_RANK] = {0};
        int32_t at = base;
        uint32_t sum = 0u;
        int32_t v;
        do {
            sum += (uint32_t)(int32_t)input[at];
        } while (tflc_next_index(r->inner_rank, r->inner_dims, r->inner_strides, inner, &at));
        v = tflc_add_wrap(tflc_mbqm(tflc_sub_wrap(tflc_s32(sum), zero_point_total), multiplier, shift),
                          output_zero_point);
        *output++ = (int8_t)(v < -128 ? -128 : v > 127 ? 127 : v);
    } while (tflc_next_index(r->outer_rank, r->outer_dims, r->outer_strides, outer, &base));
}
