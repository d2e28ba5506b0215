/*
 * tflc_prelu_f32: float PRELU with broadcasting (x the input, y alpha), as the Java reference
 * Prelu.Float32: x >= 0 ? x : x * alpha.
 */
#include "tflc_kernels.h"

void tflc_prelu_f32(const tflc_broadcast_t *b, int32_t size, const float *x, const float *y, float *output)
{
    tflc_broadcast_walk_t w;
    int32_t o, i;

    for (tflc_broadcast_start(&w, b, size), o = 0; o < size; o += w.run, tflc_broadcast_next(&w, b)) {
        for (i = 0; i < w.run; i++) {
            const float v = x[w.at1 + i * w.step1];
            output[o + i] = v >= 0.0f ? v : v * y[w.at2 + i * w.step2];
        }
    }
}
