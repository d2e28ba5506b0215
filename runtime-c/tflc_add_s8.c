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
    tflc_broadcast_walk_t w;
    int32_t o, i;

    if (b == NULL) {
        for (i = 0; i < size; i++) {
            output[i] = add_one(&params, x[i], y[i]);
        }
        return;
    }
    for (tflc_broadcast_start(&w, b, size), o = 0; o < size; o += w.run, tflc_broadcast_next(&w, b)) {
        for (i = 0; i < w.run; i++) {
            output[o + i] = add_one(&params, x[w.at1 + i * w.step1], y[w.at2 + i * w.step2]);
        }
    }
}
