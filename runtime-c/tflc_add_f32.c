/* tflc_add_f32: float ADD with broadcasting and the activation clamp. */
#include "tflc_kernels.h"

static float clamp(float v, float lo, float hi)
{
    v = v < lo ? lo : v;
    return v > hi ? hi : v;
}

void tflc_add_f32(const tflc_broadcast_t *b, int32_t size, float act_min, float act_max, const float *x,
                  const float *y, float *output)
{
    int32_t idx[TFLC_MAX_RANK] = {0};
    int32_t i1 = 0;
    int32_t i2 = 0;
    int32_t o, d;
    if (b == 0) {
        for (o = 0; o < size; o++) {
            output[o] = clamp(x[o] + y[o], act_min, act_max);
        }
        return;
    }
    for (o = 0; o < size; o++) {
        output[o] = clamp(x[i1] + y[i2], act_min, act_max);
        for (d = b->rank - 1; d >= 0; d--) {
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
