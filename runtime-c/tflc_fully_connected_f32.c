/*
 * tflc_fully_connected_f32: float FULLY_CONNECTED, as the Java reference FullyConnected.Float32.
 * For each of `batches` rows of `depth` inputs and each unit u: the sum of input[d] * weights[u][d]
 * in d order, plus the bias (0 when NULL), clamped to [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

/* The reference rounds every product and every sum: no fused multiply-add. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

void tflc_fully_connected_f32(int32_t batches, int32_t depth, int32_t units, float act_min, float act_max,
                              const float *input, const TFLC_ROM float *weights, const TFLC_ROM float *bias,
                              float *output)
{
#define TFLC_FC_WEIGHT float
#define TFLC_FC_ACC float
#define TFLC_FC_ZERO 0.0f
#define TFLC_FC_MAC(acc, x, wt) ((acc) + (x) * (wt))
#define TFLC_FC_OUT(acc, u, c) ((void)(c), tflc_clampf((acc) + (bias != 0 ? bias[u] : 0.0f), act_min, act_max))
#define TFLC_FC_CHANNEL_STEP 0
#include "tflc_fully_connected_loops.h"
}
