/* tflc_conv2d_s8: int8 CONV_2D (NHWC input, OHWI filter, grouped when filter_c < in_c) with per-channel
 * requantization; TensorFlow Lite Micro's reference arithmetic. */
#include "tflc_fixed_point.h"
#include "tflc_kernels.h"

void tflc_conv2d_s8(const tflc_window_t *w, int32_t filter_c, const tflc_requant_t *q, const int8_t *input,
                    const int8_t *filter, const int32_t *bias, int8_t *output)
{
    const int32_t groups = w->in_c / filter_c;
    const int32_t per_group = w->out_c / groups;
    const int32_t input_offset = q->input_offset;
    int32_t b, oy, ox, oc, fy, fx, ic;
    for (b = 0; b < w->batches; b++) {
        for (oy = 0; oy < w->out_h; oy++) {
            const int32_t iy0 = oy * w->stride_h - w->pad_h;
            for (ox = 0; ox < w->out_w; ox++) {
                const int32_t ix0 = ox * w->stride_w - w->pad_w;
                for (oc = 0; oc < w->out_c; oc++) {
                    const int32_t group = oc / per_group;
                    const int32_t c = q->per_channel ? oc : 0;
                    int32_t acc = 0;
                    int32_t out;
                    for (fy = 0; fy < w->filter_h; fy++) {
                        const int32_t iy = iy0 + w->dilation_h * fy;
                        if (iy < 0 || iy >= w->in_h) {
                            continue;
                        }
                        for (fx = 0; fx < w->filter_w; fx++) {
                            const int32_t ix = ix0 + w->dilation_w * fx;
                            const int8_t *in;
                            const int8_t *f;
                            if (ix < 0 || ix >= w->in_w) {
                                continue;
                            }
                            in = input + ((b * w->in_h + iy) * w->in_w + ix) * w->in_c + group * filter_c;
                            f = filter + ((oc * w->filter_h + fy) * w->filter_w + fx) * filter_c;
                            for (ic = 0; ic < filter_c; ic++) {
                                acc += (int32_t)f[ic] * ((int32_t)in[ic] + input_offset);
                            }
                        }
                    }
                    if (bias != 0) {
                        acc += bias[oc];
                    }
                    out = tflc_mbqm(acc, q->multipliers[c], q->shifts[c]) + q->output_offset;
                    out = out < q->act_min ? q->act_min : out;
                    out = out > q->act_max ? q->act_max : out;
                    output[((b * w->out_h + oy) * w->out_w + ox) * w->out_c + oc] = (int8_t)out;
                }
            }
        }
    }
}
