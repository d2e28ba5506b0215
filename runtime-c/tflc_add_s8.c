/*
 * tflc_add_s8: int8 ADD with broadcasting, as the Java reference Add.Int8 (TFLM's reference add):
 * both inputs offset and shifted left by left_shift, each scaled to a common scale, summed, scaled
 * to the output, offset and clamped to [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

static int8_t add_one(const tflc_add_params_t *p, int32_t x, int32_t y)
{
    const int32_t sx = tflc_mbqm_smaller_than_one(tflc_shl_wrap(tflc_add_wrap(x, p->offset1), p->left_shift),
                                                  p->multiplier1, p->shift1);
    const int32_t sy = tflc_mbqm_smaller_than_one(tflc_shl_wrap(tflc_add_wrap(y, p->offset2), p->left_shift),
                                                  p->multiplier2, p->shift2);
    int32_t v = tflc_add_wrap(
        tflc_mbqm_smaller_than_one(tflc_add_wrap(sx, sy), p->output_multiplier, p->output_shift), p->output_offset);
    if (v < p->act_min) {
        v = p->act_min;
    }
    if (v > p->act_max) {
        v = p->act_max;
    }
    return (int8_t)v;
}

void tflc_add_s8(const tflc_broadcast_t *b, int32_t size, const tflc_add_params_t *p, const int8_t *x,
                 const int8_t *y, int8_t *output)
{
    const tflc_add_params_t params = *p; /* a local copy: the int8 stores cannot alias it */
    int32_t idx[TFLC_MAX_RANK] = {0};
    int32_t rank, inner, s1, s2, o, i, d;
    int32_t i1 = 0, i2 = 0; /* the first element of the run in x and in y */

    if (b == NULL) {
        for (i = 0; i < size; i++) {
            output[i] = add_one(&params, x[i], y[i]);
        }
        return;
    }
    rank = b->rank;
    if (rank == 0) {
        if (size > 0) {
            output[0] = add_one(&params, x[0], y[0]);
        }
        return;
    }
    /* The output in order: a run along the last dimension, then the other indices advance as an
     * odometer (Broadcast.forEach). */
    inner = b->out_dims[rank - 1];
    s1 = b->strides1[rank - 1];
    s2 = b->strides2[rank - 1];
    for (o = 0; o < size; o += inner) {
        int32_t a = i1, c = i2;
        for (i = 0; i < inner; i++, a += s1, c += s2) {
            output[o + i] = add_one(&params, x[a], y[c]);
        }
        for (d = rank - 2; d >= 0; d--) {
            idx[d]++;
            i1 += b->strides1[d];
            i2 += b->strides2[d];
            if (idx[d] < b->out_dims[d]) {
                break;
            }
            i1 -= b->strides1[d] * b->out_dims[d];
            i2 -= b->strides2[d] * b->out_dims[d];
            idx[d] = 0;
        }
    }
}
