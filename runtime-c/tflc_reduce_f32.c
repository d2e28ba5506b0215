/*
 * tflc_reduce_f32: float MEAN and SUM, as the Java reference Reduce.Float32 (TFLM's reference Mean
 * and ReduceGeneric): per output element, the sum from 0 of its input elements in the input's
 * order, divided by `divisor` (the count for MEAN, 1 for SUM).
 */
#include "tflc_kernels.h"

void tflc_reduce_f32(const tflc_reduction_t *r, float divisor, const float *input, float *output)
{
    int32_t outer[TFLC_MAX_RANK] = {0};
    int32_t base = 0; /* input element of the output's first reduced element */

    do {
        int32_t inner[TFLC_MAX_RANK] = {0};
        int32_t at = base;
        float sum = 0.0f;
        do {
            sum += input[at];
        } while (tflc_next_index(r->inner_rank, r->inner_dims, r->inner_strides, inner, &at));
        *output++ = sum / divisor;
    } while (tflc_next_index(r->outer_rank, r->outer_dims, r->outer_strides, outer, &base));
}
