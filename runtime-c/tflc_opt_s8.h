/*
 * tflc_opt_s8.h: the int8 CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED kernels of the `optimized`
 * kernel set, as inline functions. Each layer's generated function calls one of them with its shapes
 * and parameters in a `static const` struct, so the C compiler sees every size, stride and offset as a
 * constant and specialises the loops for that layer alone.
 *
 * What the compiler did beforehand (dev.tflc.lower.optimized):
 * - the input offset is folded into the bias: bias[oc] + input_offset * (sum of the filter of oc), so
 *   the inner loops multiply raw int8 values; where a tap falls in the padding, the input is read as
 *   the input zero point (= -input_offset), whose product with the offset-free sum is 0, exactly the
 *   "skip the tap" of the reference;
 * - convolution and fully connected weights come in pairs of output channels, TFLC_OPT_BLOCK bytes of
 *   the one then as many of the other (4; 16 with MVE), then the last depth % TFLC_OPT_BLOCK of each,
 *   so one pointer walks both rows; an odd last channel is paired with itself;
 * - depthwise weights come as int16 in blocks of four channels per tap, in the order c0 c2 c1 c3
 *   (the order SXTB16 splits four int8 lanes in; c0 c1 c2 c3 with MVE), zero beyond the last channel.
 *
 * Accumulators wrap modulo 2^32 as the reference's Java int does (uint32_t in C; SMLAD wraps too), so
 * the sum is exact whatever the order. Requantization is TFLM's MultiplyByQuantizedMultiplier bit for
 * bit (the multiplier is never negative, so the doubling high multiply cannot saturate).
 *
 * On cores with the DSP extension (__ARM_FEATURE_DSP: Cortex-M4, M7, M33) the inner loops use
 * the ACLE intrinsics __sxtb16, __smlad, __smlabb and __smlatt: two 16-bit multiply-accumulates per
 * instruction. On cores with MVE (__ARM_FEATURE_MVE: Cortex-M55) they use MVE intrinsics instead:
 * sixteen int8 products per VMLADAVA for convolutions and fully connected layers, four channels per
 * multiply and add for depthwise ones.
 */
#ifndef TFLC_OPT_S8_H
#define TFLC_OPT_S8_H

#include <stdint.h>
#include <string.h>

#include "tflc_add_s8.h"
#include "tflc_fixed_point.h"
#include "tflc_opt.h"

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
#include <arm_acle.h>
#define TFLC_OPT_DSP 1
#else
#define TFLC_OPT_DSP 0
#endif

/*
 * With MVE (Helium: Cortex-M55, M85) the pairs of rows take sixteen int8 lanes at a time: the
 * compiler lays the weights out in blocks of 16 values per row (TFLC_OPT_BLOCK), and each layer checks
 * that it is compiled for the layout it was given.
 */
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#include <arm_mve.h>
#define TFLC_OPT_MVE 1
#define TFLC_OPT_BLOCK 16
#else
#define TFLC_OPT_MVE 0
#define TFLC_OPT_BLOCK 4
#endif

/* What a layer with an ADD in its stores sets before each run: the residual's distance from the
 * output in elements (the same arena: 0 when the output is written over it), and where the values
 * of two pixels wait (2 x out_c bytes of its scratch) to go through the ADD. */
typedef struct {
    ptrdiff_t residual;
    int8_t *values;
} tflc_opt_stores_t;

/* Requantization and stores of one layer: folded bias, multiplier and shift (in [-31, 31]: one byte)
 * per channel (index 0 only when per_channel is 0), output offset and activation range; `out_stride`,
 * the elements from one output pixel (row) to the next: out_c, or more where the layer writes its
 * output as a part of a concatenation along the channels, in place there; with `add_row`
 * (else NULL), the layer's own function that takes one pixel's values through the ADD in its stores
 * (tflc_opt_add_row with its ADD's parameters), and `stores`, what the layer set for this run. */
typedef struct {
    const int32_t *bias;
    const int32_t *multipliers;
    const int8_t *shifts;
    int32_t per_channel;
    int32_t output_offset;
    int32_t act_min, act_max;
    int32_t out_stride;
    void (*add_row)(ptrdiff_t residual, const int8_t *values, int8_t *out, int32_t n);
    const tflc_opt_stores_t *stores;
} tflc_opt_requant_t;


/*
 * tflc_requantize for a multiplier that is not negative, without branches: the doubling high
 * multiply's rounding as one 64-bit shift ((a * b + 2^30) >> 31 equals its round-half-away-from-zero
 * division by 2^31 for negative products too), then gemmlowp's RoundingDivideByPOT.
 */
TFLC_OPT_INLINE int8_t tflc_opt_requantize(uint32_t acc, const tflc_opt_requant_t *q, int32_t c)
{
    const int32_t i = q->per_channel ? c : 0;
    const int32_t shift = q->shifts[i];
    const int32_t left = shift > 0 ? shift : 0;
    const int32_t right = left - shift;
    const int32_t x = tflc_s32(acc << left);
    const int32_t high = (int32_t)(((int64_t)x * q->multipliers[i] + ((int64_t)1 << 30)) >> 31);
    const int32_t mask = (int32_t)((1u << right) - 1u);
    const int32_t rounded = (high >> right) + ((high & mask) > (mask >> 1) + (high < 0) ? 1 : 0);
    int32_t v = tflc_add_wrap(rounded, q->output_offset);
#if TFLC_OPT_DSP
    if (q->act_min == -128 && q->act_max == 127) {
        return (int8_t)__ssat(v, 8);
    }
#endif
    v = v < q->act_min ? q->act_min : v;
    return (int8_t)(v > q->act_max ? q->act_max : v);
}

#if TFLC_OPT_MVE
/*
 * What tflc_opt_requantize needs of four lanes' multipliers and shifts, computed once for every
 * vector of those channels: the multipliers, the left shifts, the right shifts (negated: VSHL by a
 * negative amount shifts right), and the mask of the bits a right shift drops, and half of it.
 */
typedef struct {
    int32x4_t mult, left, right, mask, half;
} tflc_opt_scales_mve_t;

TFLC_OPT_INLINE tflc_opt_scales_mve_t tflc_opt_scales_mve(int32x4_t mult, int32x4_t shift)
{
    tflc_opt_scales_mve_t s;
    int32x4_t right;
    s.mult = mult;
    s.left = vmaxq_s32(shift, vdupq_n_s32(0));
    right = vsubq_s32(s.left, shift);
    s.right = vnegq_s32(right);
    s.mask = vsubq_s32(vshlq_s32(vdupq_n_s32(1), right), vdupq_n_s32(1));
    s.half = vshrq_n_s32(s.mask, 1);
    return s;
}

/* The scales of channels [c, c + 4) (per tensor, the one in every lane). */
TFLC_OPT_INLINE tflc_opt_scales_mve_t tflc_opt_scales4_mve(const tflc_opt_requant_t *q, int32_t c)
{
    return q->per_channel ? tflc_opt_scales_mve(vldrwq_s32(q->multipliers + c), vldrbq_s32(q->shifts + c))
                          : tflc_opt_scales_mve(vdupq_n_s32(q->multipliers[0]), vdupq_n_s32(q->shifts[0]));
}

/*
 * gemmlowp's RoundingDivideByPOT lane by lane: x shifted right (VSHL by `right`, negative), plus 1
 * where the bits it drops (x & mask) exceed half the mask (plus 1 for a negative x), that is where
 * that threshold less those bits (no overflow: both lie in [0, 2^31)) is negative. No predicate here
 * or in the stores below: arm-none-eabi-gcc 12 turned a constant predicate of some lanes into one of
 * all lanes.
 */
TFLC_OPT_INLINE int32x4_t tflc_opt_round_mve(int32x4_t x, int32x4_t right, int32x4_t mask, int32x4_t half)
{
    const int32x4_t negative = vreinterpretq_s32_u32(vshrq_n_u32(vreinterpretq_u32_s32(x), 31));
    const int32x4_t threshold = vaddq_s32(half, negative);
    const int32x4_t up = vshrq_n_s32(vsubq_s32(threshold, vandq_s32(x, mask)), 31); /* -1 or 0 */
    return vsubq_s32(vshlq_s32(x, right), up);
}

/*
 * tflc_opt_requantize on four 32-bit lanes with their scales s: the results, clamped to the
 * activation range, as int32 lanes. VQRDMULH is the doubling high multiply's (x * m + 2^30) >> 31 (it
 * saturates only for two INT32_MIN, and the multiplier is never negative).
 */
TFLC_OPT_INLINE int32x4_t tflc_opt_requantize_mve(int32x4_t acc, const tflc_opt_scales_mve_t *s,
                                                 const tflc_opt_requant_t *q)
{
    const int32x4_t high = vqrdmulhq_s32(vshlq_s32(acc, s->left), s->mult);
    int32x4_t v = tflc_opt_round_mve(high, s->right, s->mask, s->half);
    v = vaddq_n_s32(v, q->output_offset);
    v = vmaxq_s32(v, vdupq_n_s32(q->act_min));
    return vminq_s32(v, vdupq_n_s32(q->act_max));
}

/* Four accumulators as the lanes of a vector. */
TFLC_OPT_INLINE int32x4_t tflc_opt_lanes_mve(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    int32x4_t v = vdupq_n_s32((int32_t)a);
    v = vsetq_lane_s32((int32_t)b, v, 1);
    v = vsetq_lane_s32((int32_t)c, v, 2);
    return vsetq_lane_s32((int32_t)d, v, 3);
}

/*
 * Channels oc and oc + 1 (when oc + 1 < out_c) of two pixels, acc = { a0, a1, b0, b1 }, requantized
 * into out_a[oc..] and out_b[oc..], `apart` bytes after out_a; of one pixel (`pixels` 1), acc = { a0,
 * a1 }, into out_a[oc..]. A lane without a channel or a pixel of its own repeats another's: its
 * accumulator is the same (an odd last channel is paired with itself), and so is its place.
 */
TFLC_OPT_INLINE void tflc_opt_store_pairs_mve(const uint32_t *acc, int32_t pixels, const tflc_opt_requant_t *q,
                                              int32_t oc, int32_t out_c, int8_t *out_a, uint32_t apart)
{
    static const uint32_t lanes[2][4] = {{0u, 1u, 0u, 1u}, {0u, 0u, 1u, 1u}};
    const uint32x4_t channels = vmulq_n_u32(vldrwq_u32(lanes[0]), oc + 1 < out_c ? 1u : 0u);
    const uint32x4_t second = vmulq_n_u32(vldrwq_u32(lanes[1]), pixels == 2 ? 1u : 0u);
    const tflc_opt_scales_mve_t s = q->per_channel
        ? tflc_opt_scales_mve(vldrwq_gather_shifted_offset_s32(q->multipliers + oc, channels),
                              vldrbq_gather_offset_s32(q->shifts + oc, channels))
        : tflc_opt_scales_mve(vdupq_n_s32(q->multipliers[0]), vdupq_n_s32(q->shifts[0]));
    const int32x4_t v = vldrwq_gather_shifted_offset_s32((const int32_t *)acc, vaddq_u32(channels, vmulq_n_u32(second, 2u)));
    vstrbq_scatter_offset_s32(out_a + oc, vmlaq_n_u32(channels, second, apart), tflc_opt_requantize_mve(v, &s, q));
}

/* Channels [c, c + 4) of one pixel, acc, requantized into out[c..]. */
TFLC_OPT_INLINE void tflc_opt_store4_mve(int32x4_t acc, const tflc_opt_requant_t *q, int32_t c, int8_t *out)
{
    const tflc_opt_scales_mve_t s = tflc_opt_scales4_mve(q, c);
    vstrbq_s32(out + c, tflc_opt_requantize_mve(acc, &s, q));
}
#endif

TFLC_OPT_INLINE uint32_t tflc_opt_read32(const void *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* n rounded up to a multiple of 4 */
#define TFLC_OPT_ROUND4(n) (((size_t)(n) + 3u) & ~(size_t)3u)

#if TFLC_OPT_DSP
/* The odd int8 lanes (1 and 3) of a word as two int16: SXTB16 with its built-in rotation. */
TFLC_OPT_INLINE int32_t tflc_opt_odd_lanes(uint32_t v)
{
#if defined(__GNUC__) || defined(__clang__)
    int32_t r;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(v));
    return r;
#else
    return __sxtb16((int32_t)__ror(v, 8));
#endif
}

/* `depth` int8 values widened to int16, in groups of 4 in the order SXTB16 gives (x0 x2 x1 x3), the
 * last depth % 4 in order. */
TFLC_OPT_INLINE void tflc_opt_widen(const int8_t *x, int32_t depth, int16_t *out)
{
    int32_t i;
    for (i = depth >> 2; i > 0; i--, x += 4, out += 4) {
        const uint32_t v = tflc_opt_read32(x);
        const int32_t even = __sxtb16((int32_t)v), odd = tflc_opt_odd_lanes(v);
        memcpy(out, &even, 4);
        memcpy(out + 2, &odd, 4);
    }
    for (i = 0; i < (depth & 3); i++) {
        out[i] = x[i];
    }
}
#endif

#if TFLC_OPT_MVE
/*
 * Two pixels (a, b) times one pair of output channels (w: the pair's weights, 16 values of the first
 * channel, then 16 of the second, ..., then the last depth % 16 of each) over `depth` values:
 * acc[0..1] = pixel a with channels 0 and 1, acc[2..3] = pixel b. VMLADAVA multiplies sixteen lanes
 * and adds them to the sum (wrapping, as the reference's int sums); the last depth % 16 values are
 * loaded under a tail predicate, the lanes past them zero.
 */
TFLC_OPT_INLINE void tflc_opt_dot_2x2(const int8_t *a, const int8_t *b, const int8_t *w, int32_t depth,
                                      uint32_t acc[4])
{
    const int32_t tail = depth & 15;
    int32_t a0 = (int32_t)acc[0], a1 = (int32_t)acc[1], b0 = (int32_t)acc[2], b1 = (int32_t)acc[3];
    int32_t i;
    for (i = depth >> 4; i > 0; i--) {
        const int8x16_t xa = vldrbq_s8(a), xb = vldrbq_s8(b);
        const int8x16_t w0 = vldrbq_s8(w), w1 = vldrbq_s8(w + 16);
        a0 = vmladavaq_s8(a0, xa, w0);
        a1 = vmladavaq_s8(a1, xa, w1);
        b0 = vmladavaq_s8(b0, xb, w0);
        b1 = vmladavaq_s8(b1, xb, w1);
        a += 16;
        b += 16;
        w += 32;
    }
    if (tail > 0) {
        const mve_pred16_t p = vctp8q((uint32_t)tail);
        const int8x16_t xa = vldrbq_z_s8(a, p), xb = vldrbq_z_s8(b, p);
        const int8x16_t w0 = vldrbq_z_s8(w, p), w1 = vldrbq_z_s8(w + tail, p);
        a0 = vmladavaq_s8(a0, xa, w0);
        a1 = vmladavaq_s8(a1, xa, w1);
        b0 = vmladavaq_s8(b0, xb, w0);
        b1 = vmladavaq_s8(b1, xb, w1);
    }
    acc[0] = (uint32_t)a0;
    acc[1] = (uint32_t)a1;
    acc[2] = (uint32_t)b0;
    acc[3] = (uint32_t)b1;
}

/* One pixel times one pair of output channels: acc[0..1]. */
TFLC_OPT_INLINE void tflc_opt_dot_1x2(const int8_t *a, const int8_t *w, int32_t depth, uint32_t acc[2])
{
    const int32_t tail = depth & 15;
    int32_t a0 = (int32_t)acc[0], a1 = (int32_t)acc[1];
    int32_t i;
    for (i = depth >> 4; i > 0; i--) {
        const int8x16_t x = vldrbq_s8(a);
        a0 = vmladavaq_s8(a0, x, vldrbq_s8(w));
        a1 = vmladavaq_s8(a1, x, vldrbq_s8(w + 16));
        a += 16;
        w += 32;
    }
    if (tail > 0) {
        const mve_pred16_t p = vctp8q((uint32_t)tail);
        const int8x16_t x = vldrbq_z_s8(a, p);
        a0 = vmladavaq_s8(a0, x, vldrbq_z_s8(w, p));
        a1 = vmladavaq_s8(a1, x, vldrbq_z_s8(w + tail, p));
    }
    acc[0] = (uint32_t)a0;
    acc[1] = (uint32_t)a1;
}
#elif TFLC_OPT_DSP
/*
 * Two widened pixels (a, b) times one pair of output channels (w: the pair's interleaved weights,
 * widened here by SXTB16 into the same lane order) over `depth` values: acc[0..1] = pixel a with
 * channels 0 and 1, acc[2..3] = pixel b.
 */
TFLC_OPT_INLINE void tflc_opt_dot_2x2(const int16_t *a, const int16_t *b, const int8_t *w, int32_t depth,
                                      uint32_t acc[4])
{
    int32_t i;
    int32_t a0 = (int32_t)acc[0], a1 = (int32_t)acc[1], b0 = (int32_t)acc[2], b1 = (int32_t)acc[3];
    for (i = depth >> 2; i > 0; i--) {
        const int32_t a_even = (int32_t)tflc_opt_read32(a), a_odd = (int32_t)tflc_opt_read32(a + 2);
        const int32_t b_even = (int32_t)tflc_opt_read32(b), b_odd = (int32_t)tflc_opt_read32(b + 2);
        const uint32_t w0 = tflc_opt_read32(w), w1 = tflc_opt_read32(w + 4);
        const int32_t w0_even = __sxtb16((int32_t)w0), w0_odd = tflc_opt_odd_lanes(w0);
        const int32_t w1_even = __sxtb16((int32_t)w1), w1_odd = tflc_opt_odd_lanes(w1);
        a0 = __smlad(w0_even, a_even, a0);
        a1 = __smlad(w1_even, a_even, a1);
        b0 = __smlad(w0_even, b_even, b0);
        b1 = __smlad(w1_even, b_even, b1);
        a0 = __smlad(w0_odd, a_odd, a0);
        a1 = __smlad(w1_odd, a_odd, a1);
        b0 = __smlad(w0_odd, b_odd, b0);
        b1 = __smlad(w1_odd, b_odd, b1);
        a += 4;
        b += 4;
        w += 8;
    }
    acc[0] = (uint32_t)a0;
    acc[1] = (uint32_t)a1;
    acc[2] = (uint32_t)b0;
    acc[3] = (uint32_t)b1;
    for (i = 0; i < (depth & 3); i++) {
        const int32_t w0 = w[i], w1 = w[(depth & 3) + i];
        acc[0] += (uint32_t)(w0 * a[i]);
        acc[1] += (uint32_t)(w1 * a[i]);
        acc[2] += (uint32_t)(w0 * b[i]);
        acc[3] += (uint32_t)(w1 * b[i]);
    }
}

/* One pixel (int8, widened here) times one pair of output channels: acc[0..1]. */
TFLC_OPT_INLINE void tflc_opt_dot_1x2(const int8_t *a, const int8_t *w, int32_t depth, uint32_t acc[2])
{
    int32_t i;
    int32_t a0 = (int32_t)acc[0], a1 = (int32_t)acc[1];
    for (i = depth >> 2; i > 0; i--) {
        const uint32_t x = tflc_opt_read32(a);
        const uint32_t w0 = tflc_opt_read32(w), w1 = tflc_opt_read32(w + 4);
        const int32_t x_even = __sxtb16((int32_t)x), x_odd = tflc_opt_odd_lanes(x);
        a0 = __smlad(__sxtb16((int32_t)w0), x_even, a0);
        a1 = __smlad(__sxtb16((int32_t)w1), x_even, a1);
        a0 = __smlad(tflc_opt_odd_lanes(w0), x_odd, a0);
        a1 = __smlad(tflc_opt_odd_lanes(w1), x_odd, a1);
        a += 4;
        w += 8;
    }
    acc[0] = (uint32_t)a0;
    acc[1] = (uint32_t)a1;
    for (i = 0; i < (depth & 3); i++) {
        acc[0] += (uint32_t)(w[i] * a[i]);
        acc[1] += (uint32_t)(w[(depth & 3) + i] * a[i]);
    }
}
#else
/*
 * Without the DSP extension, each product goes straight into its sum (one MLA), in order:
 * TFLC_OPT_IN_ORDER keeps the compiler from regrouping the four products of a step into partial sums
 * (extra MUL and ADD instructions, and sums spilled to the stack on Arm cores, which have few
 * registers and a multiply-accumulate). An empty GNU asm statement that takes and gives back the sums
 * costs no instruction. Elsewhere (RISC-V: no multiply-accumulate, many registers) the regrouping is
 * the faster code and stays.
 */
#if defined(__GNUC__) && defined(__arm__)
#define TFLC_OPT_IN_ORDER(a, b) __asm__("" : "+r"(a), "+r"(b))
#else
#define TFLC_OPT_IN_ORDER(a, b) ((void)0)
#endif

/* One step of tflc_opt_dot_2x2: input values xa, xb times weights w0 (channel 0) and w1 (channel 1). */
#define TFLC_OPT_MAC_2X2(xa, xb, w0, w1)                                                                       \
    do {                                                                                                   \
        const int32_t xa_ = (xa), xb_ = (xb), w0_ = (w0), w1_ = (w1);                                      \
        a0 += (uint32_t)(w0_ * xa_);                                                                       \
        a1 += (uint32_t)(w1_ * xa_);                                                                       \
        b0 += (uint32_t)(w0_ * xb_);                                                                       \
        b1 += (uint32_t)(w1_ * xb_);                                                                       \
        TFLC_OPT_IN_ORDER(a0, a1);                                                                         \
        TFLC_OPT_IN_ORDER(b0, b1);                                                                         \
    } while (0)

/* Two pixels (a, b) times one pair of output channels (w: the pair's interleaved weights) over
 * `depth` values: acc[0..1] = pixel a with channels 0 and 1, acc[2..3] = pixel b. */
TFLC_OPT_INLINE void tflc_opt_dot_2x2(const int8_t *restrict a, const int8_t *restrict b, const int8_t *restrict w,
                                      int32_t depth, uint32_t acc[4])
{
    int32_t i;
    uint32_t a0 = acc[0], a1 = acc[1], b0 = acc[2], b1 = acc[3];
    for (i = depth >> 2; i > 0; i--) {
        /* written out: constant offsets, no inner loop */
        TFLC_OPT_MAC_2X2(a[0], b[0], w[0], w[4]);
        TFLC_OPT_MAC_2X2(a[1], b[1], w[1], w[5]);
        TFLC_OPT_MAC_2X2(a[2], b[2], w[2], w[6]);
        TFLC_OPT_MAC_2X2(a[3], b[3], w[3], w[7]);
        a += 4;
        b += 4;
        w += 8;
    }
    for (i = 0; i < (depth & 3); i++) {
        TFLC_OPT_MAC_2X2(a[i], b[i], w[i], w[(depth & 3) + i]);
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = b0;
    acc[3] = b1;
}

/* One step of tflc_opt_dot_1x2: input value x times weights w0 (channel 0) and w1 (channel 1). */
#define TFLC_OPT_MAC_1X2(x, w0, w1)                                                                            \
    do {                                                                                                   \
        const int32_t x_ = (x);                                                                            \
        a0 += (uint32_t)((w0) * x_);                                                                       \
        a1 += (uint32_t)((w1) * x_);                                                                       \
        TFLC_OPT_IN_ORDER(a0, a1);                                                                         \
    } while (0)

/* One pixel times one pair of output channels: acc[0..1]. */
TFLC_OPT_INLINE void tflc_opt_dot_1x2(const int8_t *restrict a, const int8_t *restrict w, int32_t depth,
                                      uint32_t acc[2])
{
    int32_t i;
    uint32_t a0 = acc[0], a1 = acc[1];
    for (i = depth >> 2; i > 0; i--) {
        TFLC_OPT_MAC_1X2(a[0], w[0], w[4]);
        TFLC_OPT_MAC_1X2(a[1], w[1], w[5]);
        TFLC_OPT_MAC_1X2(a[2], w[2], w[6]);
        TFLC_OPT_MAC_1X2(a[3], w[3], w[7]);
        a += 4;
        w += 8;
    }
    for (i = 0; i < (depth & 3); i++) {
        TFLC_OPT_MAC_1X2(a[i], w[i], w[(depth & 3) + i]);
    }
    acc[0] = a0;
    acc[1] = a1;
}

/* One step of tflc_opt_dot_1x6: input value x times the weights at offsets e (even channels) and o (odd
 * channels) of each of the three pairs' rows. */
#define TFLC_OPT_MAC_1X6(x, e, o)                                                                              \
    do {                                                                                                   \
        const int32_t x_ = (x);                                                                            \
        s0 += (uint32_t)(w[(e)] * x_);                                                                     \
        s1 += (uint32_t)(w[(o)] * x_);                                                                     \
        s2 += (uint32_t)(w[pair + (e)] * x_);                                                              \
        s3 += (uint32_t)(w[pair + (o)] * x_);                                                              \
        s4 += (uint32_t)(w[2u * pair + (e)] * x_);                                                         \
        s5 += (uint32_t)(w[2u * pair + (o)] * x_);                                                         \
        TFLC_OPT_IN_ORDER(s0, s1);                                                                         \
        TFLC_OPT_IN_ORDER(s2, s3);                                                                         \
        TFLC_OPT_IN_ORDER(s4, s5);                                                                         \
    } while (0)

/* Four input values from a[k] against the pairs' interleaved block of four at w[2k]. */
#define TFLC_OPT_MAC_1X6_4(k)                                                                                  \
    do {                                                                                                   \
        TFLC_OPT_MAC_1X6(a[(k)], 2 * (k), 2 * (k) + 4);                                                    \
        TFLC_OPT_MAC_1X6(a[(k) + 1], 2 * (k) + 1, 2 * (k) + 5);                                            \
        TFLC_OPT_MAC_1X6(a[(k) + 2], 2 * (k) + 2, 2 * (k) + 6);                                            \
        TFLC_OPT_MAC_1X6(a[(k) + 3], 2 * (k) + 3, 2 * (k) + 7);                                            \
    } while (0)

/*
 * One pixel times three pairs of output channels (their rows one after another in `w`, 2 * depth bytes
 * each), the sums starting from bias[0..5], into acc[0..5]. Each input value is loaded once for six
 * multiply-accumulates, where a pair alone loads it once for two (a layer of one row, such as a fully
 * connected layer of batch 1, has no second pixel to share the weights with): 13 instructions per
 * input value on the Cortex-M3, the six sums, the pointers and the input value filling its registers
 * (eight sums would not fit and spill). Eight values per pass halve the loop's own instructions.
 */
TFLC_OPT_INLINE void tflc_opt_dot_1x6(const int8_t *restrict a, const int8_t *restrict w, int32_t depth,
                                      const int32_t *bias, uint32_t acc[6])
{
    const size_t pair = 2u * (size_t)depth;
    const int32_t tail = depth & 3;
    int32_t i;
    uint32_t s0 = (uint32_t)bias[0], s1 = (uint32_t)bias[1], s2 = (uint32_t)bias[2], s3 = (uint32_t)bias[3],
             s4 = (uint32_t)bias[4], s5 = (uint32_t)bias[5];
    for (i = depth >> 3; i > 0; i--) {
        TFLC_OPT_MAC_1X6_4(0);
        TFLC_OPT_MAC_1X6_4(4);
        a += 8;
        w += 16;
    }
    if (depth & 4) {
        TFLC_OPT_MAC_1X6_4(0);
        a += 4;
        w += 8;
    }
    for (i = 0; i < tail; i++) {
        TFLC_OPT_MAC_1X6(a[i], i, tail + i);
    }
    acc[0] = s0;
    acc[1] = s1;
    acc[2] = s2;
    acc[3] = s3;
    acc[4] = s4;
    acc[5] = s5;
}
#endif

#if TFLC_OPT_MVE
/* gemmlowp's RoundingDivideByPOT on four lanes, by `exponent` in [0, 31]. */
TFLC_OPT_INLINE int32x4_t tflc_opt_divide_by_pot_mve(int32x4_t x, int32_t exponent)
{
    const int32_t mask = (int32_t)(((uint32_t)1 << exponent) - 1u);
    return tflc_opt_round_mve(x, vdupq_n_s32(-exponent), vdupq_n_s32(mask), vdupq_n_s32(mask >> 1));
}

/* tflc_add_scaled_input on four lanes (VQRDMULH is the doubling high multiply: the multiplier is
 * never INT32_MIN). */
TFLC_OPT_INLINE int32x4_t tflc_opt_add_input_mve(int32x4_t x, int32_t offset, int32_t left_shift, int32_t multiplier,
                                                int32_t shift)
{
    const int32x4_t shifted = vshlq_s32(vaddq_n_s32(x, offset), vdupq_n_s32(left_shift));
    return tflc_opt_divide_by_pot_mve(vqrdmulhq_n_s32(shifted, multiplier), -shift);
}

/* tflc_add_one_s8 on four lanes of int8 values x and y, clamped, as int32 lanes. */
TFLC_OPT_INLINE int32x4_t tflc_opt_add4_mve(const tflc_add_params_t *a, int32x4_t x, int32x4_t y)
{
    const int32x4_t sum = vaddq_s32(tflc_opt_add_input_mve(x, a->offset1, a->left_shift, a->multiplier1, a->shift1),
                                    tflc_opt_add_input_mve(y, a->offset2, a->left_shift, a->multiplier2, a->shift2));
    int32x4_t v = tflc_opt_divide_by_pot_mve(vqrdmulhq_n_s32(sum, a->output_multiplier), -a->output_shift);
    v = vaddq_n_s32(v, a->output_offset);
    v = vmaxq_s32(v, vdupq_n_s32(a->act_min));
    return vminq_s32(v, vdupq_n_s32(a->act_max));
}
#endif

/*
 * The stores' ADD over one pixel: out[i] = the ADD `a` (tflc_add_one_s8) of values[i], the layer's
 * own as its first input, and the residual's element at out + i + residual, read before out[i] is
 * written (so the output may lie over the residual at its own place). Each layer with such an ADD calls it from a function of its own
 * (q->add_row), its `a` a constant there: one copy per layer, its parameters folded in.
 */

TFLC_OPT_INLINE void tflc_opt_add_row(const tflc_add_params_t *a, ptrdiff_t residual, const int8_t *values,
                                      int8_t *out, int32_t n)
{
    const int8_t *r = out + residual;
    int32_t i = 0;
#if TFLC_OPT_MVE
    /* four at a time: the four residual elements are read before the four outputs are written, where
     * the output lies over the residual too */
    for (; i + 4 <= n; i += 4) {
        vstrbq_s32(out + i, tflc_opt_add4_mve(a, vldrbq_s32(values + i), vldrbq_s32(r + i)));
    }
#endif
    for (; i < n; i++) {
        out[i] = tflc_add_one_s8(a, values[i], r[i]);
    }
}

/* Requantizes a pair of channels' accumulators into out[oc] (and out[oc + 1] when it exists). */
TFLC_OPT_INLINE void tflc_opt_store_pair(uint32_t acc0, uint32_t acc1, const tflc_opt_requant_t *q, int32_t oc,
                                         int32_t out_c, int8_t *out)
{
    out[oc] = tflc_opt_requantize(acc0, q, oc);
    if (oc + 1 < out_c) {
        out[oc + 1] = tflc_opt_requantize(acc1, q, oc + 1);
    }
}

/* All output channels of one pixel (a vector of `depth` int8) into out. */
TFLC_OPT_INLINE void tflc_opt_pixel_s8(const int8_t *a, int32_t depth, int32_t out_c, const int8_t *weights,
                                       const tflc_opt_requant_t *q, int8_t *out)
{
    int32_t oc = 0;
    const int8_t *w = weights;
#if !TFLC_OPT_DSP && !TFLC_OPT_MVE
    /* six channels at a time while whole pairs last */
    for (; oc + 6 <= out_c; oc += 6, w += 6 * depth) {
        uint32_t acc[6];
        int32_t k;
        tflc_opt_dot_1x6(a, w, depth, q->bias + oc, acc);
        for (k = 0; k < 6; k += 2) {
            tflc_opt_store_pair(acc[k], acc[k + 1], q, oc + k, out_c, out);
        }
    }
#endif
#if TFLC_OPT_MVE
    /* two pairs of channels at a time, requantized and stored as one vector */
    for (; oc + 4 <= out_c; oc += 4, w += 4 * depth) {
        uint32_t acc[2], more[2];
        tflc_opt_scales_mve_t s;
        acc[0] = (uint32_t)q->bias[oc];
        acc[1] = (uint32_t)q->bias[oc + 1];
        more[0] = (uint32_t)q->bias[oc + 2];
        more[1] = (uint32_t)q->bias[oc + 3];
        tflc_opt_dot_1x2(a, w, depth, acc);
        tflc_opt_dot_1x2(a, w + 2 * depth, depth, more);
        s = tflc_opt_scales4_mve(q, oc);
        vstrbq_s32(out + oc, tflc_opt_requantize_mve(tflc_opt_lanes_mve(acc[0], acc[1], more[0], more[1]), &s, q));
    }
#endif
    for (; oc < out_c; oc += 2, w += 2 * depth) {
        uint32_t acc[2];
        acc[0] = (uint32_t)q->bias[oc];
        acc[1] = (uint32_t)q->bias[oc + 1 < out_c ? oc + 1 : oc];
        tflc_opt_dot_1x2(a, w, depth, acc);
#if TFLC_OPT_MVE
        tflc_opt_store_pairs_mve(acc, 1, q, oc, out_c, out, 0);
#else
        tflc_opt_store_pair(acc[0], acc[1], q, oc, out_c, out);
#endif
    }
}

/*
 * All output channels of pixels a and b, each a vector of `depth` int8, into out_a and out_b.
 * `weights` holds (out_c + 1) / 2 pairs of rows. With DSP (and no MVE), `wide` (2 * TFLC_OPT_ROUND4(depth)
 * int16, 4-byte aligned) receives the two pixels widened once for all channels; without it (NULL),
 * each pixel goes alone. With MVE the pixels are read as they are, and out_b lies after out_a.
 */
TFLC_OPT_INLINE void tflc_opt_pixels_s8(const int8_t *a, const int8_t *b, int32_t depth, int32_t out_c,
                                        const int8_t *weights, const tflc_opt_requant_t *q, int8_t *out_a,
                                        int8_t *out_b, int16_t *wide)
{
    int32_t oc;
    const int8_t *w = weights;
#if TFLC_OPT_DSP && !TFLC_OPT_MVE
    int16_t *b16;
    if (wide == NULL) {
        tflc_opt_pixel_s8(a, depth, out_c, weights, q, out_a);
        tflc_opt_pixel_s8(b, depth, out_c, weights, q, out_b);
        return;
    }
    b16 = wide + TFLC_OPT_ROUND4(depth);
    tflc_opt_widen(a, depth, wide);
    tflc_opt_widen(b, depth, b16);
#else
    (void)wide;
#endif
    oc = 0;
#if TFLC_OPT_MVE
    /* two pairs of channels at a time, each pixel's four requantized and stored as one vector */
    for (; oc + 4 <= out_c; oc += 4, w += 4 * depth) {
        uint32_t acc[4], more[4];
        tflc_opt_scales_mve_t s;
        acc[0] = acc[2] = (uint32_t)q->bias[oc];
        acc[1] = acc[3] = (uint32_t)q->bias[oc + 1];
        more[0] = more[2] = (uint32_t)q->bias[oc + 2];
        more[1] = more[3] = (uint32_t)q->bias[oc + 3];
        tflc_opt_dot_2x2(a, b, w, depth, acc);
        tflc_opt_dot_2x2(a, b, w + 2 * depth, depth, more);
        s = tflc_opt_scales4_mve(q, oc);
        vstrbq_s32(out_a + oc, tflc_opt_requantize_mve(tflc_opt_lanes_mve(acc[0], acc[1], more[0], more[1]), &s, q));
        vstrbq_s32(out_b + oc, tflc_opt_requantize_mve(tflc_opt_lanes_mve(acc[2], acc[3], more[2], more[3]), &s, q));
    }
#endif
    for (; oc < out_c; oc += 2, w += 2 * depth) {
        uint32_t acc[4];
        acc[0] = acc[2] = (uint32_t)q->bias[oc];
        acc[1] = acc[3] = (uint32_t)q->bias[oc + 1 < out_c ? oc + 1 : oc];
#if TFLC_OPT_DSP && !TFLC_OPT_MVE
        tflc_opt_dot_2x2(wide, b16, w, depth, acc);
#else
        tflc_opt_dot_2x2(a, b, w, depth, acc);
#endif
#if TFLC_OPT_MVE
        tflc_opt_store_pairs_mve(acc, 2, q, oc, out_c, out_a, (uint32_t)(out_b - out_a));
#else
        tflc_opt_store_pair(acc[0], acc[1], q, oc, out_c, out_a);
        tflc_opt_store_pair(acc[2], acc[3], q, oc, out_c, out_b);
#endif
    }
}

/* tflc_opt_pixels_s8, and with q->add_row the stores' ADD: the two pixels' values first into
 * q->stores->values, then through the layer's add_row into out_a and out_b. */
TFLC_OPT_INLINE void tflc_opt_pixels_out_s8(const int8_t *a, const int8_t *b, int32_t depth, int32_t out_c,
                                            const int8_t *weights, const tflc_opt_requant_t *q, int8_t *out_a,
                                            int8_t *out_b, int16_t *wide)
{
    /* one copy of the pixels' code, whichever way they are stored */
    tflc_opt_pixels_s8(a, b, depth, out_c, weights, q, q->add_row == NULL ? out_a : q->stores->values,
                       q->add_row == NULL ? out_b : q->stores->values + out_c, wide);
    if (q->add_row != NULL) {
        q->add_row(q->stores->residual, q->stores->values, out_a, out_c);
        q->add_row(q->stores->residual, q->stores->values + out_c, out_b, out_c);
    }
}

/* tflc_opt_pixel_s8, and with q->add_row the stores' ADD (as tflc_opt_pixels_out_s8). */
TFLC_OPT_INLINE void tflc_opt_pixel_out_s8(const int8_t *a, int32_t depth, int32_t out_c, const int8_t *weights,
                                           const tflc_opt_requant_t *q, int8_t *out)
{
    tflc_opt_pixel_s8(a, depth, out_c, weights, q, q->add_row == NULL ? out : q->stores->values);
    if (q->add_row != NULL) {
        q->add_row(q->stores->residual, q->stores->values, out, out_c);
    }
}

/* FULLY_CONNECTED (and a 1x1 convolution with stride 1 and no padding): `rows` vectors of `depth`;
 * `wide` as for tflc_opt_pixels_s8. */
TFLC_OPT_INLINE void tflc_opt_matmul_s8(int32_t rows, int32_t depth, int32_t out_c, const int8_t *input,
                                        const int8_t *weights, const tflc_opt_requant_t *q, int8_t *output,
                                        int16_t *wide)
{
    int32_t r;
    for (r = 0; r + 1 < rows; r += 2) {
        const int8_t *a = input + (size_t)r * (size_t)depth;
        int8_t *out = output + (size_t)r * (size_t)q->out_stride;
        tflc_opt_pixels_out_s8(a, a + depth, depth, out_c, weights, q, out, out + q->out_stride, wide);
    }
    if (r < rows) {
        tflc_opt_pixel_out_s8(input + (size_t)r * (size_t)depth, depth, out_c, weights, q,
                              output + (size_t)r * (size_t)q->out_stride);
    }
}

/* tflc_opt_matmul_s8 from the last rows to the first (pairs from the end, an odd first row last), so
 * that an output with rows at least as long as the input's may start above the input in memory and
 * overwrite only rows already read. */
TFLC_OPT_INLINE void tflc_opt_matmul_s8_backward(int32_t rows, int32_t depth, int32_t out_c, const int8_t *input,
                                                 const int8_t *weights, const tflc_opt_requant_t *q, int8_t *output,
                                                 int16_t *wide)
{
    int32_t r;
    for (r = rows; r >= 2; r -= 2) {
        const int8_t *a = input + (size_t)(r - 2) * (size_t)depth;
        int8_t *out = output + (size_t)(r - 2) * (size_t)q->out_stride;
        tflc_opt_pixels_out_s8(a, a + depth, depth, out_c, weights, q, out, out + q->out_stride, wide);
    }
    if (r == 1) {
        tflc_opt_pixel_out_s8(input, depth, out_c, weights, q, output);
    }
}

/* 1x1 CONV_2D without padding or dilation, with a stride (stride 1 is tflc_opt_matmul_s8's): pixels
 * read in place. */
TFLC_OPT_INLINE void tflc_opt_conv_1x1_s8(const tflc_opt_window_t *w, const int8_t *input, const int8_t *weights,
                                          const tflc_opt_requant_t *q, int8_t *output, int16_t *wide)
{
    const int32_t pixels = w->batches * w->out_h * w->out_w;
    int32_t p;
    const int8_t *pending = NULL;
    int8_t *pending_out = NULL;
    for (p = 0; p < pixels; p++) {
        const int8_t *px = input + tflc_opt_1x1_pixel(w, p);
        int8_t *out = output + (size_t)p * (size_t)q->out_stride;
        if (pending == NULL) {
            pending = px;
            pending_out = out;
        } else {
            tflc_opt_pixels_out_s8(pending, px, w->in_c, w->out_c, weights, q, pending_out, out, wide);
            pending = NULL;
        }
    }
    if (pending != NULL) {
        tflc_opt_pixel_out_s8(pending, w->in_c, w->out_c, weights, q, pending_out);
    }
}

/* The window of output pixel p gathered into `patch` (filter_h * filter_w * in_c bytes), padded taps
 * read as the input zero point. */
TFLC_OPT_INLINE void tflc_opt_gather(const tflc_opt_window_t *w, const int8_t *input, int32_t p, int8_t *patch)
{
    tflc_opt_gather_window(w, input, p, 1, w->input_zero_point, patch);
}

/* CONV_2D, any filter, stride, dilation and padding (one group): two pixels' windows gathered into
 * `patches` (2 * filter_h * filter_w * in_c bytes), then multiplied with every channel's filter;
 * `wide` as for tflc_opt_pixels_s8. */
TFLC_OPT_INLINE void tflc_opt_conv_s8(const tflc_opt_window_t *w, const int8_t *input, const int8_t *weights,
                                      const tflc_opt_requant_t *q, int8_t *output, int8_t *patches, int16_t *wide)
{
    const int32_t depth = w->filter_h * w->filter_w * w->in_c;
    const int32_t pixels = w->batches * w->out_h * w->out_w;
    int32_t p;
    for (p = 0; p + 1 < pixels; p += 2) {
        tflc_opt_gather(w, input, p, patches);
        tflc_opt_gather(w, input, p + 1, patches + depth);
        tflc_opt_pixels_out_s8(patches, patches + depth, depth, w->out_c, weights, q,
                               output + (size_t)p * (size_t)q->out_stride,
                               output + (size_t)(p + 1) * (size_t)q->out_stride, wide);
    }
    if (p < pixels) {
        tflc_opt_gather(w, input, p, patches);
        tflc_opt_pixel_out_s8(patches, depth, w->out_c, weights, q, output + (size_t)p * (size_t)q->out_stride);
    }
}

#if TFLC_OPT_MVE
/*
 * One output pixel, channels [c, c + lanes) (lanes at most 4, in four 32-bit lanes), over `rows` x
 * `cols` taps from v (the bias): each input value plus `offset` (0 where the bias has it folded in)
 * times its weight, the int8 inputs and int16 weights (in channel order) widened by the loads; with
 * fewer than four channels the lanes past the last are not read. px points at the first tap read and
 * channel c, w16 at the block's weights of that tap.
 */
TFLC_OPT_INLINE int32x4_t tflc_opt_depthwise_taps_mve(const tflc_opt_window_t *w, const int8_t *px,
                                                     const int16_t *w16, int32_t rows, int32_t cols, int32_t lanes,
                                                     int32_t offset, int32x4_t v)
{
    const size_t c_all = (size_t)w->in_c;
    const mve_pred16_t p = vctp32q((uint32_t)lanes);
    int32_t fy, fx;
    for (fy = 0; fy < rows; fy++) {
        const int8_t *x = px + (size_t)(fy * w->dilation_h) * (size_t)w->in_w * c_all;
        const int16_t *wt = w16 + (size_t)fy * (size_t)w->filter_w * 4u;
        for (fx = 0; fx < cols; fx++, x += (size_t)w->dilation_w * c_all, wt += 4) {
            int32x4_t in = lanes == 4 ? vldrbq_s32(x) : vldrbq_z_s32(x, p);
            if (offset != 0) { /* a constant 0 where the bias has it: no add (the compiler keeps the intrinsic) */
                in = vaddq_n_s32(in, offset);
            }
            v = vaddq_s32(v, vmulq_s32(in, vldrhq_s32(wt)));
        }
    }
    return v;
}
#endif

/*
 * One depthwise output pixel, channels [c, c + 4) (fewer at the end: `lanes`), over `rows` x `cols`
 * taps; `offset` is added to each input value (0 when the bias has it folded in). px points at the
 * first tap read and channel c, w16 at the block's weights of that tap.
 */
TFLC_OPT_INLINE void tflc_opt_depthwise_taps(const tflc_opt_window_t *w, const int8_t *px, const int16_t *w16,
                                             int32_t rows, int32_t cols, int32_t lanes, int32_t offset,
                                             uint32_t acc[4])
{
#if TFLC_OPT_MVE
    vstrwq_s32((int32_t *)acc, tflc_opt_depthwise_taps_mve(w, px, w16, rows, cols, lanes, offset,
                                                           vldrwq_s32((const int32_t *)acc)));
#else
    const size_t c = (size_t)w->in_c;
    int32_t fy, fx, k;
    uint32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
#if TFLC_OPT_DSP
    const int32_t offsets = (int32_t)(((uint32_t)offset & 0xFFFFu) | ((uint32_t)offset << 16));
#endif
    for (fy = 0; fy < rows; fy++) {
        const int8_t *x = px + (size_t)(fy * w->dilation_h) * (size_t)w->in_w * c;
        const int16_t *wt = w16 + (size_t)fy * (size_t)w->filter_w * 4u;
        for (fx = 0; fx < cols; fx++, x += (size_t)w->dilation_w * c, wt += 4) {
#if TFLC_OPT_DSP
            if (lanes == 4) {
                /* |x + offset| <= 255: the offset is added in 16-bit lanes */
                const uint32_t xv = tflc_opt_read32(x);
                int32_t even = __sxtb16((int32_t)xv), odd = tflc_opt_odd_lanes(xv);
                if (offset != 0) {
                    even = __sadd16(even, offsets);
                    odd = __sadd16(odd, offsets);
                }
                int32_t w_even, w_odd;
                memcpy(&w_even, wt, 4);
                memcpy(&w_odd, wt + 2, 4);
                a0 = (uint32_t)__smlabb(w_even, even, (int32_t)a0);
                a2 = (uint32_t)__smlatt(w_even, even, (int32_t)a2);
                a1 = (uint32_t)__smlabb(w_odd, odd, (int32_t)a1);
                a3 = (uint32_t)__smlatt(w_odd, odd, (int32_t)a3);
                continue;
            }
#else
            if (lanes == 4) {
                /* the weights are in the order c0 c2 c1 c3 */
                a0 += (uint32_t)(wt[0] * (x[0] + offset));
                a1 += (uint32_t)(wt[2] * (x[1] + offset));
                a2 += (uint32_t)(wt[1] * (x[2] + offset));
                a3 += (uint32_t)(wt[3] * (x[3] + offset));
                continue;
            }
#endif
            for (k = 0; k < lanes; k++) {
                const uint32_t p = (uint32_t)(wt[(k & 1) * 2 + (k >> 1)] * (x[k] + offset));
                switch (k) {
                case 0: a0 += p; break;
                case 1: a1 += p; break;
                case 2: a2 += p; break;
                default: a3 += p; break;
                }
            }
        }
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
#endif
}

#if TFLC_OPT_MVE

/*
 * Two output pixels of one row whose windows lie inside the input (pa and pb: their first taps), all
 * channels (a multiple of 4), four at a time: each tap's four weights loaded once for both pixels.
 * For each block of four channels both windows are read before either output is written, so a
 * layer written over its input stays safe wherever it is one pixel at a time (a block's bytes are its
 * own channels' in every pixel; the first pixel's output is only written later than alone).
 */
TFLC_OPT_INLINE void tflc_opt_depthwise_pair_mve(const tflc_opt_window_t *w, const int8_t *pa, const int8_t *pb,
                                                 const int16_t *weights, const tflc_opt_requant_t *q, int8_t *out_a,
                                                 int8_t *out_b)
{
    const size_t c_all = (size_t)w->in_c;
    const size_t taps = (size_t)w->filter_h * (size_t)w->filter_w;
    int32_t c, fy, fx;
    for (c = 0; c < w->in_c; c += 4) {
        const int16_t *wt = weights + (size_t)(c / 4) * taps * 4u;
        int32x4_t va = vldrwq_s32(q->bias + c), vb = va;
        for (fy = 0; fy < w->filter_h; fy++) {
            const size_t row = (size_t)(fy * w->dilation_h) * (size_t)w->in_w * c_all + (size_t)c;
            for (fx = 0; fx < w->filter_w; fx++, wt += 4) {
                const size_t at = row + (size_t)(fx * w->dilation_w) * c_all;
                const int32x4_t k = vldrhq_s32(wt);
                va = vaddq_s32(va, vmulq_s32(vldrbq_s32(pa + at), k));
                vb = vaddq_s32(vb, vmulq_s32(vldrbq_s32(pb + at), k));
            }
        }
        {
            const tflc_opt_scales_mve_t s = tflc_opt_scales4_mve(q, c);
            vstrbq_s32(out_a + c, tflc_opt_requantize_mve(va, &s, q));
            vstrbq_s32(out_b + c, tflc_opt_requantize_mve(vb, &s, q));
        }
    }
}
#endif

/*
 * DEPTHWISE_CONV_2D with channel multiplier 1. Pixels whose window lies inside the input use the
 * folded bias (q->bias); at the edges the taps in the padding are skipped and each input value gets
 * the offset added, from `edge_bias` (the bias without the fold).
 */
TFLC_OPT_INLINE void tflc_opt_depthwise_s8(const tflc_opt_window_t *w, int32_t input_offset, const int8_t *input,
                                           const int16_t *weights, const int32_t *edge_bias,
                                           const tflc_opt_requant_t *q, int8_t *output)
{
    const size_t c_all = (size_t)w->in_c;
    const size_t taps = (size_t)w->filter_h * (size_t)w->filter_w;
    int32_t n, oy, ox, c, k;
    int8_t *out = output;
    for (n = 0; n < w->batches; n++) {
        for (oy = 0; oy < w->out_h; oy++) {
            const int32_t iy0 = oy * w->stride_h - w->pad_h;
            int32_t fy0, fy1;
            tflc_opt_tap_range(iy0, w->dilation_h, w->filter_h, w->in_h, &fy0, &fy1);
            for (ox = 0; ox < w->out_w; ox++, out += q->out_stride) {
                const int32_t ix0 = ox * w->stride_w - w->pad_w;
                int32_t fx0, fx1, inside, rows, cols;
                const int8_t *px = input;
                tflc_opt_tap_range(ix0, w->dilation_w, w->filter_w, w->in_w, &fx0, &fx1);
                inside = fy0 == 0 && fy1 == w->filter_h && fx0 == 0 && fx1 == w->filter_w;
                rows = fy1 - fy0;
                cols = fx1 - fx0;
                if (rows > 0 && cols > 0) {
                    px = input + (((size_t)n * (size_t)w->in_h + (size_t)(iy0 + fy0 * w->dilation_h)) * (size_t)w->in_w
                                  + (size_t)(ix0 + fx0 * w->dilation_w)) * c_all;
                }
#if TFLC_OPT_MVE
                /* with the next pixel, when its window lies inside the input too */
                if (inside && (w->in_c & 3) == 0 && ox + 1 < w->out_w
                    && ix0 + w->stride_w + (w->filter_w - 1) * w->dilation_w < w->in_w) {
                    tflc_opt_depthwise_pair_mve(w, px, px + (size_t)w->stride_w * c_all, weights, q, out,
                                                out + q->out_stride);
                    ox++;
                    out += q->out_stride;
                    continue;
                }
#endif
                for (c = 0; c < w->in_c; c += 4) {
                    const int32_t lanes = w->in_c - c < 4 ? w->in_c - c : 4;
                    const int16_t *w16 = weights + (size_t)(c / 4) * taps * 4u;
                    uint32_t acc[4];
#if TFLC_OPT_MVE
                    /* four whole channels: in vector registers from the bias to the stores */
                    if (lanes == 4) {
                        int32x4_t v;
                        if (inside) {
                            v = tflc_opt_depthwise_taps_mve(w, px + c, w16, w->filter_h, w->filter_w, 4, 0,
                                                            vldrwq_s32(q->bias + c));
                        } else {
                            v = vldrwq_s32(edge_bias + c);
                            if (rows > 0 && cols > 0) {
                                v = tflc_opt_depthwise_taps_mve(w, px + c, w16 + ((size_t)fy0 * (size_t)w->filter_w
                                                                + (size_t)fx0) * 4u, rows, cols, 4, input_offset, v);
                            }
                        }
                        tflc_opt_store4_mve(v, q, c, out);
                        continue;
                    }
#endif
                    for (k = 0; k < 4; k++) {
                        acc[k] = k < lanes ? (uint32_t)(inside ? q->bias : edge_bias)[c + k] : 0u;
                    }
                    if (inside) {
                        tflc_opt_depthwise_taps(w, px + c, w16, w->filter_h, w->filter_w, lanes, 0, acc);
                    } else if (rows > 0 && cols > 0) {
                        tflc_opt_depthwise_taps(w, px + c, w16 + ((size_t)fy0 * (size_t)w->filter_w + (size_t)fx0) * 4u,
                                                rows, cols, lanes, input_offset, acc);
                    }
                    for (k = 0; k < lanes; k++) {
                        out[c + k] = tflc_opt_requantize(acc[k], q, c + k);
                    }
                }
            }
        }
    }
}

#endif /* TFLC_OPT_S8_H */
