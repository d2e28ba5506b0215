/*
 * tflc_max_pool2d_f32: float MAX_POOL_2D, as the Java reference Pool2D: the largest in-bounds
 * window element of each channel (Math.max, from -FLT_MAX), clamped to [act_min, act_max].
 */
#include <float.h>

#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_max_pool2d_f32(const tflc_window_t *w, float act_min, float act_max, const float *input, float *output)
{
#define TFLC_POOL_T float
#define TFLC_POOL_ACC float
#define TFLC_POOL_START (-FLT_MAX)
#define TFLC_POOL_ADD(acc, x) tflc_maxf(acc, x)
#define TFLC_POOL_OUT(acc, count) ((void)(count), tflc_clampf(acc, act_min, act_max))
#include "tflc_pool2d_loops.h"
}
