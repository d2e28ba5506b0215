/*
 * tflc_conv2d_s8: int8 CONV_2D (grouped when filter_c < in_c), per-tensor or per-channel
 * requantization, as the Java reference Conv2D.Int8 (TFLM's ConvPerChannel).
 * acc = bias[oc] + sum over the in-bounds taps of filter * (input + input_offset), wrapping like
 * Java's int; out = clamp(mbqm(acc, multiplier[oc], shift[oc]) + output_offset).
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_conv2d_s8(const tflc_window_t *w, int32_t filter_c, const tflc_requant_t *q, const int8_t *input,
                    const TFLC_ROM int8_t *filter, const TFLC_ROM int32_t *bias, int8_t *output)
{
    const uint32_t input_offset = (uint32_t)q->input_offset;
    const int32_t output_offset = q->output_offset;
    const int32_t act_min = q->act_min, act_max = q->act_max;
    const TFLC_ROM int32_t *const multipliers = q->multipliers;
    const TFLC_ROM int8_t *const shifts = q->shifts;
#define TFLC_CONV_IN int8_t
#define TFLC_CONV_FILTER int8_t
#define TFLC_CONV_ACC uint32_t
#define TFLC_CONV_ZERO 0u
#define TFLC_CONV_MAC(acc, x, f) ((acc) + (uint32_t)(f) * ((uint32_t)(x) + input_offset))
#define TFLC_CONV_OUT(acc, oc, c)                                                                               \
    (int8_t)tflc_requantize(tflc_s32((acc) + (bias != 0 ? (uint32_t)bias[oc] : 0u)), multipliers[c], shifts[c], \
                            output_offset, act_min, act_max)
#define TFLC_CONV_CHANNEL_STEP (q->per_channel ? 1 : 0)
#include "tflc_conv2d_loops.h"
}
