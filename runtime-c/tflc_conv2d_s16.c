/*
 * tflc_conv2d_s16: 16x8 CONV_2D (int16 activations, int8 weights; grouped when filter_c < in_c), as
 * the Java reference Conv2D.Int16 (TFLM's 16-bit ConvPerChannel). acc = sum over the in-bounds taps
 * of filter * input (exact, in 64 bits), then tflc_requantize_16x8 adds bias[oc] and scales: int32
 * accumulator and multiply with an int32 bias, int64 otherwise.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_conv2d_s16(const tflc_window_t *w, int32_t filter_c, const tflc_requant_t *q, const int16_t *input,
                     const TFLC_ROM int8_t *filter, const TFLC_ROM void *bias, int32_t bias_bits, int16_t *output)
{
    const int32_t act_min = q->act_min, act_max = q->act_max;
    const TFLC_ROM int32_t *const multipliers = q->multipliers;
    const TFLC_ROM int8_t *const shifts = q->shifts;
#define TFLC_CONV_IN int16_t
#define TFLC_CONV_FILTER int8_t
#define TFLC_CONV_ACC uint64_t
#define TFLC_CONV_ZERO 0u
#define TFLC_CONV_MAC(acc, x, f) ((acc) + (uint64_t)(int64_t)((int32_t)(f) * (int32_t)(x)))
#define TFLC_CONV_OUT(acc, oc, c)                                                                               \
    tflc_requantize_16x8((acc) + tflc_bias_16x8(bias, bias_bits, oc), bias_bits, multipliers[c], shifts[c],     \
                         act_min, act_max)
#define TFLC_CONV_CHANNEL_STEP (q->per_channel ? 1 : 0)
#include "tflc_conv2d_loops.h"
}
