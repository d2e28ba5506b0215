/*
 * tflc runtime: the portable C99 kernels that generated code calls.
 *
 * Every size, multiplier and clamp bound is computed by the compiler and passed in; the kernels
 * allocate nothing and keep no globals. They never fail, except where a kernel checks a run-time
 * operand against what the compiler assumed (it returns nonzero then). Tensors are NHWC; int8
 * weights are symmetric. The integer arithmetic is TensorFlow Lite Micro's reference arithmetic,
 * bit for bit, as defined by the compiler's Java reference (dev.tflc.ops).
 */
#ifndef TFLC_KERNELS_H
#define TFLC_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#define TFLC_MAX_RANK 6

/*
 * Where constants are read from. On AVR (Harvard: flash is not in the data address space) weights,
 * biases and the compiler's tables stay in flash and are read through avr-gcc's named address spaces
 * (GNU C: -std=gnu99 or later): __flash (16-bit pointers) on parts with at most 64 KiB of flash,
 * __memx (24-bit pointers, flash beyond 64 KiB too) on larger ones. Everywhere else it is empty.
 * The generated arrays and the kernels' constant parameters carry it.
 */
#ifndef TFLC_ROM
#if defined(__AVR__) && defined(__AVR_HAVE_ELPM__) && defined(__MEMX)
#define TFLC_ROM __memx
#elif defined(__AVR__) && !defined(__AVR_HAVE_ELPM__) && defined(__FLASH)
#define TFLC_ROM __flash
#elif defined(__AVR__)
#error "tflc: build for AVR in GNU C (-std=gnu99 or later): constants are read through __flash / __memx"
#else
#define TFLC_ROM
#endif
#endif

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
 * With per_channel == 0 only multipliers[0] and shifts[0] are read. A shift is in [-31, 31]: one byte.
 */
typedef struct {
    int32_t input_offset;  /* minus the input zero point */
    int32_t output_offset; /* the output zero point */
    int32_t act_min, act_max;
    int32_t per_channel;
    const TFLC_ROM int32_t *multipliers;
    const TFLC_ROM int8_t *shifts;
} tflc_requant_t;

/* Element strides of two inputs over the output's dimensions (0 along a broadcast dimension). */
typedef struct {
    int32_t rank;
    int32_t out_dims[TFLC_MAX_RANK];
    int32_t strides1[TFLC_MAX_RANK];
    int32_t strides2[TFLC_MAX_RANK];
} tflc_broadcast_t;

/* int8 and int16 ADD (and SUB): both inputs shifted left (int8 by 20, int16 by 15), scaled to a common
 * scale, summed (subtracted), scaled to the output. */
typedef struct {
    int32_t left_shift;
    int32_t offset1, multiplier1, shift1;
    int32_t offset2, multiplier2, shift2;
    int32_t output_offset, output_multiplier, output_shift;
    int32_t act_min, act_max;
} tflc_add_params_t;

/* CONV_2D. filter is [out_c][filter_h][filter_w][filter_c]; groups = in_c / filter_c. bias may be NULL. */
void tflc_conv2d_s8(const tflc_window_t *w, int32_t filter_c, const tflc_requant_t *q, const int8_t *input,
                    const TFLC_ROM int8_t *filter, const TFLC_ROM int32_t *bias, int8_t *output);
void tflc_conv2d_f32(const tflc_window_t *w, int32_t filter_c, float act_min, float act_max, const float *input,
                     const TFLC_ROM float *filter, const TFLC_ROM float *bias, float *output);
/* Hybrid CONV_2D: float activations, int8 weights with one scale (filter_scales[0], per_channel 0) or
 * one per output channel (filter_scales[out_c], per_channel 1: asymmetric input quantization); scratch
 * holds one batch of the input as int8. bias may be NULL. */
void tflc_conv2d_hybrid_f32(const tflc_window_t *w, const TFLC_ROM float *filter_scales, int32_t per_channel,
                            float act_min, float act_max, const float *input, const TFLC_ROM int8_t *filter,
                            const TFLC_ROM float *bias, void *scratch, float *output);

/* DEPTHWISE_CONV_2D. filter is [filter_h][filter_w][out_c]; out channel ic*m + k reads in channel ic,
 * m = out_c / in_c. bias may be NULL. */
void tflc_depthwise_conv2d_s8(const tflc_window_t *w, const tflc_requant_t *q, const int8_t *input,
                              const TFLC_ROM int8_t *filter, const TFLC_ROM int32_t *bias, int8_t *output);
void tflc_depthwise_conv2d_f32(const tflc_window_t *w, float act_min, float act_max, const float *input,
                               const TFLC_ROM float *filter, const TFLC_ROM float *bias, float *output);
/* Hybrid DEPTHWISE_CONV_2D: float activations, int8 weights with filter_scales[out_c] and a bias; scratch
 * holds one batch of the input as int8. */
void tflc_depthwise_conv2d_hybrid_f32(const tflc_window_t *w, const TFLC_ROM float *filter_scales, float act_min,
                                      float act_max, const float *input, const TFLC_ROM int8_t *filter,
                                      const TFLC_ROM float *bias, void *scratch, float *output);

/* FULLY_CONNECTED. weights are [units][depth]; input is batches rows of depth. bias may be NULL. */
void tflc_fully_connected_s8(int32_t batches, int32_t depth, int32_t units, const tflc_requant_t *q,
                             const int8_t *input, const TFLC_ROM int8_t *weights, const TFLC_ROM int32_t *bias,
                             int8_t *output);
void tflc_fully_connected_f32(int32_t batches, int32_t depth, int32_t units, float act_min, float act_max,
                              const float *input, const TFLC_ROM float *weights, const TFLC_ROM float *bias,
                              float *output);
/* Hybrid FULLY_CONNECTED: float activations, int8 weights with one scale; asymmetric != 0 quantizes the
 * input rows asymmetrically; scratch holds one row of the input as int8. bias may be NULL. */
void tflc_fully_connected_hybrid_f32(int32_t batches, int32_t depth, int32_t units, float weight_scale,
                                     int32_t asymmetric, float act_min, float act_max, const float *input,
                                     const TFLC_ROM int8_t *weights, const TFLC_ROM float *bias, void *scratch,
                                     float *output);

/* 16x8 CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED: int16 activations (zero point 0), int8 weights.
 * q's offsets are 0. bias has bias_bits bits per element (32 or 64; 0 when bias is NULL); with an
 * int32 bias the accumulator is int32, else int64 (TFLM's 16x8 kernels). */
void tflc_conv2d_s16(const tflc_window_t *w, int32_t filter_c, const tflc_requant_t *q, const int16_t *input,
                     const TFLC_ROM int8_t *filter, const TFLC_ROM void *bias, int32_t bias_bits, int16_t *output);
void tflc_depthwise_conv2d_s16(const tflc_window_t *w, const tflc_requant_t *q, const int16_t *input,
                               const TFLC_ROM int8_t *filter, const TFLC_ROM void *bias, int32_t bias_bits,
                               int16_t *output);
void tflc_fully_connected_s16(int32_t batches, int32_t depth, int32_t units, const tflc_requant_t *q,
                              const int16_t *input, const TFLC_ROM int8_t *weights, const TFLC_ROM void *bias,
                              int32_t bias_bits, int16_t *output);

/* bias[c] of a 16x8 kernel's bias of bias_bits bits (0: no bias; 16, 32 or 64), as the accumulator
 * adds it (modulo 2^64) before tflc_requantize_16x8. */
static inline uint64_t tflc_bias_16x8(const TFLC_ROM void *bias, int32_t bias_bits, int32_t c)
{
    if (bias_bits == 16) {
        return (uint64_t)(int64_t)((const TFLC_ROM int16_t *)bias)[c];
    }
    if (bias_bits == 32) {
        return (uint64_t)(int64_t)((const TFLC_ROM int32_t *)bias)[c];
    }
    if (bias_bits == 64) {
        return (uint64_t)((const TFLC_ROM int64_t *)bias)[c];
    }
    return 0u;
}

/* TRANSPOSE_CONV. filter is [out_c][filter_h][filter_w][in_c]; input element (iy, ix) and tap (fy, fx)
 * reach output (iy * stride_h - pad_h + fy, ix * stride_w - pad_w + fx) (w's dilation is 1).
 * output_shape is the run-time output-shape operand: the kernels return 1 without writing when it
 * is not {batches, out_h, out_w, out_c}, else 0. int8: int32 bias (may be NULL); int16: bias_bits 16
 * or 64 (0 when NULL), int64 accumulator. */
/* 1 when a TRANSPOSE_CONV's run-time output_shape is not {batches, out_h, out_w, out_c}, else 0. */
static inline int tflc_transpose_conv_shape_differs(const tflc_window_t *w, const int32_t *output_shape)
{
    return output_shape[0] != w->batches || output_shape[1] != w->out_h || output_shape[2] != w->out_w ||
           output_shape[3] != w->out_c;
}

/* The input positions [*first, *last] (rows or columns) of a TRANSPOSE_CONV reaching output position
 * o: those i in [0, in) with 0 <= o + pad - i * stride < filter. */
static inline void tflc_transpose_conv_range(int32_t o, int32_t pad, int32_t stride, int32_t filter, int32_t in,
                                             int32_t *first, int32_t *last)
{
    const int32_t hi = o + pad;          /* i <= floor(hi / stride) */
    const int32_t lo = o + pad - filter; /* i >= floor(lo / stride) + 1 */
    const int32_t hi_i = hi >= 0 ? hi / stride : -((stride - 1 - hi) / stride);
    const int32_t lo_i = (lo >= 0 ? lo / stride : -((stride - 1 - lo) / stride)) + 1;
    *first = lo_i > 0 ? lo_i : 0;
    *last = hi_i < in - 1 ? hi_i : in - 1;
}

int tflc_transpose_conv_s8(const tflc_window_t *w, const tflc_requant_t *q, const int32_t *output_shape,
                           const int8_t *input, const TFLC_ROM int8_t *filter, const TFLC_ROM int32_t *bias,
                           int8_t *output);
int tflc_transpose_conv_s16(const tflc_window_t *w, const tflc_requant_t *q, const int32_t *output_shape,
                            const int16_t *input, const TFLC_ROM int8_t *filter, const TFLC_ROM void *bias,
                            int32_t bias_bits, int16_t *output);
int tflc_transpose_conv_f32(const tflc_window_t *w, float act_min, float act_max, const int32_t *output_shape,
                            const float *input, const TFLC_ROM float *filter, const TFLC_ROM float *bias,
                            float *output);

/* AVERAGE_POOL_2D / MAX_POOL_2D (in_c == out_c, no dilation); only in-bounds elements count. */
void tflc_avg_pool2d_s8(const tflc_window_t *w, int32_t act_min, int32_t act_max, const int8_t *input,
                        int8_t *output);
void tflc_max_pool2d_s8(const tflc_window_t *w, int32_t act_min, int32_t act_max, const int8_t *input,
                        int8_t *output);
void tflc_avg_pool2d_f32(const tflc_window_t *w, float act_min, float act_max, const float *input, float *output);
void tflc_max_pool2d_f32(const tflc_window_t *w, float act_min, float act_max, const float *input, float *output);
/* int16 AVERAGE_POOL_2D (max == 0) and MAX_POOL_2D (max == 1). */
void tflc_pool2d_s16(const tflc_window_t *w, int32_t max, int32_t act_min, int32_t act_max, const int16_t *input,
                     int16_t *output);

/*
 * The in-bounds taps of the pooling window at output (oy, ox): its origin (iy0, ix0) in the input
 * (padding subtracted), rows [fy0, fy_end) and columns [fx0, fx1) of the window; no rows when no
 * column is in bounds.
 */
typedef struct {
    int32_t iy0, ix0;
    int32_t fy0, fy_end, fx0, fx1;
} tflc_pool_taps_t;

static inline tflc_pool_taps_t tflc_pool_taps(const tflc_window_t *w, int32_t oy, int32_t ox)
{
    tflc_pool_taps_t t;
    int32_t fy1;
    t.iy0 = oy * w->stride_h - w->pad_h;
    t.ix0 = ox * w->stride_w - w->pad_w;
    t.fy0 = t.iy0 < 0 ? -t.iy0 : 0;
    fy1 = w->filter_h < w->in_h - t.iy0 ? w->filter_h : w->in_h - t.iy0;
    t.fx0 = t.ix0 < 0 ? -t.ix0 : 0;
    t.fx1 = w->filter_w < w->in_w - t.ix0 ? w->filter_w : w->in_w - t.ix0;
    t.fy_end = t.fx1 > t.fx0 && fy1 > t.fy0 ? fy1 : t.fy0;
    if (t.fx1 < t.fx0) {
        t.fx1 = t.fx0;
    }
    return t;
}

/* ADD. With b == NULL both inputs have `size` elements; otherwise b describes the broadcast. */
void tflc_add_s8(const tflc_broadcast_t *b, int32_t size, const tflc_add_params_t *p, const int8_t *x,
                 const int8_t *y, int8_t *output);
void tflc_add_f32(const tflc_broadcast_t *b, int32_t size, float act_min, float act_max, const float *x,
                  const float *y, float *output);
/* int16 ADD (subtract == 0) and SUB (subtract == 1), b as above. */
void tflc_add_sub_s16(const tflc_broadcast_t *b, int32_t size, const tflc_add_params_t *p, int32_t subtract,
                      const int16_t *x, const int16_t *y, int16_t *output);

/* SOFTMAX over the last dimension: rows x depth. int8 input; int8 output (output_bits 8) has scale 1/256,
 * zero point -128; int16 output (output_bits 16) scale 1/65536, zero point -32768. */
void tflc_softmax_s8(int32_t rows, int32_t depth, int32_t input_multiplier, int32_t input_left_shift,
                     int32_t diff_min, int32_t output_bits, const int8_t *input, void *output);
void tflc_softmax_f32(int32_t rows, int32_t depth, float beta, const float *input, float *output);
/* SOFTMAX, int16 in (zero point 0) and out (scale 1/32768, zero point 0), through TFLM's interpolated
 * exp and 1/(1 + x) tables of 513 entries each. */
void tflc_softmax_s16(int32_t rows, int32_t depth, int32_t input_multiplier, int32_t input_left_shift,
                      const TFLC_ROM int16_t *exp_lut, const TFLC_ROM int16_t *one_over_one_plus_x_lut,
                      const int16_t *input, int16_t *output);

/* QUANTIZE float -> int: clamp(round_half_away(x / scale) + zero_point). */
void tflc_quantize_f32_s8(int32_t size, float scale, int32_t zero_point, const float *input, int8_t *output);
void tflc_quantize_f32_s16(int32_t size, float scale, int32_t zero_point, const float *input, int16_t *output);
void tflc_quantize_f32_s32(int32_t size, float scale, int32_t zero_point, const float *input, int32_t *output);

/* QUANTIZE int -> int: clamp(mbqm(x - input_zero_point, multiplier, shift) + output_zero_point), the
 * types int8, int16 or int32 by their sizes in bytes. */
void tflc_requantize_ints(int32_t size, int32_t input_bytes, int32_t output_bytes, int32_t input_zero_point,
                          int32_t multiplier, int32_t shift, int32_t output_zero_point, const void *input,
                          void *output);

/* DEQUANTIZE: scale * (q - zero_point), rounded once to float. */
void tflc_dequantize_s8_f32(int32_t size, float scale, int32_t zero_point, const int8_t *input, float *output);
void tflc_dequantize_s16_f32(int32_t size, float scale, int32_t zero_point, const int16_t *input, float *output);

/* RESHAPE when its output could not share its input's memory: a plain byte copy. */
void tflc_copy(int32_t bytes, const void *input, void *output);

/* INT4 weights (two to a byte, low nibble first) unpacked to int8 before the layer that reads them. */
void tflc_unpack_s4(const int8_t *packed, int8_t *unpacked, int32_t count);

/* RESIZE_NEAREST_NEIGHBOR: output pixel (b, y, x) copies input pixel (b, rows[y], cols[x]), pixels
 * of pixel_bytes bytes. */
void tflc_resize_nearest(int32_t batches, int32_t in_h, int32_t in_w, int32_t out_h, int32_t out_w,
                         int32_t pixel_bytes, const TFLC_ROM int32_t *rows, const TFLC_ROM int32_t *cols,
                         const void *input, void *output);
/* RESIZE_BILINEAR of batches x in_h x in_w pixels of depth elements to out_h x out_w. float: the
 * scales in float, TFLM's float arithmetic; int8: the scales in 1/1024 steps, TFLM's integer arithmetic. */
typedef struct {
    int32_t batches, in_h, in_w, depth, out_h, out_w;
    int32_t half_pixel_centers;
} tflc_resize_t;
void tflc_resize_bilinear_f32(const tflc_resize_t *r, float height_scale, float width_scale, const float *input,
                              float *output);
void tflc_resize_bilinear_s8(const tflc_resize_t *r, int32_t height_scale_10, int32_t width_scale_10,
                             const int8_t *input, int8_t *output);

/* ---- element-wise operators ---------------------------------------------------------------- */

/*
 * A walk over the output of a broadcasting binary kernel in runs along its last dimension: each run
 * is `run` output elements, reading x from element at1 on in steps of step1 and y from at2 on in
 * steps of step2. With b == NULL (no broadcast) it is one run over all `size` elements.
 */
typedef struct {
    int32_t idx[TFLC_MAX_RANK]; /* the index over the output's other dimensions */
    int32_t run, at1, step1, at2, step2;
} tflc_broadcast_walk_t;

static inline void tflc_broadcast_start(tflc_broadcast_walk_t *w, const tflc_broadcast_t *b, int32_t size)
{
    int32_t d;
    for (d = 0; d < TFLC_MAX_RANK; d++) {
        w->idx[d] = 0;
    }
    w->at1 = 0;
    w->at2 = 0;
    if (b == NULL || b->rank == 0) {
        w->run = size;
        w->step1 = 1;
        w->step2 = 1;
    } else {
        w->run = b->out_dims[b->rank - 1];
        w->step1 = b->strides1[b->rank - 1];
        w->step2 = b->strides2[b->rank - 1];
    }
}

/* Moves the walk to the next run: the other dimensions' index advances as an odometer. */
static inline void tflc_broadcast_next(tflc_broadcast_walk_t *w, const tflc_broadcast_t *b)
{
    int32_t d;
    if (b == NULL) {
        return;
    }
    for (d = b->rank - 2; d >= 0; d--) {
        w->idx[d]++;
        w->at1 += b->strides1[d];
        w->at2 += b->strides2[d];
        if (w->idx[d] < b->out_dims[d]) {
            return;
        }
        w->at1 -= b->strides1[d] * b->out_dims[d];
        w->at2 -= b->strides2[d] * b->out_dims[d];
        w->idx[d] = 0;
    }
}

/* int8 MUL: clamp(mbqm((x + offset1) * (y + offset2), multiplier, shift) + output_offset). */
typedef struct {
    int32_t offset1, offset2;
    int32_t multiplier, shift;
    int32_t output_offset;
    int32_t act_min, act_max;
} tflc_mul_params_t;

/* int8 and int16 LEAKY_RELU: x - input_zero_point rescaled by the identity multiplier where it is >= 0,
 * else by alpha's (negated when alpha_negative), plus output_zero_point, clamped to the output type. */
typedef struct {
    int32_t input_zero_point, output_zero_point;
    int32_t identity_multiplier, identity_shift;
    int32_t alpha_multiplier, alpha_shift, alpha_negative;
} tflc_leaky_relu_params_t;

/* MUL, SUB (params as ADD's), MAXIMUM, MINIMUM. b as for ADD: NULL when both inputs have `size`
 * elements; act_min/act_max: the fused activation's clamp. */
void tflc_mul_s8(const tflc_broadcast_t *b, int32_t size, const tflc_mul_params_t *p, const int8_t *x,
                 const int8_t *y, int8_t *output);
void tflc_mul_f32(const tflc_broadcast_t *b, int32_t size, float act_min, float act_max, const float *x,
                  const float *y, float *output);
/* int16 MUL: the offsets in p are 0 (TFLM requires int16 zero points 0). */
void tflc_mul_s16(const tflc_broadcast_t *b, int32_t size, const tflc_mul_params_t *p, const int16_t *x,
                  const int16_t *y, int16_t *output);
void tflc_sub_s8(const tflc_broadcast_t *b, int32_t size, const tflc_add_params_t *p, const int8_t *x,
                 const int8_t *y, int8_t *output);
void tflc_sub_f32(const tflc_broadcast_t *b, int32_t size, float act_min, float act_max, const float *x,
                  const float *y, float *output);
void tflc_maximum_s8(const tflc_broadcast_t *b, int32_t size, const int8_t *x, const int8_t *y, int8_t *output);
void tflc_maximum_f32(const tflc_broadcast_t *b, int32_t size, const float *x, const float *y, float *output);
void tflc_minimum_s8(const tflc_broadcast_t *b, int32_t size, const int8_t *x, const int8_t *y, int8_t *output);
void tflc_minimum_f32(const tflc_broadcast_t *b, int32_t size, const float *x, const float *y, float *output);
/* DIV int8 (params as MUL's: TFLM's DivElementwise, see tflc_div_s8.c), float: x / y clamped. */
void tflc_div_s8(const tflc_broadcast_t *b, int32_t size, const tflc_mul_params_t *p, const int8_t *x,
                 const int8_t *y, int8_t *output);
void tflc_div_f32(const tflc_broadcast_t *b, int32_t size, float act_min, float act_max, const float *x,
                  const float *y, float *output);
/* SQUARED_DIFFERENCE int8 (params as ADD's, left_shift 7), float: (x - y) * (x - y). */
void tflc_squared_difference_s8(const tflc_broadcast_t *b, int32_t size, const tflc_add_params_t *p,
                                const int8_t *x, const int8_t *y, int8_t *output);
void tflc_squared_difference_f32(const tflc_broadcast_t *b, int32_t size, const float *x, const float *y,
                                 float *output);
/* PRELU (x the input, y alpha). int8: clamp(mbqm(x + input_offset, identity) + output_offset) where
 * x + input_offset >= 0, else clamp(mbqm((x + input_offset) * (y + alpha_offset), alpha) + output_offset).
 * float: x >= 0 ? x : x * y. */
typedef struct {
    int32_t input_offset, alpha_offset;
    int32_t identity_multiplier, identity_shift;
    int32_t alpha_multiplier, alpha_shift;
    int32_t output_offset;
} tflc_prelu_params_t;
void tflc_prelu_s8(const tflc_broadcast_t *b, int32_t size, const tflc_prelu_params_t *p, const int8_t *x,
                   const int8_t *y, int8_t *output);
void tflc_prelu_f32(const tflc_broadcast_t *b, int32_t size, const float *x, const float *y, float *output);
/* ARG_MAX (max != 0), ARG_MIN over an axis of axis_size between outer and inner sizes, on float
 * (is_float != 0) or int8 input: the index of the first largest (smallest) value, int64 when
 * wide != 0, else int32. */
void tflc_arg_min_max(int32_t outer, int32_t axis_size, int32_t inner, int32_t max, int32_t is_float,
                      int32_t wide, const void *input, void *output);

/* Element types by the schema's codes, as tflc_cast takes them. */
#define TFLC_TYPE_FLOAT32 0
#define TFLC_TYPE_INT32 2
#define TFLC_TYPE_BOOL 6
#define TFLC_TYPE_INT16 7
#define TFLC_TYPE_INT8 9

/* CAST of `size` elements from type `from` to type `to` (TFLC_TYPE_*): integers narrow to their low bits,
 * become the nearest float; floats truncate toward zero (saturated to int32, NaN to 0), then narrow. */
void tflc_cast(int32_t size, int32_t from, int32_t to, const void *input, void *output);
/* ZEROS_LIKE: `bytes` zero bytes (the stored value 0 of any type). */
void tflc_zeros(int32_t bytes, void *output);
/* FILL: the element_bytes bytes at `value`, count times. */
void tflc_fill(int32_t count, int32_t element_bytes, const void *value, void *output);

/* L2_NORMALIZATION over rows of `depth`: float divides by the row's L2 norm (at least 1e-6); int8 writes
 * the normalized offset input at scale 1/128, zero point 0. */
void tflc_l2_normalization_f32(int32_t rows, int32_t depth, const float *input, float *output);
void tflc_l2_normalization_s8(int32_t rows, int32_t depth, int32_t input_zero_point, const int8_t *input,
                              int8_t *output);

/* int8 LOG_SOFTMAX: the input multiplier (to Q5.26), its reverse (smaller than one) and the smallest
 * difference from the row's maximum whose exp counts. */
typedef struct {
    int32_t input_multiplier, input_shift;
    int32_t reverse_multiplier, reverse_shift;
    int32_t diff_min;
} tflc_log_softmax_params_t;

/* LOG_SOFTMAX over rows of `depth`. int8 output: scale 16/256, zero point 127. */
void tflc_log_softmax_f32(int32_t rows, int32_t depth, const float *input, float *output);
void tflc_log_softmax_s8(int32_t rows, int32_t depth, const tflc_log_softmax_params_t *p, const int8_t *input,
                         int8_t *output);

/* BATCH_MATMUL: batch[0] x batch[1] x batch[2] products of rows x depth by depth x cols matrices, each input's
 * matrix at the batch index dotted with its strides (0 where it broadcasts); x[i][k] at
 * i * lhs_row_stride + k * lhs_depth_stride of its matrix, y[k][j] at k * rhs_depth_stride + j * rhs_col_stride.
 * The output is dense, batch by batch, row by row. */
typedef struct {
    int32_t batch[3];
    int32_t lhs_strides[3], rhs_strides[3];
    int32_t rows, cols, depth;
    int32_t lhs_row_stride, lhs_depth_stride;
    int32_t rhs_depth_stride, rhs_col_stride;
} tflc_batch_matmul_t;

void tflc_batch_matmul_f32(const tflc_batch_matmul_t *m, const float *lhs, const float *rhs, float *output);
/* int8: clamp(mbqm(sum of (x + lhs_offset) * (y + rhs_offset), multiplier, shift) + output_offset). */
void tflc_batch_matmul_s8(const tflc_batch_matmul_t *m, int32_t lhs_offset, int32_t rhs_offset, int32_t multiplier,
                          int32_t shift, int32_t output_offset, const int8_t *lhs, const int8_t *rhs, int8_t *output);
/* int16 (zero points 0): clamp(mbqm64(int64 sum of x * y, multiplier, shift)). */
void tflc_batch_matmul_s16(const tflc_batch_matmul_t *m, int32_t multiplier, int32_t shift, const int16_t *lhs,
                           const int16_t *rhs, int16_t *output);

/* RELU, RELU_N1_TO_1 int8: clamp(mbqm(x - input_zero_point, multiplier, shift) + output_zero_point). */
void tflc_relu_s8(int32_t size, int32_t input_zero_point, int32_t multiplier, int32_t shift,
                  int32_t output_zero_point, int32_t act_min, int32_t act_max, const int8_t *input, int8_t *output);
/* RELU6 int8: x clamped to [lower, upper] (the input's quantized 0 and 6). */
void tflc_relu6_s8(int32_t size, int32_t lower, int32_t upper, const int8_t *input, int8_t *output);
/* RELU float: x < 0 ? 0 : x. RELU6, RELU_N1_TO_1 float: x > upper ? upper : x < lower ? lower : x. */
void tflc_relu_f32(int32_t size, const float *input, float *output);
void tflc_relu_x_f32(int32_t size, float lower, float upper, const float *input, float *output);

/* LEAKY_RELU. float: x > 0 ? x : x * alpha. */
void tflc_leaky_relu_s8(int32_t size, const tflc_leaky_relu_params_t *p, const int8_t *input, int8_t *output);
void tflc_leaky_relu_f32(int32_t size, float alpha, const float *input, float *output);
void tflc_leaky_relu_s16(int32_t size, const tflc_leaky_relu_params_t *p, const int16_t *input, int16_t *output);

/* ABS int8: clamp(|x - input_zero_point| (rescaled by mbqm when `rescale`) + output_zero_point). */
void tflc_abs_s8(int32_t size, int32_t input_zero_point, int32_t rescale, int32_t multiplier, int32_t shift,
                 int32_t output_zero_point, const int8_t *input, int8_t *output);
void tflc_abs_f32(int32_t size, const float *input, float *output);

/* NEG (float only). */
void tflc_neg_f32(int32_t size, const float *input, float *output);

/* int8 LOGISTIC, TANH, HARD_SWISH, RSQRT: the output for input x is entry x + 128 of a 256-entry int8 table
 * the compiler computed, packed four to an int32 word, lowest byte first. */
void tflc_lookup_s8(int32_t size, const TFLC_ROM int32_t *table, const int8_t *input, int8_t *output);
/* float LOGISTIC: 1 above 16.619047, expf(x) below -9, else 1 / (1 + expf(-x)). TANH: tanhf.
 * HARD_SWISH: x * min(6, max(0, x + 3)) / 6. */
void tflc_logistic_f32(int32_t size, const float *input, float *output);
void tflc_tanh_f32(int32_t size, const float *input, float *output);
void tflc_hard_swish_f32(int32_t size, const float *input, float *output);
/* int16 LOGISTIC (is_tanh 0) and TANH (is_tanh 1): TFLM's interpolation in a 256-entry sigmoid table
 * (entries less 2^15), the input first rescaled to steps of 1/(3 * 4096) by `multiplier` and a rounding
 * right shift; output scale 2^-15. */
void tflc_sigmoid_s16(int32_t size, int32_t is_tanh, int32_t multiplier, int32_t right_shift,
                      const TFLC_ROM int16_t *table, const int16_t *input, int16_t *output);
/* float EXP, LOG, SQRT: expf, logf, sqrtf. RSQRT: 1.0f / sqrtf(x). */
void tflc_exp_f32(int32_t size, const float *input, float *output);
void tflc_log_f32(int32_t size, const float *input, float *output);
void tflc_sqrt_f32(int32_t size, const float *input, float *output);
void tflc_rsqrt_f32(int32_t size, const float *input, float *output);

/* ---- data movement and reductions: any element type, moved as bytes (elements of 1, 2 or 4) ---- */

/*
 * Advances the row-major index idx over dims[0..rank) (the last fastest) and *at by the matching
 * strides; returns 0, with idx back at zero, after the last index.
 */
static inline int32_t tflc_next_index(int32_t rank, const int32_t *dims, const int32_t *strides, int32_t *idx,
                                      int32_t *at)
{
    int32_t d;
    for (d = rank - 1; d >= 0; d--) {
        idx[d]++;
        *at += strides[d];
        if (idx[d] < dims[d]) {
            return 1;
        }
        *at -= strides[d] * dims[d];
        idx[d] = 0;
    }
    return 0;
}

/* TRANSPOSE, SLICE, STRIDED_SLICE: output element (i0, .., i[rank-1]), in row-major order over dims,
 * is input element offset + sum(i_d * strides[d]) (strides may be negative). */
typedef struct {
    int32_t rank; /* 1 .. TFLC_MAX_RANK */
    int32_t element_bytes;
    int32_t offset;
    int32_t dims[TFLC_MAX_RANK];
    int32_t strides[TFLC_MAX_RANK];
} tflc_strided_copy_t;

void tflc_strided_copy(const tflc_strided_copy_t *s, const void *input, void *output);

/* PAD / PADV2 over 5 dimensions (fewer are extended at the front with 1): the input is placed at
 * `before` inside out_dims, every other element is the value (an integer, or a float's bits). */
#define TFLC_PAD_RANK 5
typedef struct {
    int32_t element_bytes;
    int32_t in_dims[TFLC_PAD_RANK];
    int32_t before[TFLC_PAD_RANK];
    int32_t out_dims[TFLC_PAD_RANK];
    int32_t value_bits;
} tflc_pad_t;

void tflc_pad(const tflc_pad_t *p, const void *input, void *output);

/* CONCATENATION: `outer` rounds, each copying chunk_bytes[i] consecutive bytes of each input i. */
#define TFLC_CONCATENATION_MAX_INPUTS 10
typedef struct {
    int32_t count;
    int32_t outer;
    int32_t chunk_bytes[TFLC_CONCATENATION_MAX_INPUTS];
    const void *inputs[TFLC_CONCATENATION_MAX_INPUTS];
} tflc_concatenation_t;

void tflc_concatenation(const tflc_concatenation_t *c, void *output);

/* SPLIT, SPLIT_V, UNPACK: `outer` rounds, each copying chunk_bytes[i] consecutive bytes of the input to
 * output i. */
#define TFLC_SPLIT_MAX_OUTPUTS 16
typedef struct {
    int32_t count;
    int32_t outer;
    int32_t chunk_bytes[TFLC_SPLIT_MAX_OUTPUTS];
    void *outputs[TFLC_SPLIT_MAX_OUTPUTS];
} tflc_split_t;

void tflc_split(const tflc_split_t *s, const void *input);

/* GATHER: for each of batch x outer input slices, `coords` runs of `inner` elements, each the one at
 * index indices[b * coords + c] (of axis_size) along the axis. Returns 1 without writing when an
 * index is outside 0 .. axis_size - 1, else 0. */
typedef struct {
    int32_t element_bytes;
    int32_t batch, outer, axis_size, coords, inner;
} tflc_gather_t;

int tflc_gather(const tflc_gather_t *g, const void *input, const int32_t *indices, void *output);

/* MIRROR_PAD, BATCH_TO_SPACE_ND: the output in row-major order over dims, output element
 * (i0, .., i[rank-1]) copied from input element offsets[i0] + offsets[dims[0] + i1] + ...: `offsets`
 * holds each dimension's input offsets, one dimension after the other. */
typedef struct {
    int32_t rank; /* 1 .. TFLC_MAX_RANK */
    int32_t element_bytes;
    int32_t dims[TFLC_MAX_RANK];
} tflc_index_copy_t;

void tflc_index_copy(const tflc_index_copy_t *c, const TFLC_ROM int32_t *offsets, const void *input, void *output);

/* SPACE_TO_BATCH_ND over NHWC (NHC as NH1C): output batch (sy * block_w + sx) * in batches + b holds the
 * input padded by pad_top, pad_left (and the rest after) at (y * block_h + sy, x * block_w + sx); the
 * padding is the value's bits (an integer, or a float's representation). */
typedef struct {
    int32_t element_bytes;
    int32_t in_dims[4];  /* batches, height, width, depth */
    int32_t out_dims[3]; /* batches, height, width */
    int32_t block_h, block_w;
    int32_t pad_top, pad_left;
    int32_t value_bits;
} tflc_space_to_batch_t;

void tflc_space_to_batch(const tflc_space_to_batch_t *s, const void *input, void *output);

/* MEAN, SUM: the output walks the kept (outer) dimensions; each output element reduces the inner
 * dimensions' elements from there, in order; dims and strides in input elements. */
typedef struct {
    int32_t outer_rank;
    int32_t outer_dims[TFLC_MAX_RANK];
    int32_t outer_strides[TFLC_MAX_RANK];
    int32_t inner_rank;
    int32_t inner_dims[TFLC_MAX_RANK];
    int32_t inner_strides[TFLC_MAX_RANK];
} tflc_reduction_t;

/* int8: clamp(mbqm(sum - zero_point_total, multiplier, shift) + output_zero_point), the sum wrapping. */
void tflc_reduce_s8(const tflc_reduction_t *r, int32_t zero_point_total, int32_t multiplier, int32_t shift,
                    int32_t output_zero_point, const int8_t *input, int8_t *output);
/* float: sum / divisor (the count for MEAN, 1 for SUM). */
void tflc_reduce_f32(const tflc_reduction_t *r, float divisor, const float *input, float *output);

/* SVDF sizes: filters = units * rank; the variable state is [batches][filters][memory], oldest first. */
typedef struct {
    int32_t batches, input_size, filters, units, rank, memory;
} tflc_svdf_dims_t;

/* int8 SVDF zero points and the two requantizations (feature products to the state, sums to the output). */
typedef struct {
    int32_t input_zero_point, state_zero_point, output_zero_point;
    int32_t feature_multiplier, feature_shift;
    int32_t output_multiplier, output_shift;
} tflc_svdf_quant_t;

/* SVDF: updates `state` in place. int8 input and output, int16 or int8 (state_bits) state and time
 * weights; scratch holds batches * (filters + units) int32. float: scratch holds batches * filters floats. */
void tflc_svdf_s8(const tflc_svdf_dims_t *d, const tflc_svdf_quant_t *q, int32_t state_bits, const int8_t *input,
                  const TFLC_ROM int8_t *feature, const TFLC_ROM void *time, const TFLC_ROM int32_t *bias,
                  void *state, void *scratch, int8_t *output);
void tflc_svdf_f32(const tflc_svdf_dims_t *d, float act_min, float act_max, const float *input,
                   const TFLC_ROM float *feature,
                   const TFLC_ROM float *time, const TFLC_ROM float *bias, float *state, void *scratch, float *output);

/* UNIDIRECTIONAL_SEQUENCE_LSTM sizes and options. The input is [batches][steps][input_size] and the
 * output [batches][steps][outputs], or [steps][batches][...] when time_major. The cell activation
 * (cell gate and output) is tanh when tanh_activation, else the clamp to [act_min, act_max];
 * cell_clip and proj_clip clip when positive. */
typedef struct {
    int32_t batches, steps, input_size, cells, outputs;
    int32_t time_major;
    int32_t tanh_activation;
    float act_min, act_max;
    float cell_clip, proj_clip;
} tflc_lstm_params_t;

/* float LSTM weights, by gate: input-to-gate [cells][input_size], recurrent [cells][outputs], peephole
 * [cells], bias [cells], layer norm coefficients [cells]; projection [outputs][cells] and its bias
 * [outputs]. NULL where omitted: the input gate's under CIFG, peepholes, layer norm, projection. */
typedef struct {
    const TFLC_ROM float *input_to_input, *input_to_forget, *input_to_cell, *input_to_output;
    const TFLC_ROM float *recurrent_to_input, *recurrent_to_forget, *recurrent_to_cell, *recurrent_to_output;
    const TFLC_ROM float *cell_to_input, *cell_to_forget, *cell_to_output;
    const TFLC_ROM float *input_bias, *forget_bias, *cell_bias, *output_bias;
    const TFLC_ROM float *projection, *projection_bias;
    const TFLC_ROM float *input_layer_norm, *forget_layer_norm, *cell_layer_norm, *output_layer_norm;
} tflc_lstm_weights_f32_t;

/* LSTM over every step: updates output_state [batches][outputs] and cell_state [batches][cells] in
 * place; scratch holds 4 * cells floats, 3 * cells under CIFG (input_to_input NULL). */
void tflc_lstm_f32(const tflc_lstm_params_t *p, const tflc_lstm_weights_f32_t *w, const float *input,
                   float *output_state, float *cell_state, void *scratch, float *output);

/* Integer LSTM, as TFLM's kernel: sizes as tflc_lstm_params_t's (outputs = cells). For each gate in the
 * order input, forget, cell, output, the multiplier and shift of its input product (index 2 * gate) and
 * of its recurrent product (2 * gate + 1), each requantized to int16 at 2^-12; input_offset and
 * state_offset are minus the input's and the output state's zero points; the two products of the cell
 * update (to the cell state's scale) and that of the output state, requantized; cell_clip, 0 for none;
 * the rescaling of the cell state for its tanh (tflc_sigmoid_s16's multiplier and right shift). */
typedef struct {
    int32_t batches, steps, input_size, cells, time_major;
    int32_t gate_multipliers[8], gate_shifts[8];
    int32_t input_offset, state_offset, state_zero_point;
    int32_t forget_cell_multiplier, forget_cell_shift;
    int32_t input_cell_multiplier, input_cell_shift;
    int32_t output_multiplier, output_shift;
    int32_t cell_clip;
    int32_t cell_tanh_multiplier, cell_tanh_shift;
} tflc_lstm_int_params_t;

/* Integer LSTM weights, by gate: input-to-gate int8 [cells][input_size], recurrent int8 [cells][cells],
 * bias [cells] (int32 with int8 activations, int64 with int16 ones). */
typedef struct {
    const TFLC_ROM int8_t *input_to_input, *input_to_forget, *input_to_cell, *input_to_output;
    const TFLC_ROM int8_t *recurrent_to_input, *recurrent_to_forget, *recurrent_to_cell, *recurrent_to_output;
    const TFLC_ROM void *input_bias, *forget_bias, *cell_bias, *output_bias;
} tflc_lstm_weights_int_t;

/* LSTM over every step with int8 (s8) or int16 (s16) activations and output state, int16 cell state:
 * updates output_state [batches][cells] and cell_state [batches][cells] in place; scratch holds
 * 4 * cells int16; `sigmoid_table` is tflc_sigmoid_s16's. */
void tflc_lstm_s8(const tflc_lstm_int_params_t *p, const tflc_lstm_weights_int_t *w,
                  const TFLC_ROM int16_t *sigmoid_table, const int8_t *input, int8_t *output_state,
                  int16_t *cell_state, void *scratch, int8_t *output);
void tflc_lstm_s16(const tflc_lstm_int_params_t *p, const tflc_lstm_weights_int_t *w,
                   const TFLC_ROM int16_t *sigmoid_table, const int16_t *input, int16_t *output_state,
                   int16_t *cell_state, void *scratch, int16_t *output);

#endif /* TFLC_KERNELS_H */
