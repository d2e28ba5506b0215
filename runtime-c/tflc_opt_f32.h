/*
 * tflc_opt_f32.h: the float32 FULLY_CONNECTED, CONV_2D and DEPTHWISE_CONV_2D (channel multiplier 1)
 * kernels of the `optimized` kernel set, as inline functions. Each layer's generated function calls
 * one of them with its shapes and parameters in `static const` structs, so the C compiler sees every
 * size and stride as a constant and specialises the loops for that layer alone.
 *
 * What the compiler did beforehand (dev.tflc.lower.optimized): fully connected and convolution
 * weights ([units][depth]) come in blocks of 4 units, the 4 weights of depth index d next to each
 * other (w[u0][d] w[u1][d] w[u2][d] w[u3][d], then d + 1), then the last units % 4 units row by row;
 * depthwise filters stay as the model has them.
 *
 * Fully connected and convolution loops keep 2 pixels (rows) x 4 units of sums in registers, one
 * input value and 4 weights read per depth step for them all; depthwise loops 4 channels. Each
 * output's sum is still the reference's: from 0 over depth (taps) in order, one rounded product and
 * one rounded sum at a time, then the bias, then the clamp; so the outputs are the Java reference's
 * (FullyConnected.Float32, Conv2D.Float32, DepthwiseConv2D.Float32) bit for bit.
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

/* tflc_opt_matmul_f32 from the last rows to the first (pairs from the end, an odd first row last), so
 * that an output with rows at least as long as the input's may start above the input in memory and
 * overwrite only rows already read. */
TFLC_OPT_INLINE void tflc_opt_matmul_f32_backward(int32_t rows, int32_t depth, int32_t units, const float *input,
                                                  const float *weights, const tflc_opt_f32_out_t *o, float *output)
{
    int32_t r;
    for (r = rows; r >= 2; r -= 2) {
        const float *a = input + (size_t)(r - 2) * (size_t)depth;
        float *out = output + (size_t)(r - 2) * (size_t)units;
        tflc_opt_pixels_f32(a, a + depth, depth, units, weights, o, out, out + units);
    }
    if (r == 1) {
        tflc_opt_pixels_f32(input, NULL, depth, units, weights, o, output, NULL);
    }
}

/* 1x1 CONV_2D without padding, with a stride (stride 1 is tflc_opt_matmul_f32's): pixels read in
 * place, two at a time. */
TFLC_OPT_INLINE void tflc_opt_conv_1x1_f32(const tflc_opt_window_t *w, const float *input, const float *weights,
                                           const tflc_opt_f32_out_t *o, float *output)
{
    const int32_t pixels = w->batches * w->out_h * w->out_w;
    int32_t p;
    const float *pending = NULL;
    float *pending_out = NULL;
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


/* CONV_2D, any filter, stride, dilation and padding (one group): two pixels' windows gathered into
 * `patches` (2 * filter_h * filter_w * in_c floats), padded taps as 0.0f (a finite weight times 0.0f
 * added to a sum, which is never -0.0f, leaves the sum as the reference's skipped tap does), then
 * multiplied with every channel's filter. */
TFLC_OPT_INLINE void tflc_opt_conv_f32(const tflc_opt_window_t *w, const float *input, const float *weights,
                                       const tflc_opt_f32_out_t *o, float *output, float *patches)
{
    const int32_t depth = w->filter_h * w->filter_w * w->in_c;
    const int32_t pixels = w->batches * w->out_h * w->out_w;
    int32_t p;
    for (p = 0; p + 1 < pixels; p += 2) {
        tflc_opt_gather_window(w, input, p, sizeof(float), 0, patches);
        tflc_opt_gather_window(w, input, p + 1, sizeof(float), 0, patches + depth);
        tflc_opt_pixels_f32(patches, patches + depth, depth, w->out_c, weights, o,
                            output + (size_t)p * (size_t)w->out_c, output + (size_t)(p + 1) * (size_t)w->out_c);
    }
    if (p < pixels) {
        tflc_opt_gather_window(w, input, p, sizeof(float), 0, patches);
        tflc_opt_pixels_f32(patches, NULL, depth, w->out_c, weights, o, output + (size_t)p * (size_t)w->out_c, NULL);
    }
}

/* One depthwise output pixel, channels [ch, ch + lanes) (lanes 4, or 1), over the in-bounds taps
 * [fy0, fy1) x [fx0, fx1) in (fy, fx) order; `first` points at tap (fy0, fx0), channel 0. */
TFLC_OPT_INLINE void tflc_opt_depthwise_taps_f32(const tflc_opt_window_t *w, const float *first, const float *filter,
                                                 int32_t fy0, int32_t fy1, int32_t fx0, int32_t fx1, int32_t ch,
                                                 int32_t lanes, float acc[4])
{
    const size_t c = (size_t)w->in_c;
    const size_t x_step = (size_t)w->dilation_w * c;
    float a0 = 0.0f, a1 = 0.0f, a2 = 0.0f, a3 = 0.0f;
    int32_t fy, fx;
    for (fy = fy0; fy < fy1; fy++) {
        const float *x = first + (size_t)((fy - fy0) * w->dilation_h) * (size_t)w->in_w * c + (size_t)ch;
        const float *f = filter + ((size_t)fy * (size_t)w->filter_w + (size_t)fx0) * c + (size_t)ch;
        for (fx = fx0; fx < fx1; fx++, x += x_step, f += c) {
            a0 += x[0] * f[0];
            if (lanes == 4) {
                a1 += x[1] * f[1];
                a2 += x[2] * f[2];
                a3 += x[3] * f[3];
            }
        }
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

/*
 * DEPTHWISE_CONV_2D with channel multiplier 1, any filter, stride, dilation and padding: per output
 * pixel, 4 channels at a time, each channel's sum over the in-bounds taps in (fy, fx) order as the
 * reference's; `filter` is the model's [filter_h][filter_w][channels].
 */
TFLC_OPT_INLINE void tflc_opt_depthwise_f32(const tflc_opt_window_t *w, const float *input, const float *filter,
                                            const tflc_opt_f32_out_t *o, float *output)
{
    const int32_t pixels = w->batches * w->out_h * w->out_w;
    const int32_t blocked = w->in_c & ~3;
    int32_t p, ch;
    for (p = 0; p < pixels; p++, output += w->in_c) {
        const int32_t ox = p % w->out_w, oy = (p / w->out_w) % w->out_h, n = p / (w->out_w * w->out_h);
        const int32_t iy0 = oy * w->stride_h - w->pad_h, ix0 = ox * w->stride_w - w->pad_w;
        int32_t fy0, fy1, fx0, fx1;
        const float *first;
        float acc[4];
        tflc_opt_tap_range(iy0, w->dilation_h, w->filter_h, w->in_h, &fy0, &fy1);
        tflc_opt_tap_range(ix0, w->dilation_w, w->filter_w, w->in_w, &fx0, &fx1);
        if (fx0 >= fx1 || fy0 >= fy1) {
            fy1 = fy0; /* no tap in bounds: every sum is 0 */
            first = input;
        } else {
            first = input + (((size_t)n * (size_t)w->in_h + (size_t)(iy0 + fy0 * w->dilation_h)) * (size_t)w->in_w
                             + (size_t)(ix0 + fx0 * w->dilation_w)) * (size_t)w->in_c;
        }
        for (ch = 0; ch < blocked; ch += 4) {
            tflc_opt_depthwise_taps_f32(w, first, filter, fy0, fy1, fx0, fx1, ch, 4, acc);
            tflc_opt_store4_f32(acc[0], acc[1], acc[2], acc[3], o, ch, output);
        }
        for (; ch < w->in_c; ch++) {
            tflc_opt_depthwise_taps_f32(w, first, filter, fy0, fy1, fx0, fx1, ch, 1, acc);
            output[ch] = tflc_opt_out_f32(acc[0], o, ch);
        }
    }
}

#endif
