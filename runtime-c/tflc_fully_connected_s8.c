/*
 * tflc_fully_connected_s8: int8 FULLY_CONNECTED, per-tensor or per-channel, as the Java reference
 * FullyConnected.Int8 (TFLM's reference FullyConnected). For each of `batches` rows of `depth`
 * inputs and each unit u: acc = bias[u] + sum of weights[u][d] * (input[d] + input_offset),
 * wrapping like Java's int; out = clamp(mbqm(acc, multiplier[u], shift[u]) + output_offset).
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_fully_connected_s8(int32_t batches, int32_t depth, int32_t units, const tflc_requant_t *q,
                             const int8_t *input, const TFLC_ROM int8_t *weights, const TFLC_ROM int32_t *bias,
                             int8_t *output)
{
    const uint32_t input_offset = (uint32_t)q->input_offset;
    const int32_t output_offset = q->output_offset;
    const int32_t act_min = q->act_min, act_max = q->act_max;
    const TFLC_ROM int32_t *const multipliers = q->multipliers;
    const TFLC_ROM int8_t *const shifts = q->shifts;
#define TFLC_FC_WEIGHT int8_t
#define TFLC_FC_ACC uint32_t
#define TFLC_FC_ZERO 0u
#define TFLC_FC_MAC(acc, x, wt) ((acc) + (uint32_t)(wt) * ((uint32_t)(x) + input_offset))
#define TFLC_FC_OUT(acc, u, c)                                                                                  \
    (int8_t)tflc_requantize(tflc_s32((acc) + (bias != 0 ? (uint32_t)bias[u] : 0u)), multipliers[c], shifts[c],  \
                            output_offset, act_min, act_max)
#define TFLC_FC_CHANNEL_STEP (q->per_channel ? 1 : 0)
#include "tflc_fully_connected_loops.h"
}
