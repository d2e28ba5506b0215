/*
 * tflc_squared_difference_f32: float SQUARED_DIFFERENCE with broadcasting, as the Java reference
 * SquaredDifference.Float32: (x - y) * (x - y).
 */
#include "tflc_kernels.h"

void tflc_squared_difference_f32(const tflc_broadcast_t *b, int32_t size, const float *x, const float *y,
                                 float *output)
{
    tflc_broadcast_walk_t w;
    int32_t o, i;

    for (tflc_broadcast_start(&w, b, size), o = 0; o < size; o += w.run, tflc_broadcast_next(&w, b)) {
        for (i = 0; i < w.run; i++) {
            const float d = x[w.at1 + i * w.step1] - y[w.at2 + i * w.step2];
            output[o + i] = d * d;
        }
    }
}
