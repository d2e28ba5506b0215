/*
 * tflc_mul_s8: int8 MUL with broadcasting, as the Java reference Mul.Int8 (TFLM's reference
 * integer mul): the product of the offset inputs scaled by one multiplier, offset and clamped to
 * [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

static int8_t mul_one(const tflc_mul_params_t *p, int32_t x, int32_t y)
{
    /* |x + offset1|, |y + offset2| <= 255: the product fits in int32 */
    return (int8_t)tflc_requantize((x + p->offset1) * (y + p->offset2), p->multiplier, p->shift, p->output_offset,
                                   p->act_min, p->act_max);
}

void tflc_mul_s8(const tflc_broadcast_t *b, int32_t size, const tflc_mul_params_t *p, const int8_t *x,
                 const int8_t *y, int8_t *output)
{
    const tflc_mul_params_t params = *p; /* a local copy: the int8 stores cannot alias it */
    tflc_broadcast_walk_t w;
    int32_t o, i;

    for (tflc_broadcast_start(&w, b, size), o = 0; o < size; o += w.run, tflc_broadcast_next(&w, b)) {
        for (i = 0; i < w.run; i++) {
            output[o + i] = mul_one(&params, x[w.at1 + i * w.step1], y[w.at2 + i * w.step2]);
        }
    }
}
