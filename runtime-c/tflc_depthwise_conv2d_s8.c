/* tflc_depthwise_conv2d_s8: int8 DEPTHWISE_CONV_2D; output channel ic*m + k reads input channel ic,
 * m = out_c / in_c; per-channel requantization as TensorFlow Lite Micro's reference. */
#include "tflc_fixed_point.h"
#include "tflc_kernels.h"

void tflc_depthwise_conv2d_s8(const tflc_window_t *w, const tflc_requant_t *q, const int8_t *input,
                              const int8_t *filter, const int32_t *bias, int8_t *output)
{
    const int32_t m = w->out_c / w->in_c;
    const int32_t input_offset = q->input_offset;
    int32_t b, oy, ox, ic, k, fy, fx;
    for (b = 0; b < w->batches; b++) {
        for (oy = 0; oy < w->out_h; oy++) {
            const int32_t iy0 = oy * w->stride_h - w->pad_h;
            for (ox = 0; ox < w->out_w; ox++) {
                const int32_t ix0 = ox * w->stride_w - w->pad_w;
                int8_t *out = output + ((b * w->out_h + oy) * w->out_w + ox) * w->out_c;
                for (ic = 0; ic < w->in_c; ic++) {
                    for (k = 0; k < m; k++) {
                        const int32_t oc = k + ic * m;
                        const int32_t c = q->per_channel ? oc : 0;
                        int32_t acc = 0;
                        int32_t v;
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
                                acc += (int32_t)filter[(fy * w->filter_w + fx) * w->out_c + oc]
                                    * ((int32_t)input[((b * w->in_h + iy) * w->in_w + ix) * w->in_c + ic] + input_offset);
                            }
                        }
                        if (bias != 0) {
                            acc += bias[oc];
                        }
                        v = tflc_mbqm(acc, q->multipliers[c], q->shifts[c]) + q->output_offset;
                        v = v < q->act_min ? q->act_min : v;
                        v = v > q->act_max ? q->act_max : v;
                        out[oc] = (int8_t)v;
                    }
                }
            }
        }
    }
}
