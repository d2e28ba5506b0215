/*
 * tflc_div_f32: float DIV with broadcasting, as the Java reference Div.Float32: x / y clamped to
 * [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_div_f32(const tflc_broadcast_t *b, int32_t size, float act_min, float act_max, const float *x,
                  const float *y, float *output)
{
    tflc_broadcast_walk_t w;
    int32_t o, i;

    for (tflc_broadcast_start(&w, b, size), o = 0; o < size; o += w.run, tflc_broadcast_next(&w, b)) {
        for (i = 0; i < w.run; i++) {
            output[o + i] = tflc_clampf(x[w.at1 + i * w.step1] / y[w.at2 + i * w.step2], act_min, act_max);
        }
    }
}
