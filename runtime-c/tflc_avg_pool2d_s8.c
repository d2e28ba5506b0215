/* tflc_avg_pool2d_s8: AVERAGE_POOL_2D over each channel; only in-bounds elements count;
 * the integer average rounds halves away from zero. */
#include "tflc_kernels.h"

void tflc_avg_pool2d_s8(const tflc_window_t *w, int32_t act_min, int32_t act_max, const int8_t *input, int8_t *output)
{
    const int32_t channels = w->in_c;
    int32_t b, oy, ox, c, fy, fx;
    for (b = 0; b < w->batches; b++) {
        for (oy = 0; oy < w->out_h; oy++) {
            const int32_t iy0 = oy * w->stride_h - w->pad_h;
            const int32_t fy0 = iy0 < 0 ? -iy0 : 0;
            const int32_t fy1 = w->filter_h < w->in_h - iy0 ? w->filter_h : w->in_h - iy0;
            for (ox = 0; ox < w->out_w; ox++) {
                const int32_t ix0 = ox * w->stride_w - w->pad_w;
                const int32_t fx0 = ix0 < 0 ? -ix0 : 0;
                const int32_t fx1 = w->filter_w < w->in_w - ix0 ? w->filter_w : w->in_w - ix0;
                int8_t *out = output + ((b * w->out_h + oy) * w->out_w + ox) * channels;
                for (c = 0; c < channels; c++) {
                    int32_t acc = 0;
                    int32_t count = 0;
                    for (fy = fy0; fy < fy1; fy++) {
                        for (fx = fx0; fx < fx1; fx++) {
                            acc += input[((b * w->in_h + iy0 + fy) * w->in_w + ix0 + fx) * channels + c];
                            count++;
                        }
                    }
                    if (count == 0) {
                        acc = 0;
                    } else {
                        acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                    }
                    acc = acc < act_min ? act_min : acc;
                    acc = acc > act_max ? act_max : acc;
                    out[c] = (int8_t)acc;
                }
            }
        }
    }
}
