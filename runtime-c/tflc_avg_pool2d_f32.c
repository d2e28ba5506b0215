/* tflc_avg_pool2d_f32: AVERAGE_POOL_2D over each channel; only in-bounds elements count. */
#include "tflc_kernels.h"

void tflc_avg_pool2d_f32(const tflc_window_t *w, float act_min, float act_max, const float *input, float *output)
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
                float *out = output + ((b * w->out_h + oy) * w->out_w + ox) * channels;
                for (c = 0; c < channels; c++) {
                    float acc = 0.0f;
                    int32_t count = 0;
                    for (fy = fy0; fy < fy1; fy++) {
                        for (fx = fx0; fx < fx1; fx++) {
                            acc += input[((b * w->in_h + iy0 + fy) * w->in_w + ix0 + fx) * channels + c];
                            count++;
                        }
                    }
                    acc = count == 0 ? 0.0f : acc / (float)count;
                    acc = acc < act_min ? act_min : acc;
                    acc = acc > act_max ? act_max : acc;
                    out[c] = (float)acc;
                }
            }
        }
    }
}
