/*
 * tflc_depthwise_conv2d_s16: 16x8 DEPTHWISE_CONV_2D (int16 activations, int8 weights), as the Java
 * reference DepthwiseConv2D.Int16 (TFLM's 16-bit DepthwiseConvPerChannel). Output channel
 * oc = ic * m + k reads input channel ic; acc = sum over the in-bounds taps of filter * input (exact,
 * in 64 bits), then tflc_requantize_16x8 adds bias[oc] and scales.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_depthwise_conv2d_s16(const tflc_window_t *w, const tflc_requant_t *q, const int16_t *input,
                               const TFLC_ROM int8_t *filter, const TFLC_ROM void *bias, int32_t bias_bits,
                               int16_t *output)
{
    const int32_t batches = w->batches;
    const int32_t in_h = w->in_h, in_w = w->in_w, in_c = w->in_c;
    const int32_t filter_h = w->filter_h, filter_w = w->filter_w;
    const int32_t out_h = w->out_h, out_w = w->out_w, out_c = w->out_c;
    const int32_t stride_h = w->stride_h, stride_w = w->stride_w;
    const int32_t dilation_h = w->dilation_h, dilation_w = w->dilation_w;
    const int32_t pad_h = w->pad_h, pad_w = w->pad_w;
    const int32_t m = out_c / in_c;
    const int32_t act_min = q->act_min, act_max = q->act_max;
    const int32_t channel_step = q->per_channel ? 1 : 0;
    const TFLC_ROM int32_t *const multipliers = q->multipliers;
    const TFLC_ROM int8_t *const shifts = q->shifts;
    const size_t in_row = (size_t)in_w * (size_t)in_c;
    const size_t filter_row = (size_t)filter_w * (size_t)out_c;
    int32_t b, oy, ox, ic, k, fy, fx;

    for (b = 0; b < batches; b++) {
        const int16_t *in_batch = input + (size_t)b * (size_t)in_h * in_row;
        for (oy = 0; oy < out_h; oy++) {
            const int32_t iy0 = oy * stride_h - pad_h;
            for (ox = 0; ox < out_w; ox++) {
                const int32_t ix0 = ox * stride_w - pad_w;
                for (ic = 0; ic < in_c; ic++) {
                    for (k = 0; k < m; k++) {
                        const int32_t oc = ic * m + k;
                        const int32_t c = oc * channel_step;
                        uint64_t acc = 0u;
                        for (fy = 0; fy < filter_h; fy++) {
                            const int32_t iy = iy0 + dilation_h * fy;
                            if (iy < 0 || iy >= in_h) {
                                continue;
                            }
                            for (fx = 0; fx < filter_w; fx++) {
                                const int32_t ix = ix0 + dilation_w * fx;
                                if (ix < 0 || ix >= in_w) {
                                    continue;
                                }
                                acc += (uint64_t)(int64_t)((int32_t)filter[(size_t)fy * filter_row +
                                                                           (size_t)fx * (size_t)out_c + (size_t)oc] *
                                                           (int32_t)in_batch[(size_t)iy * in_row +
                                                                             (size_t)ix * (size_t)in_c + (size_t)ic]);
                            }
                        }
                        *output++ = tflc_requantize_16x8(acc + tflc_bias_16x8(bias, bias_bits, oc), bias_bits,
                                                         multipliers[c], shifts[c], act_min, act_max);
                    }
                }
            }
        }
    }
}
