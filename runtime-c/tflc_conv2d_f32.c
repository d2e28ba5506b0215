/*
 * tflc_conv2d_f32: float CONV_2D (grouped when filter_c < in_c), as the Java reference
 * Conv2D.Float32: each output sums input * filter over the in-bounds taps in (fy, fx, ic) order,
 * adds the bias (0 when NULL), and is clamped to [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

/* The reference rounds every product and every sum: no fused multiply-add. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

void tflc_conv2d_f32(const tflc_window_t *w, int32_t filter_c, float act_min, float act_max, const float *input,
                     const TFLC_ROM float *filter, const TFLC_ROM float *bias, float *output)
{
    const int32_t batches = w->batches;
    const int32_t in_h = w->in_h, in_w = w->in_w, in_c = w->in_c;
    const int32_t filter_h = w->filter_h, filter_w = w->filter_w;
    const int32_t out_h = w->out_h, out_w = w->out_w, out_c = w->out_c;
    const int32_t stride_h = w->stride_h, stride_w = w->stride_w;
    const int32_t dilation_h = w->dilation_h, dilation_w = w->dilation_w;
    const int32_t pad_h = w->pad_h, pad_w = w->pad_w;
    const int32_t groups = in_c / filter_c;
    const int32_t per_group = out_c / groups;
    const size_t filter_size = (size_t)filter_h * (size_t)filter_w * (size_t)filter_c;
    const size_t in_row = (size_t)in_w * (size_t)in_c;
    int32_t b, oy, ox, g, k, fy, fx, ic;

    for (b = 0; b < batches; b++) {
        const float *in_batch = input + (size_t)b * (size_t)in_h * in_row;
        for (oy = 0; oy < out_h; oy++) {
            const int32_t iy0 = oy * stride_h - pad_h;
            for (ox = 0; ox < out_w; ox++) {
                const int32_t ix0 = ox * stride_w - pad_w;
                const TFLC_ROM float *f = filter;
                int32_t oc = 0;
                for (g = 0; g < groups; g++) {
                    const float *in_group = in_batch + (size_t)g * (size_t)filter_c;
                    for (k = 0; k < per_group; k++, oc++, f += filter_size) {
                        float total = 0.0f;
                        for (fy = 0; fy < filter_h; fy++) {
                            const int32_t iy = iy0 + dilation_h * fy;
                            const float *in_y;
                            const TFLC_ROM float *f_y;
                            if (iy < 0 || iy >= in_h) {
                                continue;
                            }
                            in_y = in_group + (size_t)iy * in_row;
                            f_y = f + (size_t)fy * (size_t)filter_w * (size_t)filter_c;
                            for (fx = 0; fx < filter_w; fx++) {
                                const int32_t ix = ix0 + dilation_w * fx;
                                const float *px;
                                const TFLC_ROM float *pf;
                                if (ix < 0 || ix >= in_w) {
                                    continue;
                                }
                                px = in_y + (size_t)ix * (size_t)in_c;
                                pf = f_y + (size_t)fx * (size_t)filter_c;
                                for (ic = 0; ic < filter_c; ic++) {
                                    total += px[ic] * pf[ic];
                                }
                            }
                        }
                        *output++ = tflc_clampf(total + (bias != 0 ? bias[oc] : 0.0f), act_min, act_max);
                    }
                }
            }
        }
    }
}
