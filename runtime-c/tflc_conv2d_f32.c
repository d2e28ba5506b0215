/* tflc_conv2d_f32: float CONV_2D (NHWC input, OHWI filter, grouped when filter_c < in_c), accumulating
 * in the reference's order, then bias and the activation clamp. */
#include "tflc_kernels.h"

void tflc_conv2d_f32(const tflc_window_t *w, int32_t filter_c, float act_min, float act_max, const float *input,
                     const float *filter, const float *bias, float *output)
{
    const int32_t groups = w->in_c / filter_c;
    const int32_t per_group = w->out_c / groups;
    int32_t b, oy, ox, oc, fy, fx, ic;
    for (b = 0; b < w->batches; b++) {
        for (oy = 0; oy < w->out_h; oy++) {
            const int32_t iy0 = oy * w->stride_h - w->pad_h;
            for (ox = 0; ox < w->out_w; ox++) {
                const int32_t ix0 = ox * w->stride_w - w->pad_w;
                for (oc = 0; oc < w->out_c; oc++) {
                    const int32_t group = oc / per_group;
                    float total = 0.0f;
                    float v;
                    for (fy = 0; fy < w->filter_h; fy++) {
                        const int32_t iy = iy0 + w->dilation_h * fy;
                        if (iy < 0 || iy >= w->in_h) {
                            continue;
                        }
                        for (fx = 0; fx < w->filter_w; fx++) {
                            const int32_t ix = ix0 + w->dilation_w * fx;
                            const float *in;
                            const float *f;
                            if (ix < 0 || ix >= w->in_w) {
                                continue;
                            }
                            in = input + ((b * w->in_h + iy) * w->in_w + ix) * w->in_c + group * filter_c;
                            f = filter + ((oc * w->filter_h + fy) * w->filter_w + fx) * filter_c;
                            for (ic = 0; ic < filter_c; ic++) {
                                total += in[ic] * f[ic];
                            }
                        }
                    }
                    v = total + (bias != 0 ? bias[oc] : 0.0f);
                    v = v < act_min ? act_min : v;
                    v = v > act_max ? act_max : v;
                    output[((b * w->out_h + oy) * w->out_w + ox) * w->out_c + oc] = v;
                }
            }
        }
    }
}
