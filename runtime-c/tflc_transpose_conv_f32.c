/*
 * tflc_transpose_conv_f32: float TRANSPOSE_CONV, as the Java reference TransposeConv.Float32 (TFLM's
 * reference TransposeConv). Each output element gathers the products input * filter that reach it, in
 * the order TFLM's scatter adds them to it (input row, input column, input channel), from 0; then
 * adds bias[oc] and clamps to [act_min, act_max].
 * Returns 1 without writing when output_shape is not the compiled shape, else 0.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

int tflc_transpose_conv_f32(const tflc_window_t *w, float act_min, float act_max, const int32_t *output_shape,
                            const float *input, const TFLC_ROM float *filter, const TFLC_ROM float *bias, float *output)
{
    const int32_t in_h = w->in_h, in_w = w->in_w, in_c = w->in_c;
    const int32_t filter_h = w->filter_h, filter_w = w->filter_w;
    const int32_t out_c = w->out_c;
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
                    float total = 0.0f;
                    for (iy = y0; iy <= y1; iy++) {
                        const int32_t fy = oy + w->pad_h - iy * w->stride_h;
                        for (ix = x0; ix <= x1; ix++) {
                            const int32_t fx = ox + w->pad_w - ix * w->stride_w;
                            const float *px = input + (((size_t)b * (size_t)in_h + (size_t)iy) * (size_t)in_w +
                                                       (size_t)ix) * (size_t)in_c;
                            const TFLC_ROM float *pf = filter + (((size_t)oc * (size_t)filter_h + (size_t)fy) *
                                                        (size_t)filter_w + (size_t)fx) * (size_t)in_c;
                            for (ic = 0; ic < in_c; ic++) {
                                total += px[ic] * pf[ic];
                            }
                        }
                    }
                    if (bias != 0) {
                        total += bias[oc];
                    }
                    *output++ = tflc_clampf(total, act_min, act_max);
                }
            }
        }
    }
    return 0;
}
