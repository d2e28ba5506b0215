/*
 * tflc_add_sub_s16: int16 ADD and SUB with broadcasting (16-bit activations), as the Java references
 * Add.Int16 and Sub.Int16 (TFLM's general int16 ADD, AddGeneralParamScale / BroadcastAdd6DSlow, and
 * its int16 SUB, SubElementwise / BroadcastQuantSubSlow): int8's arithmetic with left_shift 15. Both
 * inputs offset, shifted left and scaled to a common scale, summed (subtract == 0) or subtracted,
 * scaled to the output, offset and clamped to [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

static int16_t add_sub_one(const tflc_add_params_t *p, int32_t subtract, int32_t x, int32_t y)
{
    const int32_t sx = tflc_add_scaled_input(x, p->offset1, p->left_shift, p->multiplier1, p->shift1);
    const int32_t sy = tflc_add_scaled_input(y, p->offset2, p->left_shift, p->multiplier2, p->shift2);
    const int32_t raw = subtract ? tflc_sub_wrap(sx, sy) : tflc_add_wrap(sx, sy);
    const int32_t v =
        tflc_add_wrap(tflc_mbqm_smaller_than_one(raw, p->output_multiplier, p->output_shift), p->output_offset);
    return (int16_t)(v < p->act_min ? p->act_min : v > p->act_max ? p->act_max : v);
}

void tflc_add_sub_s16(const tflc_broadcast_t *b, int32_t size, const tflc_add_params_t *p, int32_t subtract,
                      const int16_t *x, const int16_t *y, int16_t *output)
{
    const tflc_add_params_t params = *p; /* a local copy: the int16 stores cannot alias it */
    tflc_broadcast_walk_t w;
    int32_t o, i;

    for (tflc_broadcast_start(&w, b, size), o = 0; o < size; o += w.run, tflc_broadcast_next(&w, b)) {
        for (i = 0; i < w.run; i++) {
            output[o + i] = add_sub_one(&params, subtract, x[w.at1 + i * w.step1], y[w.at2 + i * w.step2]);
        }
    }
}
