/*
 * tflc_div_s8: int8 DIV with broadcasting, as the Java reference Div.Int8 (TFLM's DivElementwise):
 * the offset dividend shifted up by its leading sign bits, multiplied by the reciprocal of the offset
 * divisor, scaled by (multiplier, shift) with the reciprocal's and the headroom's shifts, plus
 * output_offset, clamped to [act_min, act_max]. A divisor at its zero point gives act_max, act_min or
 * the clamped output_offset as the dividend is positive, negative or zero.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

/* CountLeadingSignBits: the bits below the sign bit equal to it, 31 for 0. */
static int32_t leading_sign_bits(int32_t x)
{
    return x == 0 ? 31 : tflc_clz32(x < 0 ? ~(uint32_t)x : (uint32_t)x) - 1;
}

static int8_t div_one(const tflc_mul_params_t *p, int32_t x, int32_t y)
{
    int32_t dividend = x + p->offset1; /* both in [-255, 255] */
    int32_t divisor = y + p->offset2;
    int32_t raw;
    if (divisor == 0) {
        raw = dividend > 0 ? p->act_max : dividend < 0 ? p->act_min : p->output_offset;
    } else {
        int32_t bits_over_unit, reciprocal, headroom, unscaled, total_shift;
        if (divisor < 0) {
            dividend = -dividend;
            divisor = -divisor;
        }
        reciprocal = tflc_reciprocal(divisor, 31, &bits_over_unit);
        headroom = leading_sign_bits(dividend);
        unscaled = tflc_mbqm_greater_than_one(dividend, reciprocal, headroom);
        total_shift = p->shift - bits_over_unit - headroom; /* <= 0: the compiler checks shift <= 23 */
        raw = p->output_offset
              + (total_shift < -31 ? 0 : tflc_mbqm_smaller_than_one(unscaled, p->multiplier, total_shift));
    }
    return (int8_t)(raw < p->act_min ? p->act_min : raw > p->act_max ? p->act_max : raw);
}

void tflc_div_s8(const tflc_broadcast_t *b, int32_t size, const tflc_mul_params_t *p, const int8_t *x,
                 const int8_t *y, int8_t *output)
{
    const tflc_mul_params_t params = *p; /* a local copy: the int8 stores cannot alias it */
    tflc_broadcast_walk_t w;
    int32_t o, i;

    for (tflc_broadcast_start(&w, b, size), o = 0; o < size; o += w.run, tflc_broadcast_next(&w, b)) {
        for (i = 0; i < w.run; i++) {
            output[o + i] = div_one(&params, x[w.at1 + i * w.step1], y[w.at2 + i * w.step2]);
        }
    }
}
