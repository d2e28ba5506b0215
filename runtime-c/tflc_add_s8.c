/*
 * tflc_add_s8: int8 ADD with broadcasting, as the Java reference Add.Int8 (TFLM's reference add),
 * element by element as tflc_add_one_s8.
 */
#include "tflc_add_s8.h"

/* n elements of x and y, step1 and step2 apart, added into out. */
static void add_run(const tflc_add_params_t *p, const int8_t *x, int32_t step1, const int8_t *y, int32_t step2,
                    int8_t *out, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; i++) {
        out[i] = tflc_add_one_s8(p, x[i * step1], y[i * step2]);
    }
}

void tflc_add_s8(const tflc_broadcast_t *b, int32_t size, const tflc_add_params_t *p, const int8_t *x,
                 const int8_t *y, int8_t *output)
{
    const tflc_add_params_t params = *p; /* a local copy: the int8 stores cannot alias it */
    tflc_broadcast_walk_t w;
    int32_t o;

    if (b == NULL) {
        add_run(&params, x, 1, y, 1, output, size);
        return;
    }
    for (tflc_broadcast_start(&w, b, size), o = 0; o < size; o += w.run, tflc_broadcast_next(&w, b)) {
        add_run(&params, x + w.at1, w.step1, y + w.at2, w.step2, output + o, w.run);
    }
}
