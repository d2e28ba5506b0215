/*
 * tflc_add_f32: float ADD with broadcasting, as the Java reference Add.Float32: x + y clamped to
 * [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_add_f32(const tflc_broadcast_t *b, int32_t size, float act_min, float act_max, const float *x,
                  const float *y, float *output)
{
    int32_t idx[TFLC_MAX_RANK] = {0};
    int32_t rank, inner, s1, s2, o, i, d;
    int32_t i1 = 0, i2 = 0; /* the first element of the run in x and in y */

    if (b == NULL) {
        for (i = 0; i < size; i++) {
            output[i] = tflc_clampf(x[i] + y[i], act_min, act_max);
        }
        return;
    }
    rank = b->rank;
    if (rank == 0) {
        if (size > 0) {
            output[0] = tflc_clampf(x[0] + y[0], act_min, act_max);
        }
        return;
    }
    /* The output in order: a run along the last dimension, then the other indices advance as an
     * odometer (Broadcast.forEach). */
    inner = b->out_dims[rank - 1];
    s1 = b->strides1[rank - 1];
    s2 = b->strides2[rank - 1];
    for (o = 0; o < size; o += inner) {
        int32_t a = i1, c = i2;
        for (i = 0; i < inner; i++, a += s1, c += s2) {
            output[o + i] = tflc_clampf(x[a] + y[c], act_min, act_max);
        }
        for (d = rank - 2; d >= 0; d--) {
            idx[d]++;
            i1 += b->strides1[d];
            i2 += b->strides2[d];
            if (idx[d] < b->out_dims[d]) {
                break;
            }
            i1 -= b->strides1[d] * b->out_dims[d];
            i2 -= b->strides2[d] * b->out_dims[d];
            idx[d] = 0;
        }
    }
}
