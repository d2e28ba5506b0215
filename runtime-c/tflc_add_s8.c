/* tflc_add_s8: int8 ADD with broadcasting: both inputs shifted left, scaled to a common scale, summed
 * and scaled to the output, as TensorFlow Lite Micro's reference. */
#include "tflc_fixed_point.h"
#include "tflc_kernels.h"

static int8_t add_one(const tflc_add_params_t *p, int32_t x, int32_t y)
{
    const int32_t sx = tflc_mbqm_smaller_than_one(tflc_shl(x + p->offset1, (int)p->left_shift), p->multiplier1,
                                                  p->shift1);
    const int32_t sy = tflc_mbqm_smaller_than_one(tflc_shl(y + p->offset2, (int)p->left_shift), p->multiplier2,
                                                  p->shift2);
    int32_t v = tflc_mbqm_smaller_than_one(tflc_wrap_add(sx, sy), p->output_multiplier, p->output_shift)
        + p->output_offset;
    v = v < p->act_min ? p->act_min : v;
    v = v > p->act_max ? p->act_max : v;
    return (int8_t)v;
}

void tflc_add_s8(const tflc_broadcast_t *b, int32_t size, const tflc_add_params_t *p, const int8_t *x,
                 const int8_t *y, int8_t *output)
{
    int32_t idx[TFLC_MAX_RANK] = {0};
    int32_t i1 = 0;
    int32_t i2 = 0;
    int32_t o, d;
    if (b == 0) {
        for (o = 0; o < size; o++) {
            output[o] = add_one(p, x[o], y[o]);
        }
        return;
    }
    for (o = 0; o < size; o++) {
        output[o] = add_one(p, x[i1], y[i2]);
        for (d = b->rank - 1; d >= 0; d--) {
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
