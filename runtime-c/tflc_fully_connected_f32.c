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
    int32_t b, u, d;

    for (b = 0; b < batches; b++, input += depth) {
        const TFLC_ROM float *row = weights;
        for (u = 0; u < units; u++, row += depth) {
            float total = 0.0f;
            for (d = 0; d < depth; d++) {
                total += input[d] * row[d];
            }
            *output++ = tflc_clampf(total + (bias != 0 ? bias[u] : 0.0f), act_min, act_max);
        }
    }
}
