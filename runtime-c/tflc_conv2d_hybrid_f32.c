/*
 * tflc_conv2d_hybrid_f32: hybrid CONV_2D (float activations, int8 weights), as the Java reference
 * Conv2D.Hybrid and TensorFlow Lite's EvalHybrid (one filter scale, per_channel 0) and
 * EvalHybridPerChannel (filter_scales[out_c], per_channel 1). Each batch of the input is quantized into
 * scratch: symmetric int8 in [-127, 127] with one filter scale, else asymmetric with a zero point
 * (tflc_hybrid_quantize.h); the products filter * (input - zero point) of each output are summed in
 * int32 over the in-bounds taps, and the sum times (filter scale * input scale), plus the bias (none
 * when NULL), is clamped to [act_min, act_max]. No groups, no dilation.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

/* The reference rounds every product and every sum: no fused multiply-add. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "tflc_hybrid_quantize.h"

void tflc_conv2d_hybrid_f32(const tflc_window_t *w, const TFLC_ROM float *filter_scales, int32_t per_channel,
                            float act_min, float act_max, const float *input, const TFLC_ROM int8_t *filter,
                            const TFLC_ROM float *bias, void *scratch, float *output)
{
    const int32_t in_h = w->in_h, in_w = w->in_w, in_c = w->in_c;
    const int32_t filter_h = w->filter_h, filter_w = w->filter_w;
    const size_t filter_size = (size_t)filter_h * (size_t)filter_w * (size_t)in_c;
    const size_t in_row = (size_t)in_w * (size_t)in_c;
    const size_t per_batch = (size_t)in_h * in_row;
    int8_t *quantized = (int8_t *)scratch;
    int32_t b, oy, ox, oc, fy, fx, ic;

    for (b = 0; b < w->batches; b++) {
        const float *batch = input + (size_t)b * per_batch;
        int32_t zero_point = 0;
        const float input_scale = per_channel
                ? tflc_hybrid_quantize_asymmetric(batch, per_batch, quantized, &zero_point)
                : tflc_hybrid_quantize_symmetric(batch, per_batch, quantized);
        for (oy = 0; oy < w->out_h; oy++) {
            const int32_t iy0 = oy * w->stride_h - w->pad_h;
            for (ox = 0; ox < w->out_w; ox++) {
                const int32_t ix0 = ox * w->stride_w - w->pad_w;
                const TFLC_ROM int8_t *f = filter;
                for (oc = 0; oc < w->out_c; oc++, f += filter_size) {
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
                                acc += (int32_t)pf[ic] * ((int32_t)px[ic] - zero_point);
                            }
                        }
                    }
                    v = (float)acc * (filter_scales[per_channel ? oc : 0] * input_scale);
                    *output++ = tflc_clampf(bias != 0 ? v + bias[oc] : v, act_min, act_max);
                }
            }
        }
    }
}
