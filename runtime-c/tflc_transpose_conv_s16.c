/*
 * tflc_transpose_conv_s16: 16x8 TRANSPOSE_CONV (int16 activations, int8 weights), as the Java
 * reference TransposeConv.Int16 (TFLM's 16-bit TransposeConv with its int64 accumulator). Each output
 * element gathers the input elements and taps that reach it (TFLM scatters into an int64 buffer;
 * integer sums are the same in any order, so no buffer is needed): acc = sum of input * filter
 * (exact, in 64 bits), then tflc_requantize_16x8 adds the int16 or int64 bias[oc] and scales.
 * Returns 1 without writing when output_shape is not the compiled shape, else 0.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

int tflc_transpose_conv_s16(const tflc_window_t *w, const tflc_requant_t *q, const int32_t *output_shape,
                            const int16_t *input, const TFLC_ROM int8_t *filter, const TFLC_ROM void *bias,
                            int32_t bias_bits, int16_t *output)
{
#define TFLC_TC_IN int16_t
#define TFLC_TC_FILTER int8_t
#define TFLC_TC_ACC uint64_t
#define TFLC_TC_ZERO 0u
#define TFLC_TC_MAC(acc, x, f) ((acc) + (uint64_t)(int64_t)((int32_t)(x) * (int32_t)(f)))
#define TFLC_TC_OUT(acc, oc, c)                                                                                 \
    tflc_requantize_16x8((acc) + tflc_bias_16x8(bias, bias_bits, oc), bias_bits, q->multipliers[c],            \
                         q->shifts[c], q->act_min, q->act_max)
#define TFLC_TC_CHANNEL_STEP (q->per_channel ? 1 : 0)
#include "tflc_transpose_conv_loops.h"
}
