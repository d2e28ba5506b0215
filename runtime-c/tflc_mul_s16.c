/*
 * tflc_mul_s16: int16 MUL with broadcasting (16-bit activations), as the Java reference Mul.Int16
 * (TFLM's reference integer mul for int16): the product of the inputs (zero points 0) scaled by one
 * multiplier, clamped to [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_mul_s16(const tflc_broadcast_t *b, int32_t size, const tflc_mul_params_t *p, const int16_t *x,
                  const int16_t *y, int16_t *output)
{
    const tflc_mul_params_t params = *p; /* a local copy: the int16 stores cannot alias it */
    tflc_broadcast_walk_t w;
    int32_t o, i;

    for (tflc_broadcast_start(&w, b, size), o = 0; o < size; o += w.run, tflc_broadcast_next(&w, b)) {
        for (i = 0; i < w.run; i++) {
            /* the offsets are 0 and |x * y| <= 2^30: the product fits in int32, and shift <= 0 */
            const int32_t product = (int32_t)x[w.at1 + i * w.step1] * y[w.at2 + i * w.step2];
            output[o + i] = (int16_t)tflc_requantize(product, params.multiplier, params.shift, params.output_offset,
                                                     params.act_min, params.act_max);
        }
    }
}
