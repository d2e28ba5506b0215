/*
 * tflc_sub_s8: int8 SUB with broadcasting, as the Java reference Sub.Int8 (TFLM's reference sub),
 * element by element as tflc_add_sub_one_s8.
 */
#include "tflc_add_s8.h"

void tflc_sub_s8(const tflc_broadcast_t *b, int32_t size, const tflc_add_params_t *p, const int8_t *x,
                 const int8_t *y, int8_t *output)
{
    const tflc_add_params_t params = *p; /* a local copy: the int8 stores cannot alias it */
    tflc_broadcast_walk_t w;
    int32_t o, i;

    for (tflc_broadcast_start(&w, b, size), o = 0; o < size; o += w.run, tflc_broadcast_next(&w, b)) {
        for (i = 0; i < w.run; i++) {
            output[o + i] = tflc_add_sub_one_s8(&params, x[w.at1 + i * w.step1], y[w.at2 + i * w.step2], 1);
        }
    }
}
