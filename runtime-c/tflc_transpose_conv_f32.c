/*
 * tflc_transpose_conv_f32: float TRANSPOSE_CONV, as the Java reference TransposeConv.Float32 (TFLM's
 * reference TransposeConv). Each output element gathers the products input * filter that reach it, in
 * the order TFLM's scatter adds them to it (input row, input column, input channel), from 0; then
 * adds bias[oc] and clamps to [act_min, act_max].
 * Returns 1 without writing when output_shape is not the compiled shape, else 0.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

int tflc_transpose_conv_f32(const tflc_window_t *w, float act_min, float act_max, const int32_t *output_shape,
                            const float *input, const TFLC_ROM float *filter, const TFLC_ROM float *bias, float *output)
{
#define TFLC_TC_IN float
#define TFLC_TC_FILTER float
#define TFLC_TC_ACC float
#define TFLC_TC_ZERO 0.0f
#define TFLC_TC_MAC(acc, x, f) ((acc) + (x) * (f))
#define TFLC_TC_OUT(acc, oc, c) ((void)(c), tflc_clampf(bias != 0 ? (acc) + bias[oc] : (acc), act_min, act_max))
#define TFLC_TC_CHANNEL_STEP 0
#include "tflc_transpose_conv_loops.h"
}
