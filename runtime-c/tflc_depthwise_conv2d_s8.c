/*
 * tflc_depthwise_conv2d_s8: int8 DEPTHWISE_CONV_2D with per-tensor or per-channel requantization,
 * as the Java reference DepthwiseConv2D.Int8 (TFLM's DepthwiseConvPerChannel). Output channel
 * oc = ic * m + k reads input channel ic; acc = bias[oc] + sum over the in-bounds taps of
 * filter * (input + input_offset), wrapping like Java's int;
 * out = clamp(mbqm(acc, multiplier[oc], shift[oc]) + output_offset).
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_depthwise_conv2d_s8(const tflc_window_t *w, const tflc_requant_t *q, const int8_t *input,
                              const TFLC_ROM int8_t *filter, const TFLC_ROM int32_t *bias, int8_t *output)
{
    const uint32_t input_offset = (uint32_t)q->input_offset;
    const int32_t output_offset = q->output_offset;
    const int32_t act_min = q->act_min, act_max = q->act_max;
    const TFLC_ROM int32_t *const multipliers = q->multipliers;
    const TFLC_ROM int8_t *const shifts = q->shifts;
#define TFLC_DW_IN int8_t
#define TFLC_DW_FILTER int8_t
#define TFLC_DW_ACC uint32_t
#define TFLC_DW_ZERO 0u
#define TFLC_DW_MAC(acc, x, f) ((acc) + (uint32_t)(f) * ((uint32_t)(x) + input_offset))
#define TFLC_DW_OUT(acc, oc, c)                                                                                 \
    (int8_t)tflc_requantize(tflc_s32((acc) + (bias != 0 ? (uint32_t)bias[oc] : 0u)), multipliers[c], shifts[c], \
                            output_offset, act_min, act_max)
#define TFLC_DW_CHANNEL_STEP (q->per_channel ? 1 : 0)
#include "tflc_depthwise_conv2d_loops.h"
}
