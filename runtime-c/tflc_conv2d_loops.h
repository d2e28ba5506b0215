/*
 * tflc_conv2d_loops.h: the portable CONV_2D loop nest, the one definition behind tflc_conv2d_s8.c,
 * tflc_conv2d_s16.c and tflc_conv2d_f32.c. Grouped when filter_c < in_c: output channel oc of group
 * g = oc / (out_c / groups) reads input channels [g * filter_c, (g + 1) * filter_c). Each output sums
 * its in-bounds taps in (fy, fx, ic) order, the taps that fall in the padding skipped.
 *
 * Included as the body of a kernel function whose parameters include w, filter_c, input, filter and
 * output, after the kernel defines:
 *   TFLC_CONV_IN, TFLC_CONV_FILTER  the input and filter element types
 *   TFLC_CONV_ACC, TFLC_CONV_ZERO   the sum's type and its start
 *   TFLC_CONV_MAC(acc, x, f)        acc plus input x times filter f
 *   TFLC_CONV_OUT(acc, oc, c)       output channel oc's value from its sum (c: the index of its
 *                                   multiplier and shift, oc with per-channel ones, else 0)
 *   TFLC_CONV_CHANNEL_STEP          1 when each channel has its own multiplier and shift, else 0
 * It undefines them at its end.
 */
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
    const int32_t channel_step = TFLC_CONV_CHANNEL_STEP;
    const size_t filter_size = (size_t)filter_h * (size_t)filter_w * (size_t)filter_c;
    const size_t in_row = (size_t)in_w * (size_t)in_c;
    int32_t b, oy, ox, g, k, fy, fx, ic;

    for (b = 0; b < batches; b++) {
        const TFLC_CONV_IN *in_batch = input + (size_t)b * (size_t)in_h * in_row;
        for (oy = 0; oy < out_h; oy++) {
            const int32_t iy0 = oy * stride_h - pad_h;
            for (ox = 0; ox < out_w; ox++) {
                const int32_t ix0 = ox * stride_w - pad_w;
                const TFLC_ROM TFLC_CONV_FILTER *f = filter;
                int32_t c = 0; /* index of the multiplier and shift */
                int32_t oc = 0;
                for (g = 0; g < groups; g++) {
                    const TFLC_CONV_IN *in_group = in_batch + (size_t)g * (size_t)filter_c;
                    for (k = 0; k < per_group; k++, oc++, c += channel_step, f += filter_size) {
                        TFLC_CONV_ACC acc = TFLC_CONV_ZERO;
                        for (fy = 0; fy < filter_h; fy++) {
                            const int32_t iy = iy0 + dilation_h * fy;
                            const TFLC_CONV_IN *in_y;
                            const TFLC_ROM TFLC_CONV_FILTER *f_y;
                            if (iy < 0 || iy >= in_h) {
                                continue;
                            }
                            in_y = in_group + (size_t)iy * in_row;
                            f_y = f + (size_t)fy * (size_t)filter_w * (size_t)filter_c;
                            for (fx = 0; fx < filter_w; fx++) {
                                const int32_t ix = ix0 + dilation_w * fx;
                                const TFLC_CONV_IN *px;
                                const TFLC_ROM TFLC_CONV_FILTER *pf;
                                if (ix < 0 || ix >= in_w) {
                                    continue;
                                }
                                px = in_y + (size_t)ix * (size_t)in_c;
                                pf = f_y + (size_t)fx * (size_t)filter_c;
                                for (ic = 0; ic < filter_c; ic++) {
                                    acc = TFLC_CONV_MAC(acc, px[ic], pf[ic]);
                                }
                            }
                        }
                        *output++ = TFLC_CONV_OUT(acc, oc, c);
                    }
                }
            }
        }
    }
}
#undef TFLC_CONV_IN
#undef TFLC_CONV_FILTER
#undef TFLC_CONV_ACC
#undef TFLC_CONV_ZERO
#undef TFLC_CONV_MAC
#undef TFLC_CONV_OUT
#undef TFLC_CONV_CHANNEL_STEP
