/*
 * tflc_depthwise_conv2d_loops.h: the portable DEPTHWISE_CONV_2D loop nest, the one definition behind
 * tflc_depthwise_conv2d_s8.c, tflc_depthwise_conv2d_s16.c and tflc_depthwise_conv2d_f32.c. Output
 * channel oc = ic * m + k (m = out_c / in_c) reads input channel ic; each output sums its in-bounds
 * taps in (fy, fx) order, the taps that fall in the padding skipped.
 *
 * Included as the body of a kernel function whose parameters include w, input, filter and output,
 * after the kernel defines:
 *   TFLC_DW_IN, TFLC_DW_FILTER  the input and filter element types
 *   TFLC_DW_ACC, TFLC_DW_ZERO   the sum's type and its start
 *   TFLC_DW_MAC(acc, x, f)      acc plus input x times filter f
 *   TFLC_DW_OUT(acc, oc, c)     output channel oc's value from its sum (c: the index of its
 *                               multiplier and shift, oc with per-channel ones, else 0)
 *   TFLC_DW_CHANNEL_STEP        1 when each channel has its own multiplier and shift, else 0
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
    const int32_t m = out_c / in_c;
    const int32_t channel_step = TFLC_DW_CHANNEL_STEP;
    const size_t in_row = (size_t)in_w * (size_t)in_c;
    const size_t filter_row = (size_t)filter_w * (size_t)out_c;
    int32_t b, oy, ox, ic, k, fy, fx;

    for (b = 0; b < batches; b++) {
        const TFLC_DW_IN *in_batch = input + (size_t)b * (size_t)in_h * in_row;
        for (oy = 0; oy < out_h; oy++) {
            const int32_t iy0 = oy * stride_h - pad_h;
            for (ox = 0; ox < out_w; ox++) {
                const int32_t ix0 = ox * stride_w - pad_w;
                int32_t oc = 0;
                int32_t c = 0; /* index of the multiplier and shift */
                for (ic = 0; ic < in_c; ic++) {
                    const TFLC_DW_IN *in_channel = in_batch + ic;
                    for (k = 0; k < m; k++, oc++, c += channel_step) {
                        const TFLC_ROM TFLC_DW_FILTER *f_channel = filter + oc;
                        TFLC_DW_ACC acc = TFLC_DW_ZERO;
                        for (fy = 0; fy < filter_h; fy++) {
                            const int32_t iy = iy0 + dilation_h * fy;
                            const TFLC_DW_IN *in_y;
                            const TFLC_ROM TFLC_DW_FILTER *f_y;
                            if (iy < 0 || iy >= in_h) {
                                continue;
                            }
                            in_y = in_channel + (size_t)iy * in_row;
                            f_y = f_channel + (size_t)fy * filter_row;
                            for (fx = 0; fx < filter_w; fx++) {
                                const int32_t ix = ix0 + dilation_w * fx;
                                if (ix < 0 || ix >= in_w) {
                                    continue;
                                }
                                acc = TFLC_DW_MAC(acc, in_y[(size_t)ix * (size_t)in_c], f_y[(size_t)fx * (size_t)out_c]);
                            }
                        }
                        *output++ = TFLC_DW_OUT(acc, oc, c);
                    }
                }
            }
        }
    }
}
#undef TFLC_DW_IN
#undef TFLC_DW_FILTER
#undef TFLC_DW_ACC
#undef TFLC_DW_ZERO
#undef TFLC_DW_MAC
#undef TFLC_DW_OUT
#undef TFLC_DW_CHANNEL_STEP
