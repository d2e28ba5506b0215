/*
 * tflc_transpose_conv_loops.h: the portable TRANSPOSE_CONV loop nest, the one definition behind
 * tflc_transpose_conv_s8.c, tflc_transpose_conv_s16.c and tflc_transpose_conv_f32.c. Each output
 * element gathers the input elements and taps that reach it, in the order TensorFlow Lite Micro's
 * scatter adds them to it (input row, input column, input channel), from 0. Returns 1 without
 * writing when output_shape is not the compiled shape, else 0.
 *
 * Included as the body of a kernel function returning int whose parameters include w,
 * output_shape, input, filter and output, after the kernel defines:
 *   TFLC_TC_IN, TFLC_TC_FILTER  the input and filter element types
 *   TFLC_TC_ACC, TFLC_TC_ZERO   the sum's type and its start
 *   TFLC_TC_MAC(acc, x, f)      acc plus input x times filter f
 *   TFLC_TC_OUT(acc, oc, c)     output channel oc's value from its sum (c: the index of its
 *                               multiplier and shift, oc with per-channel ones, else 0)
 *   TFLC_TC_CHANNEL_STEP        1 when each channel has its own multiplier and shift, else 0
 * It undefines them at its end.
 */
{
    const int32_t in_h = w->in_h, in_w = w->in_w, in_c = w->in_c;
    const int32_t filter_h = w->filter_h, filter_w = w->filter_w;
    const int32_t out_c = w->out_c;
    const int32_t channel_step = TFLC_TC_CHANNEL_STEP;
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
                    TFLC_TC_ACC acc = TFLC_TC_ZERO;
                    for (iy = y0; iy <= y1; iy++) {
                        const int32_t fy = oy + w->pad_h - iy * w->stride_h;
                        for (ix = x0; ix <= x1; ix++) {
                            const int32_t fx = ox + w->pad_w - ix * w->stride_w;
                            const TFLC_TC_IN *px = input + (((size_t)b * (size_t)in_h + (size_t)iy) * (size_t)in_w +
                                                            (size_t)ix) * (size_t)in_c;
                            const TFLC_ROM TFLC_TC_FILTER *pf = filter + (((size_t)oc * (size_t)filter_h +
                                                                           (size_t)fy) * (size_t)filter_w +
                                                                          (size_t)fx) * (size_t)in_c;
                            for (ic = 0; ic < in_c; ic++) {
                                acc = TFLC_TC_MAC(acc, px[ic], pf[ic]);
                            }
                        }
                    }
                    *output++ = TFLC_TC_OUT(acc, oc, c);
                }
            }
        }
    }
    return 0;
}
#undef TFLC_TC_IN
#undef TFLC_TC_FILTER
#undef TFLC_TC_ACC
#undef TFLC_TC_ZERO
#undef TFLC_TC_MAC
#undef TFLC_TC_OUT
#undef TFLC_TC_CHANNEL_STEP
