/*
 * TFLM's int8 ADD (SUB) of one pair of elements (reference_integer_ops::AddElementwise, and SUB's
 * SubElementwise): both inputs offset and shifted left by left_shift, each scaled to a common scale,
 * summed (subtracted), scaled to the output, offset and clamped to [act_min, act_max]. Used by
 * tflc_add_s8, tflc_sub_s8 and the ADD done in a convolution's stores (tflc_opt_add_row).
 */
#ifndef TFLC_ADD_S8_H
#define TFLC_ADD_S8_H

#include "tflc_fixed_point.h"
#include "tflc_kernels.h"

static inline int8_t tflc_add_sub_one_s8(const tflc_add_params_t *p, int32_t x, int32_t y, int32_t subtract)
{
    const int32_t sx = tflc_add_scaled_input(x, p->offset1, p->left_shift, p->multiplier1, p->shift1);
    const int32_t sy = tflc_add_scaled_input(y, p->offset2, p->left_shift, p->multiplier2, p->shift2);
    const int32_t sum = subtract ? tflc_sub_wrap(sx, sy) : tflc_add_wrap(sx, sy);
    int32_t v = tflc_add_wrap(tflc_mbqm_smaller_than_one(sum, p->output_multiplier, p->output_shift), p->output_offset);
    if (v < p->act_min) {
        v = p->act_min;
    }
    if (v > p->act_max) {
        v = p->act_max;
    }
    return (int8_t)v;
}

static inline int8_t tflc_add_one_s8(const tflc_add_params_t *p, int32_t x, int32_t y)
{
    return tflc_add_sub_one_s8(p, x, y, 0);
}

#endif
