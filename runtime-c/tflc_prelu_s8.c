/*
 * tflc_prelu_s8: int8 PRELU with broadcasting (x the input, y alpha), as the Java reference
 * Prelu.Int8 (TFLM's reference): the offset input rescaled where it is >= 0, else its product with
 * the offset alpha rescaled, plus the output offset, clamped to int8.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

static int8_t prelu_one(const tflc_prelu_params_t *p, int32_t x, int32_t a)
{
    const int32_t value = x + p->input_offset;
    /* |value|, |a + alpha_offset| <= 255: the product fits in int32 */
    return (int8_t)(value >= 0
                        ? tflc_requantize(value, p->identity_multiplier, p->identity_shift, p->output_offset, -128, 127)
                        : tflc_requantize(value * (a + p->alpha_offset), p->alpha_multiplier, p->alpha_shift,
                                          p->output_offset, -128, 127));
}

void tflc_prelu_s8(const tflc_broadcast_t *b, int32_t size, const tflc_prelu_params_t *p, const int8_t *x,
                   const int8_t *y, int8_t *output)
{
    const tflc_prelu_params_t params = *p; /* a local copy: the int8 stores cannot alias it */
    tflc_broadcast_walk_t w;
    int32_t o, i;

    for (tflc_broadcast_start(&w, b, size), o = 0; o < size; o += w.run, tflc_broadcast_next(&w, b)) {
        for (i = 0; i < w.run; i++) {
            output[o + i] = prelu_one(&params, x[w.at1 + i * w.step1], y[w.at2 + i * w.step2]);
        }
    }
}
