/*
 * tflc_fully_connected_s16: 16x8 FULLY_CONNECTED (int16 activations, int8 weights), per-tensor or
 * per-channel, as the Java reference FullyConnected.Int16 (TFLM's FullyConnected on int16 input).
 * For each of `batches` rows of `depth` inputs and each unit u: acc = sum of weights[u][d] * input[d]
 * (exact, in 64 bits), then tflc_requantize_16x8 adds bias[u] and scales.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_fully_connected_s16(int32_t batches, int32_t depth, int32_t units, const tflc_requant_t *q,
                              const int16_t *input, const TFLC_ROM int8_t *weights, const TFLC_ROM void *bias,
                              int32_t bias_bits, int16_t *output)
{
    const int32_t act_min = q->act_min, act_max = q->act_max;
    const TFLC_ROM int32_t *const multipliers = q->multipliers;
    const TFLC_ROM int8_t *const shifts = q->shifts;
#define TFLC_FC_WEIGHT int8_t
#define TFLC_FC_ACC uint64_t
#define TFLC_FC_ZERO 0u
#define TFLC_FC_MAC(acc, x, wt) ((acc) + (uint64_t)(int64_t)((int32_t)(wt) * (int32_t)(x)))
#define TFLC_FC_OUT(acc, u, c)                                                                                  \
    tflc_requantize_16x8((acc) + tflc_bias_16x8(bias, bias_bits, u), bias_bits, multipliers[c], shifts[c],      \
                         act_min, act_max)
#define TFLC_FC_CHANNEL_STEP (q->per_channel ? 1 : 0)
#include "tflc_fully_connected_loops.h"
}
