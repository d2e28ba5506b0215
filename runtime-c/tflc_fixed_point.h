/*
 * tflc runtime: the arithmetic the kernels share with the compiler's Java reference
 * (dev.tflc.ops.FixedPoint), bit for bit.
 *
 * Integer part: TensorFlow Lite Micro's reference arithmetic (the doubling high multiply, rounding
 * shifts, MultiplyByQuantizedMultiplier with its two roundings) and the gemmlowp fixed-point
 * functions softmax uses. Java's int arithmetic wraps; where it may wrap, the C goes through
 * uint32_t, so nothing here has undefined behaviour. 64-bit products use int64_t.
 * Float part: Java's Math.max / Math.min (NaN and signed zeros included) and the float rounding of
 * QUANTIZE, in float only (no double: single-precision FPUs).
 *
 * Needs `>>` on a negative int32_t to shift arithmetically, as every compiler for the supported
 * targets does; the typedef below refuses to compile otherwise.
 */
#ifndef TFLC_FIXED_POINT_H
#define TFLC_FIXED_POINT_H

#include <limits.h>
#include <stdint.h>

typedef char tflc_arithmetic_right_shift_required[((int32_t)-8 >> 1) == -4 ? 1 : -1];

/* ---- Java int semantics --------------------------------------------------------------------- */

/* The int32_t with the bits of u (Java's (int) of a long, two's complement). */
static inline int32_t tflc_s32(uint32_t u)
{
    return u <= (uint32_t)INT32_MAX ? (int32_t)u : (int32_t)(u - 0x80000000u) - INT32_MAX - 1;
}

/* a + b, wrapping. */
static inline int32_t tflc_add_wrap(int32_t a, int32_t b)
{
    return tflc_s32((uint32_t)a + (uint32_t)b);
}

/* a - b, wrapping. */
static inline int32_t tflc_sub_wrap(int32_t a, int32_t b)
{
    return tflc_s32((uint32_t)a - (uint32_t)b);
}

/* x * (1 << shift), wrapping, shift >= 0 counted modulo 32 (Java's <<). */
static inline int32_t tflc_shl_wrap(int32_t x, int32_t shift)
{
    return tflc_s32((uint32_t)x << (shift & 31));
}

/* Leading zero bits of x; 32 for 0 (Integer.numberOfLeadingZeros). */
static inline int32_t tflc_clz32(uint32_t x)
{
#if (defined(__GNUC__) || defined(__clang__)) && UINT_MAX == 0xFFFFFFFFu
    return x == 0u ? 32 : (int32_t)__builtin_clz(x);
#else
    int32_t n = 0;
    if (x == 0u) {
        return 32;
    }
    while ((x & 0x80000000u) == 0u) {
        x <<= 1;
        n++;
    }
    return n;
#endif
}

/* ---- TFLite / gemmlowp fixed point ---------------------------------------------------------- */

/* gemmlowp SaturatingRoundingDoublingHighMul: round(a * b / 2^31), halves away from zero,
 * saturating the one overflowing case (INT32_MIN * INT32_MIN). */
static inline int32_t tflc_srdhm(int32_t a, int32_t b)
{
    int64_t ab;
    if (a == INT32_MIN && b == INT32_MIN) {
        return INT32_MAX;
    }
    ab = (int64_t)a * (int64_t)b;
    ab += ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
    return (int32_t)(ab / ((int64_t)1 << 31));
}

/* gemmlowp RoundingDivideByPOT: x / 2^exponent for exponent in [0, 31], halves away from zero. */
static inline int32_t tflc_rounding_divide_by_pot(int32_t x, int32_t exponent)
{
    const int32_t mask = (int32_t)(((uint32_t)1 << exponent) - 1u);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* TFLite's MultiplyByQuantizedMultiplier with two roundings: x * multiplier * 2^(shift - 31),
 * shift >= -31 (QuantizeMultiplier's range). */
static inline int32_t tflc_mbqm(int32_t x, int32_t multiplier, int32_t shift)
{
    const int32_t left_shift = shift > 0 ? shift : 0;
    const int32_t right_shift = shift > 0 ? 0 : -shift;
    return tflc_rounding_divide_by_pot(tflc_srdhm(tflc_shl_wrap(x, left_shift), multiplier), right_shift);
}

/* The int64_t with the bits of u (Java's long arithmetic wraps the same way). */
static inline int64_t tflc_s64(uint64_t u)
{
    return u <= (uint64_t)INT64_MAX ? (int64_t)u : (int64_t)(u - UINT64_C(0x8000000000000000)) - INT64_MAX - 1;
}

/* TFLite's MultiplyByQuantizedMultiplier for an int64 accumulator (16x8 kernels): the multiplier
 * rounded to 15 bits, one rounding right shift by 15 - shift, truncated to int32. shift in [-31, 14];
 * wraps as Java's long where TFLite's contract (|x| < 2^47, shift < 8) does not hold. */
static inline int32_t tflc_mbqm64(int64_t x, int32_t multiplier, int32_t shift)
{
    const int32_t reduced = multiplier < (int32_t)0x7FFF0000 ? (multiplier + ((int32_t)1 << 15)) >> 16 : 0x7FFF;
    const int32_t total_shift = 15 - shift;
    const int64_t r = tflc_s64((uint64_t)x * (uint64_t)reduced + ((uint64_t)1 << (total_shift - 1)));
    return tflc_s32((uint32_t)((uint64_t)(r >> total_shift) & 0xFFFFFFFFu));
}

/* MultiplyByQuantizedMultiplierSmallerThanOneExp: shift in [-31, 0]. */
static inline int32_t tflc_mbqm_smaller_than_one(int32_t x, int32_t multiplier, int32_t shift)
{
    return tflc_rounding_divide_by_pot(tflc_srdhm(x, multiplier), -shift);
}

/* ADD's and SUB's step on each input (TFLM's AddElementwise): x plus its offset, shifted left by
 * left_shift and scaled by a multiplier smaller than one to the inputs' common scale. */
static inline int32_t tflc_add_scaled_input(int32_t x, int32_t offset, int32_t left_shift, int32_t multiplier,
                                            int32_t shift)
{
    return tflc_mbqm_smaller_than_one(tflc_shl_wrap(tflc_add_wrap(x, offset), left_shift), multiplier, shift);
}

/* LEAKY_RELU's rescaling of x (the input less its zero point): by the identity multiplier where x >= 0,
 * else by alpha's magnitude, negated when alpha_negative (TFLM's QuantizeLeakyRelu). */
static inline int32_t tflc_leaky_relu_rescale(int32_t x, int32_t identity_multiplier, int32_t identity_shift,
                                              int32_t alpha_multiplier, int32_t alpha_shift, int32_t alpha_negative)
{
    int32_t v;
    if (x >= 0) {
        return tflc_mbqm(x, identity_multiplier, identity_shift);
    }
    v = tflc_mbqm(x, alpha_multiplier, alpha_shift);
    return alpha_negative ? tflc_sub_wrap(0, v) : v;
}

/* MultiplyByQuantizedMultiplierGreaterThanOne: shift >= 0. */
static inline int32_t tflc_mbqm_greater_than_one(int32_t x, int32_t multiplier, int32_t shift)
{
    return tflc_srdhm(tflc_shl_wrap(x, shift), multiplier);
}

/* gemmlowp SaturatingRoundingMultiplyByPOT: x * 2^exponent, exponent in [-31, 31]; rounds (halves
 * away from zero) when negative, saturates when positive. */
static inline int32_t tflc_saturating_rounding_mul_by_pot(int32_t x, int32_t exponent)
{
    int32_t threshold;
    if (exponent == 0) {
        return x;
    }
    if (exponent < 0) {
        return tflc_rounding_divide_by_pot(x, -exponent);
    }
    threshold = (int32_t)(((uint32_t)1 << (31 - exponent)) - 1u);
    if (x > threshold) {
        return INT32_MAX;
    }
    if (x < -threshold) {
        return INT32_MIN;
    }
    return tflc_shl_wrap(x, exponent);
}

/* TFLite's GetInvSqrtQuantizedMultiplierExp with reverse shift -1 (FixedPoint.inverseSqrt): 1 / sqrt(input)
 * for input >= 0 as *multiplier * 2^(*shift - 31), by five Newton-Raphson steps in Q3.28; 0 and 1 give
 * INT32_MAX, 0. */
static inline void tflc_inverse_sqrt(int32_t input, int32_t *multiplier, int32_t *shift)
{
    int32_t s = 11, pairs, half_input, x, i, result;
    const int32_t half_three = ((int32_t)1 << 28) + ((int32_t)1 << 27);
    if (input <= 1) {
        *multiplier = INT32_MAX;
        *shift = 0;
        return;
    }
    while (input >= ((int32_t)1 << 29)) {
        input /= 4;
        s++;
    }
    pairs = (tflc_clz32((uint32_t)input) - 1) / 2 - 1;
    s -= pairs;
    input = tflc_shl_wrap(input, 2 * pairs);
    half_input = tflc_saturating_rounding_mul_by_pot(input >> 1, -1);
    x = (int32_t)1 << 28; /* 1.0 in Q3.28 */
    for (i = 0; i < 5; i++) {
        /* x * x * x: Q6 then Q9, rescaled to Q3 */
        const int32_t x3 = tflc_saturating_rounding_mul_by_pot(tflc_srdhm(tflc_srdhm(x, x), x), 6);
        const int32_t difference = tflc_sub_wrap(tflc_srdhm(half_three, x), tflc_srdhm(half_input, x3));
        x = tflc_saturating_rounding_mul_by_pot(difference, 3);
    }
    result = tflc_srdhm(x, 1518500250); /* times sqrt(2) / 2 in Q0.31 */
    if (s < 0) {
        result = tflc_shl_wrap(result, -s);
        s = 0;
    }
    *multiplier = result;
    *shift = -s;
}

/* gemmlowp exp_on_interval_between_negative_one_quarter_and_0_excl: exp(a) for a in [-1/4, 0],
 * Q0.31 in and out. */
static inline int32_t tflc_exp_on_interval_between_negative_one_quarter_and_0_excl(int32_t a)
{
    const int32_t constant_term = 1895147668;    /* exp(-1/8) */
    const int32_t constant_1_over_3 = 715827883; /* 1/3 */
    const int32_t x = a + ((int32_t)1 << 28);    /* a + 1/8 */
    const int32_t x2 = tflc_srdhm(x, x);
    const int32_t x3 = tflc_srdhm(x2, x);
    const int32_t x4 = tflc_srdhm(x2, x2);
    const int32_t x4_over_4 = tflc_saturating_rounding_mul_by_pot(x4, -2);
    const int32_t poly =
        tflc_saturating_rounding_mul_by_pot(tflc_srdhm(x4_over_4 + x3, constant_1_over_3) + x2, -1);
    return constant_term + tflc_srdhm(constant_term, x + poly);
}

/*
 * gemmlowp exp_on_negative_values: exp(a) for a <= 0 with integer_bits in [0, 29] integer bits
 * (softmax: 5, Q5.26), result in Q0.31.
 */
static inline int32_t tflc_exp_on_negative_values(int32_t a, int32_t integer_bits)
{
    const int32_t fractional_bits = 31 - integer_bits;
    const int32_t one_quarter = (int32_t)1 << (fractional_bits - 2);
    const int32_t a_mod_quarter_minus_one_quarter = (a & (one_quarter - 1)) - one_quarter;
    const int32_t remainder = tflc_sub_wrap(a_mod_quarter_minus_one_quarter, a);
    int32_t result = tflc_exp_on_interval_between_negative_one_quarter_and_0_excl(
        tflc_saturating_rounding_mul_by_pot(a_mod_quarter_minus_one_quarter, integer_bits));

    /* exp(-2^k) for k = -2 .. 4, applied for each bit of the remainder */
    if (integer_bits > -2 && (remainder & ((int32_t)1 << (fractional_bits - 2))) != 0) {
        result = tflc_srdhm(result, 1672461947);
    }
    if (integer_bits > -1 && (remainder & ((int32_t)1 << (fractional_bits - 1))) != 0) {
        result = tflc_srdhm(result, 1302514674);
    }
    if (integer_bits > 0 && (remainder & ((int32_t)1 << fractional_bits)) != 0) {
        result = tflc_srdhm(result, 790015084);
    }
    if (integer_bits > 1 && (remainder & ((int32_t)1 << (fractional_bits + 1))) != 0) {
        result = tflc_srdhm(result, 290630308);
    }
    if (integer_bits > 2 && (remainder & ((int32_t)1 << (fractional_bits + 2))) != 0) {
        result = tflc_srdhm(result, 39332535);
    }
    if (integer_bits > 3 && (remainder & ((int32_t)1 << (fractional_bits + 3))) != 0) {
        result = tflc_srdhm(result, 720401);
    }
    if (integer_bits > 4 && (remainder & ((int32_t)1 << (fractional_bits + 4))) != 0) {
        result = tflc_srdhm(result, 242);
    }
    if (integer_bits > 5 && a < -((int32_t)1 << (36 - integer_bits))) {
        result = 0;
    }
    return a == 0 ? INT32_MAX : result;
}

/* gemmlowp one_over_one_plus_x_for_x_in_0_1: 1 / (1 + a), a in Q0.31, result in Q0.31 (three
 * Newton-Raphson steps). */
static inline int32_t tflc_one_over_one_plus_x_for_x_in_0_1(int32_t a)
{
    const int32_t constant_48_over_17 = 1515870810;
    const int32_t constant_neg_32_over_17 = -1010580540;
    const int32_t one_q2 = (int32_t)1 << 29;
    const int64_t sum = (int64_t)a + INT32_MAX;
    const int32_t half_denominator = (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
    int32_t x = constant_48_over_17 + tflc_srdhm(half_denominator, constant_neg_32_over_17);
    int i;
    for (i = 0; i < 3; i++) {
        const int32_t half_denominator_times_x = tflc_srdhm(half_denominator, x);
        const int32_t one_minus_half_denominator_times_x = tflc_sub_wrap(one_q2, half_denominator_times_x);
        x = tflc_add_wrap(x, tflc_saturating_rounding_mul_by_pot(tflc_srdhm(x, one_minus_half_denominator_times_x), 2));
    }
    return tflc_saturating_rounding_mul_by_pot(x, 1);
}

/*
 * TFLite's GetReciprocal: 1 / x for x (read as unsigned) with integer_digits integer bits. Returns
 * the reciprocal in Q0.31 and stores in *bits_over_unit the power of two it is to be scaled by.
 */
static inline int32_t tflc_reciprocal(int32_t x, int32_t integer_digits, int32_t *bits_over_unit)
{
    const uint32_t ux = (uint32_t)x;
    const int32_t headroom_plus_one = tflc_clz32(ux);
    const uint32_t shifted = headroom_plus_one < 32 ? ux << headroom_plus_one : 0u;
    *bits_over_unit = integer_digits - headroom_plus_one;
    return tflc_one_over_one_plus_x_for_x_in_0_1(tflc_s32(shifted - 0x80000000u));
}

/* TFLite's SaturatingAddNonGemmlowp and SaturatingSub on int32. */
static inline int32_t tflc_saturating_add(int32_t a, int32_t b)
{
    const int64_t sum = (int64_t)a + b;
    return sum > INT32_MAX ? INT32_MAX : sum < INT32_MIN ? INT32_MIN : (int32_t)sum;
}

static inline int32_t tflc_saturating_sub(int32_t a, int32_t b)
{
    const int64_t difference = (int64_t)a - b;
    return difference > INT32_MAX ? INT32_MAX : difference < INT32_MIN ? INT32_MIN : (int32_t)difference;
}

/*
 * TFLite's log_x_for_x_greater_than_or_equal_to_1 (FixedPoint.logXForXGreaterThanOrEqualTo1): log(x)
 * for x >= 1 with input_bits integer bits, result with output_bits, through a rational approximation
 * around powers of sqrt(2), accumulated with one more integer bit.
 */
static inline int32_t tflc_log_x_for_x_greater_than_or_equal_to_1(int32_t x, int32_t input_bits, int32_t output_bits)
{
    const int32_t log_2 = 1488522236, sqrt_sqrt_half = 1805811301, sqrt_half = 1518500250;
    const int32_t one_quarter = 536870912;
    const int32_t alpha_n = 117049297, alpha_d = 127690142, alpha_i = 1057819769, alpha_f = 638450708;
    const int32_t accum_bits = output_bits + 1;
    const int32_t shifted_quarter = tflc_saturating_rounding_mul_by_pot(one_quarter, -accum_bits);
    const int32_t z_a_headroom_plus_1 = tflc_clz32((uint32_t)x);
    const int32_t r_a_tmp = tflc_saturating_rounding_mul_by_pot(x, z_a_headroom_plus_1 - 1);
    const int32_t r_a = tflc_saturating_rounding_mul_by_pot(tflc_srdhm(r_a_tmp, sqrt_half), 1);
    const int32_t z_a_pow_2_adj = tflc_saturating_add(
        tflc_saturating_rounding_mul_by_pot(input_bits - z_a_headroom_plus_1, 31 - accum_bits), shifted_quarter);
    const int32_t z_b = tflc_srdhm(x, sqrt_half);
    const int32_t z_b_headroom = tflc_clz32((uint32_t)z_b) - 1;
    const int32_t r_b = tflc_saturating_rounding_mul_by_pot(x, z_b_headroom);
    const int32_t z_b_pow_2_adj = tflc_saturating_sub(
        tflc_saturating_rounding_mul_by_pot(input_bits - z_b_headroom, 31 - accum_bits), shifted_quarter);
    const int32_t r = r_a < r_b ? r_a : r_b;
    const int32_t z_pow_2_adj = z_a_pow_2_adj > z_b_pow_2_adj ? z_a_pow_2_adj : z_b_pow_2_adj;
    const int64_t half_sum = (int64_t)r + sqrt_sqrt_half;
    const int32_t p = (int32_t)((half_sum + (half_sum >= 0 ? 1 : -1)) / 2); /* gemmlowp RoundingHalfSum */
    const int32_t q0 = tflc_sub_wrap(r, sqrt_sqrt_half);
    const int32_t q = tflc_add_wrap(q0, q0);
    const int32_t common_sq = tflc_srdhm(q, q);
    const int32_t num = tflc_add_wrap(tflc_srdhm(q, r), tflc_srdhm(tflc_srdhm(q, common_sq), alpha_n));
    const int32_t denom_minus_one = tflc_add_wrap(
        tflc_srdhm(p, tflc_add_wrap(tflc_add_wrap(alpha_i, q), tflc_srdhm(alpha_d, common_sq))),
        tflc_srdhm(alpha_f, q));
    const int32_t recip_denom = tflc_one_over_one_plus_x_for_x_in_0_1(denom_minus_one);
    const int32_t num_scaled = tflc_saturating_rounding_mul_by_pot(num, -accum_bits);
    const int32_t sum = tflc_add_wrap(tflc_srdhm(z_pow_2_adj, log_2), tflc_srdhm(num_scaled, recip_denom));
    return tflc_saturating_rounding_mul_by_pot(sum, accum_bits - output_bits);
}

/*
 * Weights.PerChannel.requantize: an accumulator scaled to the output, plus the output zero point,
 * clamped as Math.min(Math.max(v, act_min), act_max).
 */
static inline int32_t tflc_requantize(int32_t acc, int32_t multiplier, int32_t shift, int32_t output_offset,
                                      int32_t act_min, int32_t act_max)
{
    int32_t v = tflc_add_wrap(tflc_mbqm(acc, multiplier, shift), output_offset);
    if (v < act_min) {
        v = act_min;
    }
    if (v > act_max) {
        v = act_max;
    }
    return v;
}

/* The requantization of a 16x8 kernel (int16 activations, int8 weights, zero points 0): acc (the
 * exact sum plus the bias, modulo 2^64; see tflc_bias_16x8 in tflc_kernels.h), then with an int32 bias
 * (bias_bits 32) the int32 multiply on the low 32 bits (TFLM's int32 accumulator), else the int64
 * multiply; clamped to [act_min, act_max]. */
static inline int16_t tflc_requantize_16x8(uint64_t acc, int32_t bias_bits, int32_t multiplier, int32_t shift,
                                           int32_t act_min, int32_t act_max)
{
    int32_t v;
    if (bias_bits == 32) {
        v = tflc_mbqm(tflc_s32((uint32_t)(acc & 0xFFFFFFFFu)), multiplier, shift);
    } else {
        v = tflc_mbqm64(tflc_s64(acc), multiplier, shift);
    }
    if (v < act_min) {
        v = act_min;
    }
    if (v > act_max) {
        v = act_max;
    }
    return (int16_t)v;
}

/* ---- Java float semantics ------------------------------------------------------------------- */

/* Nonzero if x's sign bit is set (C99's signbit, without <math.h>: integer-only models include this
 * header and no other math). Reading the bits through a union is defined in C99. */
static inline int tflc_signbitf(float x)
{
    union {
        float f;
        uint32_t u;
    } bits;
    bits.f = x;
    return (int)(bits.u >> 31);
}

/* Math.max(float, float): NaN if either is NaN, +0 over -0. */
static inline float tflc_maxf(float a, float b)
{
    if (a != a) {
        return a;
    }
    if (a == 0.0f && b == 0.0f) {
        return tflc_signbitf(a) ? b : a;
    }
    return a >= b ? a : b;
}

/* Math.min(float, float): NaN if either is NaN, -0 over +0. */
static inline float tflc_minf(float a, float b)
{
    if (a != a) {
        return a;
    }
    if (a == 0.0f && b == 0.0f) {
        return tflc_signbitf(b) ? b : a;
    }
    return a <= b ? a : b;
}

/* Activation.clamp: Math.min(Math.max(v, lo), hi). */
static inline float tflc_clampf(float v, float lo, float hi)
{
    return tflc_minf(tflc_maxf(v, lo), hi);
}

/* x truncated toward zero as Java's (int) cast (and Cortex-M's VCVT): saturated to int32, NaN to 0. */
static inline int32_t tflc_truncate_to_int32(float x)
{
    if (x >= 2147483648.0f) {
        return INT32_MAX;
    }
    if (x <= -2147483648.0f) {
        return INT32_MIN;
    }
    if (x != x) {
        return 0;
    }
    return (int32_t)x;
}

/*
 * QUANTIZE's rounding: x rounded half away from zero (FixedPoint.roundHalfAwayFromZero(float)),
 * then converted as the Java reference does: saturated to int32, NaN to 0.
 */
static inline int32_t tflc_round_to_int32(float x)
{
    int32_t q;
    float fraction;
    if (x >= 2147483648.0f || x <= -2147483648.0f || x != x) {
        return tflc_truncate_to_int32(x);
    }
    q = (int32_t)x; /* truncated; exact from 2^23 on, where every float is an integer */
    fraction = x - (float)q; /* exact */
    if (fraction >= 0.5f) {
        q++;
    } else if (fraction <= -0.5f) {
        q--;
    }
    return q;
}

/* One element of float QUANTIZE: round(x / scale) + zero_point, clamped to [lo, hi]. */
static inline int32_t tflc_quantize_f32(float x, float scale, int32_t zero_point, int32_t lo, int32_t hi)
{
    int64_t v = (int64_t)tflc_round_to_int32(x / scale) + zero_point;
    return v < lo ? lo : v > hi ? hi : (int32_t)v;
}

#endif /* TFLC_FIXED_POINT_H */
