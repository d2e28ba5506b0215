/*
 * tflc_max_pool2d_f32: float MAX_POOL_2D, as the Java reference Pool2D: the largest in-bounds
 * window element of each channel (Math.max, from -FLT_MAX), clamped to [act_min, act_max].
 */
#include <float.h>

#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_max_pool2d_f32(const tflc_window_t *w, float act_min, float act_max, const float *input, float *output)
{
    const int32_t batches = w->batches;
    const int32_t in_h = w->in_h, in_w = w->in_w, channels = w->in_c;
    const int32_t filter_h = w->filter_h, filter_w = w->filter_w;
    const int32_t out_h = w->out_h, out_w = w->out_w;
    const int32_t stride_h = w->stride_h, stride_w = w->stride_w;
    const int32_t pad_h = w->pad_h, pad_w = w->pad_w;
    const size_t in_row = (size_t)in_w * (size_t)channels;
    int32_t b, oy, ox, c, fy, fx;

    for (b = 0; b < batches; b++) {
        const float *in_batch = input + (size_t)b * (size_t)in_h * in_row;
        for (oy = 0; oy < out_h; oy++) {
            const int32_t iy0 = oy * stride_h - pad_h;
            const int32_t fy0 = iy0 < 0 ? -iy0 : 0;
            const int32_t fy1 = filter_h < in_h - iy0 ? filter_h : in_h - iy0;
            for (ox = 0; ox < out_w; ox++) {
                const int32_t ix0 = ox * stride_w - pad_w;
                const int32_t fx0 = ix0 < 0 ? -ix0 : 0;
                const int32_t fx1 = filter_w < in_w - ix0 ? filter_w : in_w - ix0;
                const int32_t fy_end = fx1 > fx0 ? fy1 : fy0; /* no rows when no columns are in bounds */
                for (c = 0; c < channels; c++) {
                    float acc = -FLT_MAX;
                    for (fy = fy0; fy < fy_end; fy++) {
                        const float *in =
                            in_batch + (size_t)(iy0 + fy) * in_row + (size_t)(ix0 + fx0) * (size_t)channels + c;
                        for (fx = fx0; fx < fx1; fx++, in += channels) {
                            acc = tflc_maxf(acc, *in);
                        }
                    }
                    *output++ = tflc_clampf(acc, act_min, act_max);
                }
            }
        }
    }
}
