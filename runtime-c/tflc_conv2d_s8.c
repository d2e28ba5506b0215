/*
 * tflc_conv2d_s8: int8 CONV_2D (grouped when filter_c < in_c), per-tensor or per-channel
 * requantization, as the Java reference Conv2D.Int8 (TFLM's ConvPerChannel).
 * acc = bias[oc] + sum over the in-bounds taps of filter * (input + input_offset), wrapping like
 * Java's int; out = clamp(mbqm(acc, multiplier[oc], shift[oc]) + output_offset).
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_conv2d_s8(const tflc_window_t *w, int32_t filter_c, const tflc_requant_t *q, const int8_t *input,
                    const TFLC_ROM int8_t *filter, const TFLC_ROM int32_t *bias, int8_t *output)
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
    const uint32_t input_offset = (uint32_t)q->input_offset;
    const int32_t output_offset = q->output_offset;
    const int32_t act_min = q->act_min, act_max = q->act_max;
    const int32_t channel_step = q->per_channel ? 1 : 0;
    const TFLC_ROM int32_t *const multipliers = q->multipliers;
    const TFLC_ROM int8_t *const shifts = q->shifts;
    const size_t filter_size = (size_t)filter_h * (size_t)filter_w * (size_t)filter_c;
    const size_t in_row = (size_t)in_w * (size_t)in_c;
    int32_t b, oy, ox, g, k, fy, fx, ic;

    for (b = 0; b < batches; b++) {
        const int8_t *in_batch = input + (size_t)b * (size_t)in_h * in_row;
        for (oy = 0; oy < out_h; oy++) {
            const int32_t iy0 = oy * stride_h - pad_h;
            for (ox = 0; ox < out_w; ox++) {
                const int32_t ix0 = ox * stride_w - pad_w;
                const TFLC_ROM int8_t *f = filter;
                int32_t c = 0; /* index of the multiplier and shift */
                int32_t oc = 0;
                for (g = 0; g < groups; g++) {
                    const int8_t *in_group = in_batch + (size_t)g * (size_t)filter_c;
                    for (k = 0; k < per_group; k++, oc++, c += channel_step, f += filter_size) {
                        uint32_t acc = 0u;
                        for (fy = 0; fy < filter_h; fy++) {
                            const int32_t iy = iy0 + dilation_h * fy;
                            const int8_t *in_y;
                            const TFLC_ROM int8_t *f_y;
                            if (iy < 0 || iy >= in_h) {
                                continue;
                            }
                            in_y = in_group + (size_t)iy * in_row;
                            f_y = f + (size_t)fy * (size_t)filter_w * (size_t)filter_c;
                            for (fx = 0; fx < filter_w; fx++) {
                                const int32_t ix = ix0 + dilation_w * fx;
                                const int8_t *px;
                                const TFLC_ROM int8_t *pf;
                                if (ix < 0 || ix >= in_w) {
                                    continue;
                                }
                                px = in_y + (size_t)ix * (size_t)in_c;
                                pf = f_y + (size_t)fx * (size_t)filter_c;
                                for (ic = 0; ic < filter_c; ic++) {
                                    acc += (uint32_t)pf[ic] * ((uint32_t)px[ic] + input_offset);
                                }
                            }
                        }
                        if (bias != 0) {
                            acc += (uint32_t)bias[oc];
                        }
                        *output++ = (int8_t)tflc_requantize(tflc_s32(acc), multipliers[c], shifts[c], output_offset,
                                                            act_min, act_max);
                    }
                }
            }
        }
    }
}
