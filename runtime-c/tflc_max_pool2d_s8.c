/*
 * tflc_max_pool2d_s8: int8 MAX_POOL_2D, as the Java reference Pool2D (TFLM's MaxPool). Each
 * output is the largest in-bounds window element of its channel, clamped to [act_min, act_max].
 */
#include "tflc_kernels.h"

void tflc_max_pool2d_s8(const tflc_window_t *w, int32_t act_min, int32_t act_max, const int8_t *input,
                        int8_t *output)
{
#define TFLC_POOL_T int8_t
#define TFLC_POOL_ACC int32_t
#define TFLC_POOL_START INT32_MIN
#define TFLC_POOL_ADD(acc, x) ((x) > (acc) ? (x) : (acc))
#define TFLC_POOL_OUT(acc, count) \
    ((void)(count), (int8_t)((acc) < act_min ? act_min : (acc) > act_max ? act_max : (acc)))
#include "tflc_pool2d_loops.h"
}
