/*
 * tflc_avg_pool2d_s8: int8 AVERAGE_POOL_2D, as the Java reference Pool2D (TFLM's AveragePool).
 * Each output is the sum of the in-bounds window elements of its channel divided by their count,
 * rounded half away from zero, clamped to [act_min, act_max] (0 for an empty window).
 */
#include "tflc_kernels.h"

/* The average of `count` elements summing to acc, rounded half away from zero, clamped. */
static int8_t average(int32_t acc, int32_t count, int32_t act_min, int32_t act_max)
{
    const int32_t half = count / 2;
    if (count == 0) {
        return 0;
    }
    acc = acc > 0 ? (acc + half) / count : (acc - half) / count;
    return (int8_t)(acc < act_min ? act_min : acc > act_max ? act_max : acc);
}

void tflc_avg_pool2d_s8(const tflc_window_t *w, int32_t act_min, int32_t act_max, const int8_t *input,
                        int8_t *output)
{
#define TFLC_POOL_T int8_t
#define TFLC_POOL_ACC int32_t
#define TFLC_POOL_START 0
#define TFLC_POOL_ADD(acc, x) ((acc) + (x))
#define TFLC_POOL_OUT(acc, count) average(acc, count, act_min, act_max)
#include "tflc_pool2d_loops.h"
}
