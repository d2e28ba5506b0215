/*
 * tflc fixed-point arithmetic: TensorFlow Lite Micro's integer requantization and the gemmlowp
 * fixed-point functions softmax uses, bit for bit. The compiler's dev.tflc.ops.FixedPoint holds the
 * same arithmetic in Java; tests hold the two equal.
 */
#ifndef TFLC_FIXED_POINT_H
#define TFLC_FIXED_POINT_H

#include <stdint.h>

/* Wrapping int32 arithmetic without signed-overflow undefined behaviour. */
static inline int32_t tflc_wrap_add(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a + (uint32_t)b);
}

static inline int32_t tflc_wrap_sub(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a - (uint32_t)b);
}

/* round(a * b / 2^31), saturating the single overflow case INT32_MIN * INT32_MIN. */
static inline int32_t tflc_srdhm(int32_t a, int32_t b)
{
    int64_t ab;
    int64_t nudge;
    if (a == b && a == INT32_MIN) {
        return INT32_MAX;
    }
    ab = (int64_t)a * (int64_t)b;
    nudge = ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
    return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
}

/* x / 2^exponent, rounding halves away from zero; exponent in [0, 31]. */
static inline int32_t tflc_rounding_divide_by_pot(int32_t x, int exponent)
{
    const int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* x * 2^shift with wrap-around, as the reference's x * (1 << shift) on two's complement. */
static inline int32_t tflc_shl(int32_t x, int shift)
{
    return (int32_t)((uint32_t)x << shift);
}

/* MultiplyByQuantizedMultiplier, double rounding: x * multiplier * 2^(shift - 31). */
static inline int32_t tflc_mbqm(int32_t x, int32_t multiplier, int32_t shift)
{
    const int left = shift > 0 ? (int)shift : 0;
    const int right = shift > 0 ? 0 : (int)-shift;
    return tflc_rounding_divide_by_pot(tflc_srdhm(tflc_shl(x, left), multiplier), right);
}

/* MultiplyByQuantizedMultiplierSmallerThanOneExp (shift <= 0). */
static inline int32_t tflc_mbqm_smaller_than_one(int32_t x, int32_t multiplier, int32_t shift)
{
    return tflc_rounding_divide_by_pot(tflc_srdhm(x, multiplier), (int)-shift);
}

/* MultiplyByQuantizedMultiplierGreaterThanOne (shift >= 0). */
static inline int32_t tflc_mbqm_greater_than_one(int32_t x, int32_t multiplier, int32_t shift)
{
    return tflc_srdhm(tflc_shl(x, (int)shift), multiplier);
}

/* x * 2^exponent, saturating (exponent > 0) or rounding (exponent < 0). */
static inline int32_t tflc_saturating_rounding_mul_by_pot(int32_t x, int exponent)
{
    int32_t threshold;
    if (exponent == 0) {
        return x;
    }
    if (exponent < 0) {
        return tflc_rounding_divide_by_pot(x, -exponent);
    }
    threshold = (int32_t)(((int64_t)1 << (31 - exponent)) - 1);
    if (x > threshold) {
        return INT32_MAX;
    }
    if (x < -threshold) {
        return INT32_MIN;
    }
    return tflc_shl(x, exponent);
}

/* exp(a) for a in [-1/4, 0), Q0.31 in and out (Taylor series around -1/8). */
static inline int32_t tflc_exp_on_interval_between_negative_one_quarter_and_0_excl(int32_t a)
{
    const int32_t constant_term = 1895147668;   /* exp(-1/8) */
    const int32_t constant_1_over_3 = 715827883; /* 1/3 */
    const int32_t x = tflc_wrap_add(a, (int32_t)1 << 28);
    const int32_t x2 = tflc_srdhm(x, x);
    const int32_t x3 = tflc_srdhm(x2, x);
    const int32_t x4 = tflc_srdhm(x2, x2);
    const int32_t x4_over_4 = tflc_saturating_rounding_mul_by_pot(x4, -2);
    const int32_t poly = tflc_saturating_rounding_mul_by_pot(
        tflc_wrap_add(tflc_srdhm(tflc_wrap_add(x4_over_4, x3), constant_1_over_3), x2), -1);
    return tflc_wrap_add(constant_term, tflc_srdhm(constant_term, tflc_wrap_add(x, poly)));
}

/* exp(a) for a <= 0 with `integer_bits` integer bits (softmax: 5), result in Q0.31. */
static inline int32_t tflc_exp_on_negative_values(int32_t a, int integer_bits)
{
    static const int32_t multipliers[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
    const int fractional_bits = 31 - integer_bits;
    const int32_t one_quarter = (int32_t)1 << (fractional_bits - 2);
    const int32_t mask = one_quarter - 1;
    const int32_t a_mod_quarter_minus_one_quarter = tflc_wrap_sub(a & mask, one_quarter);
    const int32_t remainder = tflc_wrap_sub(a_mod_quarter_minus_one_quarter, a);
    int32_t result = tflc_exp_on_interval_between_negative_one_quarter_and_0_excl(
        tflc_saturating_rounding_mul_by_pot(a_mod_quarter_minus_one_quarter, integer_bits));
    int exponent;
    for (exponent = -2; exponent <= 4; exponent++) {
        if (integer_bits > exponent) {
            const int shift_amount = fractional_bits + exponent;
            if (((uint32_t)remainder & ((uint32_t)1 << shift_amount)) != 0u) {
                result = tflc_srdhm(result, multipliers[exponent + 2]);
            }
        }
    }
    if (integer_bits > 5) {
        const int32_t clamp = -((int32_t)1 << (36 - integer_bits));
        if (a < clamp) {
            result = 0;
        }
    }
    return a == 0 ? INT32_MAX : result;
}

/* 1 / (1 + a) for a in [0, 1), Q0.31 in and out (Newton-Raphson). */
static inline int32_t tflc_one_over_one_plus_x_for_x_in_0_1(int32_t a)
{
    const int64_t sum = (int64_t)a + INT32_MAX;
    const int32_t half_denominator = (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
    const int32_t constant_48_over_17 = 1515870810;
    const int32_t constant_neg_32_over_17 = -1010580540;
    const int32_t one_q2 = (int32_t)1 << 29;
    int32_t x = tflc_wrap_add(constant_48_over_17, tflc_srdhm(half_denominator, constant_neg_32_over_17));
    int i;
    for (i = 0; i < 3; i++) {
        const int32_t half_denominator_times_x = tflc_srdhm(half_denominator, x);
        const int32_t one_minus = tflc_wrap_sub(one_q2, half_denominator_times_x);
        x = tflc_wrap_add(x, tflc_saturating_rounding_mul_by_pot(tflc_srdhm(x, one_minus), 2));
    }
    return tflc_saturating_rounding_mul_by_pot(x, 1);
}

/* Number of leading zero bits of x (32 for 0). */
static inline int tflc_count_leading_zeros(uint32_t x)
{
    int n = 0;
    if (x == 0u) {
        return 32;
    }
    while ((x & 0x80000000u) == 0u) {
        x <<= 1;
        n++;
    }
    return n;
}

/* 1/x for x > 0 with `integer_digits` integer bits: returns Q0.31, sets *bits_over_unit. */
static inline int32_t tflc_reciprocal(int32_t x, int integer_digits, int *bits_over_unit)
{
    const int headroom_plus_one = tflc_count_leading_zeros((uint32_t)x);
    const int32_t shifted_sum_minus_one =
        (int32_t)(((uint32_t)x << headroom_plus_one) - ((uint32_t)1 << 31));
    *bits_over_unit = integer_digits - headroom_plus_one;
    return tflc_one_over_one_plus_x_for_x_in_0_1(shifted_sum_minus_one);
}

#endif /* TFLC_FIXED_POINT_H */
