/*
 * tflc_conv2d_f32: float CONV_2D (grouped when filter_c < in_c), as the Java reference
 * Conv2D.Float32: each output sums input * filter over the in-bounds taps in (fy, fx, ic) order,
 * adds the bias (0 when NULL), and is clamped to [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

/* The reference rounds every product and every sum: no fused multiply-add. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

void tflc_conv2d_f32(const tflc_window_t *w, int32_t filter_c, float act_min, float act_max, const float *input,
                     const TFLC_ROM float *filter, const TFLC_ROM float *bias, float *output)
{
#define TFLC_CONV_IN float
#define TFLC_CONV_FILTER float
#define TFLC_CONV_ACC float
#define TFLC_CONV_ZERO 0.0f
#define TFLC_CONV_MAC(acc, x, f) ((acc) + (x) * (f))
#define TFLC_CONV_OUT(acc, oc, c) ((void)(c), tflc_clampf((acc) + (bias != 0 ? bias[oc] : 0.0f), act_min, act_max))
#define TFLC_CONV_CHANNEL_STEP 0
#include "tflc_conv2d_loops.h"
}
