/*
 * tflc_squared_difference_s8: int8 SQUARED_DIFFERENCE with broadcasting, as the Java reference
 * SquaredDifference.Int8 (TFLM's): both inputs offset, shifted left by 7 and scaled to a common scale
 * as ADD scales them, the difference squared, scaled to the output, offset and clamped (params as
 * ADD's, left_shift 7, act_min -128, act_max 127).
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

static int8_t squared_difference_one(const tflc_add_params_t *p, int32_t x, int32_t y)
{
    const int32_t a = tflc_add_scaled_input(x, p->offset1, p->left_shift, p->multiplier1, p->shift1);
    const int32_t c = tflc_add_scaled_input(y, p->offset2, p->left_shift, p->multiplier2, p->shift2);
    const int32_t d = a - c; /* |d| <= 255 * 128: the square fits in int32 */
    return (int8_t)tflc_requantize(d * d, p->output_multiplier, p->output_shift, p->output_offset, p->act_min,
                                   p->act_max);
}

void tflc_squared_difference_s8(const tflc_broadcast_t *b, int32_t size, const tflc_add_params_t *p,
                                const int8_t *x, const int8_t *y, int8_t *output)
{
    const tflc_add_params_t params = *p; /* a local copy: the int8 stores cannot alias it */
    tflc_broadcast_walk_t w;
    int32_t o, i;

    for (tflc_broadcast_start(&w, b, size), o = 0; o < size; o += w.run, tflc_broadcast_next(&w, b)) {
        for (i = 0; i < w.run; i++) {
            output[o + i] = squared_difference_one(&params, x[w.at1 + i * w.step1], y[w.at2 + i * w.step2]);
        }
    }
}
