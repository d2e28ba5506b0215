/*
 * tflc_pool2d_s16: int16 AVERAGE_POOL_2D (max == 0) and MAX_POOL_2D (max == 1) for 16-bit
 * activations, as the Java reference Pool2D.Int16 (TFLM's int16 AveragePool and MaxPool). Each
 * output is, over the in-bounds window elements of its channel, their sum divided by their count and
 * rounded half away from zero (0 for an empty window), or their largest; clamped to
 * [act_min, act_max].
 */
#include "tflc_kernels.h"

/* The output from the running value over `count` elements: their average, or their largest. */
static int16_t pooled(int32_t max, int32_t acc, int32_t count, int32_t act_min, int32_t act_max)
{
    if (!max) {
        acc = count == 0 ? 0 : acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
    }
    return (int16_t)(acc < act_min ? act_min : acc > act_max ? act_max : acc);
}

void tflc_pool2d_s16(const tflc_window_t *w, int32_t max, int32_t act_min, int32_t act_max, const int16_t *input,
                     int16_t *output)
{
#define TFLC_POOL_T int16_t
#define TFLC_POOL_ACC int32_t
#define TFLC_POOL_START (max ? INT32_MIN : 0)
#define TFLC_POOL_ADD(acc, x) (!max ? (acc) + (x) : (x) > (acc) ? (x) : (acc))
#define TFLC_POOL_OUT(acc, count) pooled(max, acc, count, act_min, act_max)
#include "tflc_pool2d_loops.h"
}
