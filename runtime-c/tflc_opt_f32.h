/*
 * tflc_opt_f32.h: the float32 FULLY_CONNECTED and 1x1 CONV_2D kernels of the `optimized` kernel set,
 * as inline functions. Each layer's generated function calls one of them with its shapes and
 * parameters in `static const` structs, so the C compiler sees every size and stride as a constant
 * and specialises the loops for that layer alone.
 *
 * What the compiler did beforehand (dev.tflc.lower.optimized): the weights ([units][depth]) come in
 * blocks of 4 units, the 4 weights of depth index d next to each other (w[u0][d] w[u1][d] w[u2][d]
 * w[u3][d], then d + 1), then the last units % 4 units row by row.
 *
 * The loops keep 2 pixels (rows) x 4 units of sums in registers, one input value and 4 weights read
 * per depth step for them all. Each output's sum is still the reference's: from 0 over depth in
 * order, one rounded product and one rounded sum at a time, then the bias, then the clamp; so the
 * outputs are the Java reference's (FullyConnected.Float32, Conv2D.Float32) bit for bit.
 */
#ifndef TFLC_OPT_F32_H
#define TFLC_OPT_F32_H

#include <stddef.h>
#include <stdint.h>

#include "tflc_fixed_point.h"
#include "tflc_opt.h"

/* The reference rounds every product and every sum: no fused multiply-add, in these kernels and in
 * the layer functions they are inlined into (the rest of the including source). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

/* What a float layer adds to its sums: the bias (NULL: none) and the activation range. */
typedef struct {
    const float *bias;
    float act_min, act_max;
} tflc_opt_f32_out_t;

TFLC_OPT_INLINE float tflc_opt_out_f32(float total, const tflc_opt_f32_out_t *o, int32_t u)
{
    return tflc_clampf(total + (o->bias != NULL ? o->bias[u] : 0.0f), o->act_min, o->act_max);
}

/* The sums of units u .. u + 3 into out[u .. u + 3]. */
TFLC_OPT_INLINE void tflc_opt_store4_f32(float t0, float t1, float t2, float t3, const tflc_opt_f32_out_t *o,
                                         int32_t u, float *out)
{
    out[u] = tflc_opt_out_f32(t0, o, u);
    out[u + 1] = tflc_opt_out_f32(t1, o, u + 1);
    out[u + 2] = tflc_opt_out_f32(t2, o, u + 2);
    out[u + 3] = tflc_opt_out_f32(t3, o, u + 3);
}

/*
 * All `units` outputs of pixels a and b (vectors of `depth`) into out_a and out_b; b NULL: pixel a
 * alone.
 */
TFLC_OPT_INLINE void tflc_opt_pixels_f32(const float *a, const float *b, int32_t depth, int32_t units,
                                         const float *weights, const tflc_opt_f32_out_t *o, float *out_a,
                                         float *out_b)
{
    const int32_t blocked = units & ~3;
    const float *w = weights;
    int32_t u, d;
    for (u = 0; u < blocked; u += 4) {
        float a0 = 0.0f, a1 = 0.0f, a2 = 0.0f, a3 = 0.0f;
        if (b != NULL) {
            float b0 = 0.0f, b1 = 0.0f, b2 = 0.0f, b3 = 0.0f;
            for (d = 0; d < depth; d++, w += 4) {
                const float x = a[d], y = b[d];
                a0 += x * w[0];
                a1 += x * w[1];
                a2 += x * w[2];
                a3 += x * w[3];
                b0 += y * w[0];
                b1 += y * w[1];
                b2 += y * w[2];
                b3 += y * w[3];
            }
            tflc_opt_store4_f32(b0, b1, b2, b3, o, u, out_b);
        } else {
            for (d = 0; d < depth; d++, w += 4) {
                const float x = a[d];
                a0 += x * w[0];
                a1 += x * w[1];
                a2 += x * w[2];
                a3 += x * w[3];
            }
        }
        tflc_opt_store4_f32(a0, a1, a2, a3, o, u, out_a);
    }
    /* the last units % 4 units, row by row */
    for (; u < units; u++, w += depth) {
        float ta = 0.0f;
        for (d = 0; d < depth; d++) {
            ta += a[d] * w[d];
        }
        out_a[u] = tflc_opt_out_f32(ta, o, u);
        if (b != NULL) {
            float tb = 0.0f;
            for (d = 0; d < depth; d++) {
                tb += b[d] * w[d];
            }
            out_b[u] = tflc_opt_out_f32(tb, o, u);
        }
    }
}

/* FULLY_CONNECTED (and a 1x1 convolution with stride 1 and no padding): `rows` vectors of `depth`. */
TFLC_OPT_INLINE void tflc_opt_matmul_f32(int32_t rows, int32_t depth, int32_t units, const float *input,
                                         const float *weights, const tflc_opt_f32_out_t *o, float *output)
{
    int32_t r;
    for (r = 0; r + 1 < rows; r += 2) {
        const float *a = input + (size_t)r * (size_t)depth;
        float *out = output + (size_t)r * (size_t)units;
        tflc_opt_pixels_f32(a, a + depth, depth, units, weights, o, out, out + units);
    }
    if (r < rows) {
        tflc_opt_pixels_f32(input + (size_t)r * (size_t)depth, NULL, depth, units, weights, o,
                            output + (size_t)r * (size_t)units, NULL);
    }
}

/* 1x1 CONV_2D without padding, any stride: pixels read in place, two at a time. */
TFLC_OPT_INLINE void tflc_opt_conv_1x1_f32(const tflc_opt_window_t *w, const float *input, const float *weights,
                                           const tflc_opt_f32_out_t *o, float *output)
{
    const int32_t pixels = w->batches * w->out_h * w->out_w;
    int32_t p;
    const float *pending = NULL;
    float *pending_out = NULL;
    if (w->stride_h == 1 && w->stride_w == 1) {
        tflc_opt_matmul_f32(pixels, w->in_c, w->out_c, input, weights, o, output);
        return;
    }
    for (p = 0; p < pixels; p++) {
        const float *px = input + tflc_opt_1x1_pixel(w, p);
        float *out = output + (size_t)p * (size_t)w->out_c;
        if (pending == NULL) {
            pending = px;
            pending_out = out;
        } else {
            tflc_opt_pixels_f32(pending, px, w->in_c, w->out_c, weights, o, pending_out, out);
            pending = NULL;
        }
    }
    if (pending != NULL) {
        tflc_opt_pixels_f32(pending, NULL, w->in_c, w->out_c, weights, o, pending_out, NULL);
    }
}

#endif
