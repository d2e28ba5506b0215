/*
 * tflc_transpose_conv_s8: int8 TRANSPOSE_CONV, as the Java reference TransposeConv.Int8 (TFLM's
 * reference integer TransposeConv). Each output element gathers the input elements and taps that
 * reach it (TFLM scatters; integer sums are the same in any order): acc = bias[oc] + sum of
 * (input + input_offset) * filter, wrapping like Java's int; out = clamp(mbqm(acc) + output_offset).
 * Returns 1 without writing when output_shape is not the compiled shape, else 0.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

int tflc_transpose_conv_s8(const tflc_window_t *w, const tflc_requant_t *q, const int32_t *output_shape,
                           const int8_t *input, const TFLC_ROM int8_t *filter, const TFLC_ROM int32_t *bias,
                           int8_t *output)
{
    const uint32_t input_offset = (uint32_t)q->input_offset;
#define TFLC_TC_IN int8_t
#define TFLC_TC_FILTER int8_t
#define TFLC_TC_ACC uint32_t
#define TFLC_TC_ZERO 0u
#define TFLC_TC_MAC(acc, x, f) ((acc) + ((uint32_t)(x) + input_offset) * (uint32_t)(f))
#define TFLC_TC_OUT(acc, oc, c)                                                                                 \
    (int8_t)tflc_requantize(tflc_s32((acc) + (bias != 0 ? (uint32_t)bias[oc] : 0u)), q->multipliers[c],        \
                            q->shifts[c], q->output_offset, q->act_min, q->act_max)
#define TFLC_TC_CHANNEL_STEP (q->per_channel ? 1 : 0)
#include "tflc_transpose_conv_loops.h"
}
