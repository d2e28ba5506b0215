/* tflc_depthwise_conv2d_f32: float DEPTHWISE_CONV_2D; output channel ic*m + k reads input channel ic. */
#include "tflc_kernels.h"

void tflc_depthwise_conv2d_f32(const tflc_window_t *w, float act_min, float act_max, const float *input,
                               const float *filter, const float *bias, float *output)
{
    const int32_t m = w->out_c / w->in_c;
    int32_t b, oy, ox, ic, k, fy, fx;
    for (b = 0; b < w->batches; b++) {
        for (oy = 0; oy < w->out_h; oy++) {
            const int32_t iy0 = oy * w->stride_h - w->pad_h;
            for (ox = 0; ox < w->out_w; ox++) {
                const int32_t ix0 = ox * w->stride_w - w->pad_w;
                float *out = output + ((b * w->out_h + oy) * w->out_w + ox) * w->out_c;
                for (ic = 0; ic < w->in_c; ic++) {
                    for (k = 0; k < m; k++) {
                        const int32_t oc = k + ic * m;
                        float total = 0.0f;
                        float v;
                        for (fy = 0; fy < w->filter_h; fy++) {
                            const int32_t iy = iy0 + w->dilation_h * fy;
                            if (iy < 0 || iy >= w->in_h) {
                                continue;
                            }
                            for (fx = 0; fx < w->filter_w; fx++) {
                                const int32_t ix = ix0 + w->dilation_w * fx;
                                if (ix < 0 || ix >= w->in_w) {
                                    continue;
                                }
                                total += input[((b * w->in_h + iy) * w->in_w + ix) * w->in_c + ic]
                                    * filter[(fy * w->filter_w + fx) * w->out_c + oc];
                            }
                        }
                        v = total + (bias != 0 ? bias[oc] : 0.0f);
                        v = v < act_min ? act_min : v;
                        v = v > act_max ? act_max : v;
                        out[oc] = v;
                    }
                }
            }
        }
    }
}
