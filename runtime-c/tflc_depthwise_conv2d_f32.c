/*
 * tflc_depthwise_conv2d_f32: float DEPTHWISE_CONV_2D, as the Java reference
 * DepthwiseConv2D.Float32. Output channel oc = ic * m + k reads input channel ic and sums
 * input * filter over the in-bounds taps in (fy, fx) order, adds the bias (0 when NULL), and is
 * clamped to [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

/* The reference rounds every product and every sum: no fused multiply-add. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

void tflc_depthwise_conv2d_f32(const tflc_window_t *w, float act_min, float act_max, const float *input,
                               const TFLC_ROM float *filter, const TFLC_ROM float *bias, float *output)
{
#define TFLC_DW_IN float
#define TFLC_DW_FILTER float
#define TFLC_DW_ACC float
#define TFLC_DW_ZERO 0.0f
#define TFLC_DW_MAC(acc, x, f) ((acc) + (x) * (f))
#define TFLC_DW_OUT(acc, oc, c) ((void)(c), tflc_clampf((acc) + (bias != 0 ? bias[oc] : 0.0f), act_min, act_max))
#define TFLC_DW_CHANNEL_STEP 0
#include "tflc_depthwise_conv2d_loops.h"
}
