/*
 * tflc_pool2d_loops.h: the portable pooling loop nest, the one definition behind
 * tflc_avg_pool2d_s8.c, tflc_avg_pool2d_f32.c, tflc_max_pool2d_s8.c, tflc_max_pool2d_f32.c and
 * tflc_pool2d_s16.c. Each output combines the in-bounds elements of its channel's window
 * (tflc_pool_taps) in (fy, fx) order.
 *
 * Included as the body of a kernel function whose parameters include w, input and output, after
 * the kernel defines:
 *   TFLC_POOL_T                   the element type
 *   TFLC_POOL_ACC, TFLC_POOL_START  the running value's type and its start
 *   TFLC_POOL_ADD(acc, x)         the running value with element x taken in (a sum, or the larger)
 *   TFLC_POOL_OUT(acc, count)     the output from the running value over `count` elements
 * It undefines them at its end.
 */
{
    const int32_t channels = w->in_c;
    const size_t in_row = (size_t)w->in_w * (size_t)channels;
    int32_t b, oy, ox, c, fy, fx;

    for (b = 0; b < w->batches; b++) {
        const TFLC_POOL_T *in_batch = input + (size_t)b * (size_t)w->in_h * in_row;
        for (oy = 0; oy < w->out_h; oy++) {
            for (ox = 0; ox < w->out_w; ox++) {
                const tflc_pool_taps_t t = tflc_pool_taps(w, oy, ox);
                const int32_t count = (t.fy_end - t.fy0) * (t.fx1 - t.fx0);
                for (c = 0; c < channels; c++) {
                    TFLC_POOL_ACC acc = TFLC_POOL_START;
                    for (fy = t.fy0; fy < t.fy_end; fy++) {
                        const TFLC_POOL_T *in =
                            in_batch + (size_t)(t.iy0 + fy) * in_row + (size_t)(t.ix0 + t.fx0) * (size_t)channels + c;
                        for (fx = t.fx0; fx < t.fx1; fx++, in += channels) {
                            acc = TFLC_POOL_ADD(acc, *in);
                        }
                    }
                    *output++ = TFLC_POOL_OUT(acc, count);
                }
            }
        }
    }
}
#undef TFLC_POOL_T
#undef TFLC_POOL_ACC
#undef TFLC_POOL_START
#undef TFLC_POOL_ADD
#undef TFLC_POOL_OUT
