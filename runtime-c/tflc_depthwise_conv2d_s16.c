/*
 * tflc_depthwise_conv2d_s16: 16x8 DEPTHWISE_CONV_2D (int16 activations, int8 weights), as the Java
 * reference DepthwiseConv2D.Int16 (TFLM's 16-bit DepthwiseConvPerChannel). Output channel
 * oc = ic * m + k reads input channel ic; acc = sum over the in-bounds taps of filter * input (exact,
 * in 64 bits), then tflc_requantize_16x8 adds bias[oc] and scales.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_depthwise_conv2d_s16(const tflc_window_t *w, const tflc_requant_t *q, const int16_t *input,
                               const TFLC_ROM int8_t *filter, const TFLC_ROM void *bias, int32_t bias_bits,
                               int16_t *output)
{
    const int32_t act_min = q->act_min, act_max = q->act_max;
    const TFLC_ROM int32_t *const multipliers = q->multipliers;
    const TFLC_ROM int8_t *const shifts = q->shifts;
#define TFLC_DW_IN int16_t
#define TFLC_DW_FILTER int8_t
#define TFLC_DW_ACC uint64_t
#define TFLC_DW_ZERO 0u
#define TFLC_DW_MAC(acc, x, f) ((acc) + (uint64_t)(int64_t)((int32_t)(f) * (int32_t)(x)))
#define TFLC_DW_OUT(acc, oc, c)                                                                                 \
    tflc_requantize_16x8((acc) + tflc_bias_16x8(bias, bias_bits, oc), bias_bits, multipliers[c], shifts[c],     \
                         act_min, act_max)
#define TFLC_DW_CHANNEL_STEP (q->per_channel ? 1 : 0)
#include "tflc_depthwise_conv2d_loops.h"
}
