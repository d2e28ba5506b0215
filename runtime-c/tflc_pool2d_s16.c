/*
 * tflc_pool2d_s16: int16 AVERAGE_POOL_2D (max == 0) and MAX_POOL_2D (max == 1) for 16-bit
 * activations, as the Java reference Pool2D.Int16 (TFLM's int16 AveragePool and MaxPool). Each
 * output is, over the in-bounds window elements of its channel, their sum divided by their count and
 * rounded half away from zero (0 for an empty window), or their largest; clamped to
 * [act_min, act_max].
 */
#include "tflc_kernels.h"

/* The pooled value of one channel of the window t: `in` is the channel's first element in the batch. */
static int32_t pool_one(const tflc_window_t *w, const tflc_pool_taps_t *t, int32_t max, const int16_t *in)
{
    const size_t row = (size_t)w->in_w * (size_t)w->in_c;
    const int32_t count = (t->fy_end - t->fy0) * (t->fx1 - t->fx0);
    int32_t acc = max ? INT32_MIN : 0;
    int32_t fy, fx;
    for (fy = t->fy0; fy < t->fy_end; fy++) {
        const int16_t *p = in + (size_t)(t->iy0 + fy) * row + (size_t)(t->ix0 + t->fx0) * (size_t)w->in_c;
        for (fx = t->fx0; fx < t->fx1; fx++, p += w->in_c) {
            if (!max) {
                acc += *p;
            } else if (*p > acc) {
                acc = *p;
            }
        }
    }
    if (!max) {
        if (count == 0) {
            return 0;
        }
        acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
    }
    return acc;
}

void tflc_pool2d_s16(const tflc_window_t *w, int32_t max, int32_t act_min, int32_t act_max, const int16_t *input,
                     int16_t *output)
{
    const size_t in_row = (size_t)w->in_w * (size_t)w->in_c;
    int32_t b, oy, ox, c;

    for (b = 0; b < w->batches; b++) {
        const int16_t *in_batch = input + (size_t)b * (size_t)w->in_h * in_row;
        for (oy = 0; oy < w->out_h; oy++) {
            for (ox = 0; ox < w->out_w; ox++) {
                const tflc_pool_taps_t t = tflc_pool_taps(w, oy, ox);
                for (c = 0; c < w->in_c; c++) {
                    const int32_t v = pool_one(w, &t, max, in_batch + c);
                    *output++ = (int16_t)(v < act_min ? act_min : v > act_max ? act_max : v);
                }
            }
        }
    }
}
