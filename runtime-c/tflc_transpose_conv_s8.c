/*
 * tflc_transpose_conv_s8: int8 TRANSPOSE_CONV, as the Java reference TransposeConv.Int8 (TFLM's
 * reference integer TransposeConv). Each output element gathers the input elements and taps that
 * reach it (TFLM scatters; integer sums are the same in any order): acc = bias[oc] + sum of
 * (input + input_offset) * filter, wrapping like Java's int; out = clamp(mbqm(acc) + output_offset).
 * Returns 1 without writing when output_shape is not the compiled shape, else 0.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

int tflc_transpose_conv_s8(const tflc_window_t *w, const tflc_requant_t *q, const int32_t *output_shape,
                           const int8_t *input, const TFLC_ROM int8_t *filter, const TFLC_ROM int32_t *bias,
                           int8_t *output)
{
    const int32_t in_h = w->in_h, in_w = w->in_w, in_c = w->in_c;
    const int32_t filter_h = w->filter_h, filter_w = w->filter_w;
    const int32_t out_c = w->out_c;
    const uint32_t input_offset = (uint32_t)q->input_offset;
    const int32_t channel_step = q->per_channel ? 1 : 0;
    int32_t b, oy, ox, oc, iy, ix, ic, y0, y1, x0, x1;

    if (tflc_transpose_conv_shape_differs(w, output_shape)) {
        return 1;
    }
    for (b = 0; b < w->batches; b++) {
        for (oy = 0; oy < w->out_h; oy++) {
            tflc_transpose_conv_range(oy, w->pad_h, w->stride_h, filter_h, in_h, &y0, &y1);
            for (ox = 0; ox < w->out_w; ox++) {
                tflc_transpose_conv_range(ox, w->pad_w, w->stride_w, filter_w, in_w, &x0, &x1);
                for (oc = 0; oc < out_c; oc++) {
                    const int32_t c = oc * channel_step;
                    uint32_t acc = 0u;
                    for (iy = y0; iy <= y1; iy++) {
                        const int32_t fy = oy + w->pad_h - iy * w->stride_h;
                        for (ix = x0; ix <= x1; ix++) {
                            const int32_t fx = ox + w->pad_w - ix * w->stride_w;
                            const int8_t *px = input + (((size_t)b * (size_t)in_h + (size_t)iy) * (size_t)in_w +
                                                        (size_t)ix) * (size_t)in_c;
                            const TFLC_ROM int8_t *pf = filter + (((size_t)oc * (size_t)filter_h + (size_t)fy) *
                                                         (size_t)filter_w + (size_t)fx) * (size_t)in_c;
                            for (ic = 0; ic < in_c; ic++) {
                                acc += ((uint32_t)px[ic] + input_offset) * (uint32_t)pf[ic];
                            }
                        }
                    }
                    if (bias != 0) {
                        acc += (uint32_t)bias[oc];
                    }
                    *output++ = (int8_t)tflc_requantize(tflc_s32(acc), q->multipliers[c], q->shifts[c],
                                                        q->output_offset, q->act_min, q->act_max);
                }
            }
        }
    }
    return 0;
}
