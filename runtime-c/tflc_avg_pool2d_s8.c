/*
 * tflc_avg_pool2d_s8: int8 AVERAGE_POOL_2D, as the Java reference Pool2D (TFLM's AveragePool).
 * Each output is the sum of the in-bounds window elements of its channel divided by their count,
 * rounded half away from zero, clamped to [act_min, act_max] (0 for an empty window).
 */
#include "tflc_kernels.h"

void tflc_avg_pool2d_s8(const tflc_window_t *w, int32_t act_min, int32_t act_max, const int8_t *input,
                        int8_t *output)
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
        const int8_t *in_batch = input + (size_t)b * (size_t)in_h * in_row;
        for (oy = 0; oy < out_h; oy++) {
            const int32_t iy0 = oy * stride_h - pad_h;
            const int32_t fy0 = iy0 < 0 ? -iy0 : 0;
            const int32_t fy1 = filter_h < in_h - iy0 ? filter_h : in_h - iy0;
            for (ox = 0; ox < out_w; ox++) {
                const int32_t ix0 = ox * stride_w - pad_w;
                const int32_t fx0 = ix0 < 0 ? -ix0 : 0;
                const int32_t fx1 = filter_w < in_w - ix0 ? filter_w : in_w - ix0;
                const int32_t fy_end = fx1 > fx0 ? fy1 : fy0; /* no rows when no columns are in bounds */
                const int32_t count = fy_end > fy0 ? (fy_end - fy0) * (fx1 - fx0) : 0;
                const int32_t half = count / 2;
                if (count == 0) {
                    for (c = 0; c < channels; c++) {
                        *output++ = 0;
                    }
                    continue;
                }
                for (c = 0; c < channels; c++) {
                    int32_t acc = 0;
                    for (fy = fy0; fy < fy_end; fy++) {
                        const int8_t *in =
                            in_batch + (size_t)(iy0 + fy) * in_row + (size_t)(ix0 + fx0) * (size_t)channels + c;
                        for (fx = fx0; fx < fx1; fx++, in += channels) {
                            acc += *in;
                        }
                    }
                    acc = acc > 0 ? (acc + half) / count : (acc - half) / count;
                    if (acc < act_min) {
                        acc = act_min;
                    }
                    if (acc > act_max) {
                        acc = act_max;
                    }
                    *output++ = (int8_t)acc;
                }
            }
        }
    }
}
