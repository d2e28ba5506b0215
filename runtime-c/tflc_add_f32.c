/*
 * tflc_add_f32: float ADD with broadcasting, as the Java reference Add.Float32: x + y clamped to
 * [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_add_f32(const tflc_broadcast_t *b, int32_t size, float act_min, float act_max, const float *x,
                  const float *y, float *output)
{
    tflc_broadcast_walk_t w;
    int32_t o, i;

    if (b == NULL) {
        for (i = 0; i < size; i++) {
            output[i] = tflc_clampf(x[i] + y[i], act_min, act_max);
        }
        return;
    }
    for (tflc_broadcast_start(&w, b, size), o = 0; o < size; o += w.run, tflc_broadcast_next(&w, b)) {
        for (i = 0; i < w.run; i++) {
            output[o + i] = tflc_clampf(x[w.at1 + i * w.step1] + y[w.at2 + i * w.step2], act_min, act_max);
        }
    }
}
