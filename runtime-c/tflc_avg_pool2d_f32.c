/*
 * tflc_avg_pool2d_f32: float AVERAGE_POOL_2D, as the Java reference Pool2D: the in-bounds window
 * elements of each channel summed in (fy, fx) order, divided by their count (0 for an empty
 * window), clamped to [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_avg_pool2d_f32(const tflc_window_t *w, float act_min, float act_max, const float *input, float *output)
{
#define TFLC_POOL_T float
#define TFLC_POOL_ACC float
#define TFLC_POOL_START 0.0f
#define TFLC_POOL_ADD(acc, x) ((acc) + (x))
#define TFLC_POOL_OUT(acc, count) tflc_clampf((count) == 0 ? 0.0f : (acc) / (float)(count), act_min, act_max)
#include "tflc_pool2d_loops.h"
}
