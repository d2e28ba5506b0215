/*
 * tflc_conv2d_hybrid_f32: hybrid CONV_2D (float activations, int8 weights with one scale), as the
 * Java reference Conv2D.Hybrid and TensorFlow Lite's EvalHybrid: each batch of the input is quantized
 * into scratch (symmetric int8 in [-127, 127], scale max|x| / 127, or 1 when every value is 0), the
 * int8 products of each output are summed in int32, and the sum times (input scale * filter scale),
 * plus the bias (none when NULL), is clamped to [act_min, act_max]. No groups, no dilation.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

/* The reference rounds every product and every sum: no fused multiply-add. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

/* TensorFlow Lite's SymmetricQuantizeFloats: returns the scale. */
static float quantize_symmetric(const float *x, size_t size, int8_t *q)
{
    float range = 0.0f, inverse;
    size_t i;
    for (i = 0; i < size; i++) {
        const float a = x[i] < 0.0f ? -x[i] : x[i];
        if (a > range) {
            range = a;
        }
    }
    if (range == 0.0f) {
        for (i = 0; i < size; i++) {
            q[i] = 0;
        }
        return 1.0f;
    }
    inverse = 127.0f / range;
    for (i = 0; i < size; i++) {
        const int32_t v = tflc_round_to_int32(x[i] * inverse);
        q[i] = (int8_t)(v < -127 ? -127 : v > 127 ? 127 : v);
    }
    return range / 127.0f;
}

void tflc_conv2d_hybrid_f32(const tflc_window_t *w, float filter_scale, float act_min, float act_max,
                            const float *input, const TFLC_ROM int8_t *filter, const TFLC_ROM float *bias,
                            void *scratch, float *output)
{
    const int32_t batches = w->batches;
    const int32_t in_h = w->in_h, in_w = w->in_w, in_c = w->in_c;
    const int32_t filter_h = w->filter_h, filter_w = w->filter_w;
    const int32_t out_h = w->out_h, out_w = w->out_w, out_c = w->out_c;
    const int32_t stride_h = w->stride_h, stride_w = w->stride_w;
    const int32_t pad_h = w->pad_h, pad_w = w->pad_w;
    const size_t filter_size = (size_t)filter_h * (size_t)filter_w * (size_t)in_c;
    const size_t in_row = (size_t)in_w * (size_t)in_c;
    const size_t per_batch = (size_t)in_h * in_row;
    int8_t *quantized = (int8_t *)scratch;
    int32_t b, oy, ox, oc, fy, fx, ic;

    for (b = 0; b < batches; b++) {
        const float scale = quantize_symmetric(input + (size_t)b * per_batch, per_batch, quantized) * filter_scale;
        for (oy = 0; oy < out_h; oy++) {
            const int32_t iy0 = oy * stride_h - pad_h;
            for (ox = 0; ox < out_w; ox++) {
                const int32_t ix0 = ox * stride_w - pad_w;
                const TFLC_ROM int8_t *f = filter;
                for (oc = 0; oc < out_c; oc++, f += filter_size) {
                    int32_t acc = 0;
                    float v;
                    for (fy = 0; fy < filter_h; fy++) {
                        const int32_t iy = iy0 + fy;
                        if (iy < 0 || iy >= in_h) {
                            continue;
                        }
                        for (fx = 0; fx < filter_w; fx++) {
                            const int32_t ix = ix0 + fx;
                            const int8_t *px;
                            const TFLC_ROM int8_t *pf;
                            if (ix < 0 || ix >= in_w) {
                                continue;
                            }
                            px = quantized + (size_t)iy * in_row + (size_t)ix * (size_t)in_c;
                            pf = f + ((size_t)fy * (size_t)filter_w + (size_t)fx) * (size_t)in_c;
                            for (ic = 0; ic < in_c; ic++) {
                                acc += (int32_t)px[ic] * (int32_t)pf[ic];
                            }
                        }
                    }
                    v = (float)acc * scale;
                    *output++ = tflc_clampf(bias != 0 ? v + bias[oc] : v, act_min, act_max);
                }
            }
        }
    }
}
