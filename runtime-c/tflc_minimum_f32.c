/*
 * tflc_minimum_f32: MINIMUM with broadcasting, as the Java reference MaximumMinimum.Select (TFLM's
 * reference): the smaller of each pair, x < y ? x : y.
 */
#include "tflc_kernels.h"

void tflc_minimum_f32(const tflc_broadcast_t *b, int32_t size, const float *x, const float *y, float *output)
{
    tflc_broadcast_walk_t w;
    int32_t o, i;

    for (tflc_broadcast_start(&w, b, size), o = 0; o < size; o += w.run, tflc_broadcast_next(&w, b)) {
        for (i = 0; i < w.run; i++) {
            const float a = x[w.at1 + i * w.step1];
            const float c = y[w.at2 + i * w.step2];
            output[o + i] = a < c ? a : c;
        }
    }
}
