/*
 * tflc_depthwise_conv2d_hybrid_f32: hybrid DEPTHWISE_CONV_2D (float activations, int8 weights with a
 * scale per output channel, float bias), as the Java reference DepthwiseConv2D.Hybrid and TensorFlow
 * Lite's EvalHybridPerChannel: each batch of the input is quantized asymmetrically into scratch (one
 * batch of int8 values, tflc_hybrid_quantize.h); output channel oc = ic * m + k sums filter * (input -
 * zero point) over the in-bounds taps of input channel ic in int32, and the sum times the input scale,
 * times filter_scales[oc], plus bias[oc], is clamped to [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

/* The reference rounds every product and every sum: no fused multiply-add. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "tflc_hybrid_quantize.h"

void tflc_depthwise_conv2d_hybrid_f32(const tflc_window_t *w, const TFLC_ROM float *filter_scales, float act_min,
                                      float act_max, const float *input, const TFLC_ROM int8_t *filter,
                                      const TFLC_ROM float *bias, void *scratch, float *output)
{
    const int32_t in_h = w->in_h, in_w = w->in_w, in_c = w->in_c, out_c = w->out_c;
    const int32_t m = out_c / in_c;
    const size_t in_row = (size_t)in_w * (size_t)in_c;
    const size_t per_batch = (size_t)in_h * in_row;
    const size_t filter_row = (size_t)w->filter_w * (size_t)out_c;
    int8_t *quantized = (int8_t *)scratch;
    int32_t b, oy, ox, ic, k, fy, fx;

    for (b = 0; b < w->batches; b++) {
        int32_t zero_point;
        const float input_scale =
                tflc_hybrid_quantize_asymmetric(input + (size_t)b * per_batch, per_batch, quantized, &zero_point);
        for (oy = 0; oy < w->out_h; oy++) {
            const int32_t iy0 = oy * w->stride_h - w->pad_h;
            for (ox = 0; ox < w->out_w; ox++) {
                const int32_t ix0 = ox * w->stride_w - w->pad_w;
                int32_t oc = 0;
                for (ic = 0; ic < in_c; ic++) {
                    for (k = 0; k < m; k++, oc++) {
                        int32_t acc = 0;
                        for (fy = 0; fy < w->filter_h; fy++) {
                            const int32_t iy = iy0 + w->dilation_h * fy;
                            if (iy < 0 || iy >= in_h) {
                                continue;
                            }
                            for (fx = 0; fx < w->filter_w; fx++) {
                                const int32_t ix = ix0 + w->dilation_w * fx;
                                if (ix < 0 || ix >= in_w) {
                                    continue;
                                }
                                acc += (int32_t)filter[(size_t)fy * filter_row + (size_t)fx * (size_t)out_c + (size_t)oc]
                                       * ((int32_t)quantized[(size_t)iy * in_row + (size_t)ix * (size_t)in_c
                                                             + (size_t)ic] - zero_point);
                            }
                        }
                        *output++ = tflc_clampf((float)acc * input_scale * filter_scales[oc] + bias[oc], act_min,
                                                act_max);
                    }
                }
            }
        }
    }
}
