/*
 * tflc runtime: the portable C99 kernels that generated code calls.
 *
 * Every size, multiplier and clamp bound is computed by the compiler and passed in; the kernels
 * allocate nothing, keep no globals and never fail. Tensors are NHWC; int8 weights are symmetric.
 * The integer arithmetic is TensorFlow Lite Micro's reference arithmetic, bit for bit, as defined
 * by the compiler's Java reference (dev.tflc.ops).
 */
#ifndef TFLC_KERNELS_H
#define TFLC_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#define TFLC_MAX_RANK 6

/* A 2-D sliding window over an NHWC tensor (convolution, depthwise convolution, pooling). */
typedef struct {
    int32_t batches;
    int32_t in_h, in_w, in_c;
    int32_t filter_h, filter_w;
    int32_t out_h, out_w, out_c;
    int32_t stride_h, stride_w;
    int32_t dilation_h, dilation_w;
    int32_t pad_h, pad_w; /* padding before the first row / column */
} tflc_window_t;

/*
 * Requantization of an int8 accumulator: out = clamp(mbqm(acc, multiplier[c], shift[c]) + output_offset).
 * With per_channel == 0 only multipliers[0] and shifts[0] are read.
 */
typedef struct {
    int32_t input_offset;  /* minus the input zero point */
    int32_t output_offset; /* the output zero point */
    int32_t act_min, act_max;
    int32_t per_channel;
    const int32_t *multipliers;
    const int32_t *shifts;
} tflc_requant_t;

/* Element strides of two inputs over the output's dimensions (0 along a broadcast dimension). */
typedef struct {
    int32_t rank;
    int32_t out_dims[TFLC_MAX_RANK];
    int32_t strides1[TFLC_MAX_RANK];
    int32_t strides2[TFLC_MAX_RANK];
} tflc_broadcast_t;

/* int8 ADD: both inputs shifted left, scaled to a common scale, summed, scaled to the output. */
typedef struct {
    int32_t left_shift;
    int32_t offset1, multiplier1, shift1;
    int32_t offset2, multiplier2, shift2;
    int32_t output_offset, output_multiplier, output_shift;
    int32_t act_min, act_max;
} tflc_add_params_t;

/* CONV_2D. filter is [out_c][filter_h][filter_w][filter_c]; groups = in_c / filter_c. bias may be NULL. */
void tflc_conv2d_s8(const tflc_window_t *w, int32_t filter_c, const tflc_requant_t *q, const int8_t *input,
                    const int8_t *filter, const int32_t *bias, int8_t *output);
void tflc_conv2d_f32(const tflc_window_t *w, int32_t filter_c, float act_min, float act_max, const float *input,
                     const float *filter, const float *bias, float *output);

/* DEPTHWISE_CONV_2D. filter is [filter_h][filter_w][out_c]; out channel ic*m + k reads in channel ic,
 * m = out_c / in_c. bias may be NULL. */
void tflc_depthwise_conv2d_s8(const tflc_window_t *w, const tflc_requant_t *q, const int8_t *input,
                              const int8_t *filter, const int32_t *bias, int8_t *output);
void tflc_depthwise_conv2d_f32(const tflc_window_t *w, float act_min, float act_max, const float *input,
                               const float *filter, const float *bias, float *output);

/* FULLY_CONNECTED. weights are [units][depth]; input is batches rows of depth. bias may be NULL. */
void tflc_fully_connected_s8(int32_t batches, int32_t depth, int32_t units, const tflc_requant_t *q,
                             const int8_t *input, const int8_t *weights, const int32_t *bias, int8_t *output);
void tflc_fully_connected_f32(int32_t batches, int32_t depth, int32_t units, float act_min, float act_max,
                              const float *input, const float *weights, const float *bias, float *output);

/* AVERAGE_POOL_2D / MAX_POOL_2D (in_c == out_c, no dilation); only in-bounds elements count. */
void tflc_avg_pool2d_s8(const tflc_window_t *w, int32_t act_min, int32_t act_max, const int8_t *input,
                        int8_t *output);
void tflc_max_pool2d_s8(const tflc_window_t *w, int32_t act_min, int32_t act_max, const int8_t *input,
                        int8_t *output);
void tflc_avg_pool2d_f32(const tflc_window_t *w, float act_min, float act_max, const float *input, float *output);
void tflc_max_pool2d_f32(const tflc_window_t *w, float act_min, float act_max, const float *input, float *output);

/* ADD. With b == NULL both inputs have `size` elements; otherwise b describes the broadcast. */
void tflc_add_s8(const tflc_broadcast_t *b, int32_t size, const tflc_add_params_t *p, const int8_t *x,
                 const int8_t *y, int8_t *output);
void tflc_add_f32(const tflc_broadcast_t *b, int32_t size, float act_min, float act_max, const float *x,
                  const float *y, float *output);

/* SOFTMAX over the last dimension: rows x depth. int8 output has scale 1/256, zero point -128. */
void tflc_softmax_s8(int32_t rows, int32_t depth, int32_t input_multiplier, int32_t input_left_shift,
                     int32_t diff_min, const int8_t *input, int8_t *output);
void tflc_softmax_f32(int32_t rows, int32_t depth, float beta, const float *input, float *output);

/* QUANTIZE float -> int: clamp(round_half_away(x / scale) + zero_point). */
void tflc_quantize_f32_s8(int32_t size, float scale, int32_t zero_point, const float *input, int8_t *output);
void tflc_quantize_f32_s16(int32_t size, float scale, int32_t zero_point, const float *input, int16_t *output);

/* QUANTIZE int -> int: clamp(mbqm(x - input_zero_point, multiplier, shift) + output_zero_point). */
void tflc_requantize_s8_s8(int32_t size, int32_t input_zero_point, int32_t multiplier, int32_t shift,
                           int32_t output_zero_point, const int8_t *input, int8_t *output);
void tflc_requantize_s8_s16(int32_t size, int32_t input_zero_point, int32_t multiplier, int32_t shift,
                            int32_t output_zero_point, const int8_t *input, int16_t *output);
void tflc_requantize_s16_s8(int32_t size, int32_t input_zero_point, int32_t multiplier, int32_t shift,
                            int32_t output_zero_point, const int16_t *input, int8_t *output);
void tflc_requantize_s16_s16(int32_t size, int32_t input_zero_point, int32_t multiplier, int32_t shift,
                             int32_t output_zero_point, const int16_t *input, int16_t *output);
void tflc_requantize_s8_s32(int32_t size, int32_t input_zero_point, int32_t multiplier, int32_t shift,
                            int32_t output_zero_point, const int8_t *input, int32_t *output);
void tflc_requantize_s16_s32(int32_t size, int32_t input_zero_point, int32_t multiplier, int32_t shift,
                             int32_t output_zero_point, const int16_t *input, int32_t *output);

/* DEQUANTIZE: scale * (q - zero_point), rounded once to float. */
void tflc_dequantize_s8_f32(int32_t size, float scale, int32_t zero_point, const int8_t *input, float *output);
void tflc_dequantize_s16_f32(int32_t size, float scale, int32_t zero_point, const int16_t *input, float *output);

/* RESHAPE when its output could not share its input's memory: a plain byte copy. */
void tflc_copy(int32_t bytes, const void *input, void *output);

#endif /* TFLC_KERNELS_H */
