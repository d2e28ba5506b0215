/*
 * tflc_opt.h: what the kernels of the `optimized` kernel set share (tflc_opt_s8.h, tflc_opt_f32.h):
 * how their inline kernels and each layer's function are declared, and a convolution's window.
 */
#ifndef TFLC_OPT_H
#define TFLC_OPT_H

#include <stddef.h>
#include <string.h>
#include <stdint.h>

/* The kernels are inlined into each layer's function; each layer's function stays a function of its
 * own (its registers allocated for its loops alone, not inside the model's invoke). */
#if defined(__GNUC__) || defined(__clang__)
#define TFLC_OPT_INLINE static inline __attribute__((always_inline))
#if defined(__clang__) || __GNUC__ < 8
#define TFLC_OPT_LAYER static __attribute__((noinline))
#else
/* noipa, not only noinline: with the arena pointers a layer is called with propagated into a clone,
 * arm-none-eabi-gcc 12 -O2 dropped some fully connected layers' calls altogether (a 12-row, depth-4,
 * one-unit layer wrote nothing); kept out of interprocedural analysis, each layer is compiled alone. */
#define TFLC_OPT_LAYER static __attribute__((noipa))
#endif
#else
#define TFLC_OPT_INLINE static inline
#define TFLC_OPT_LAYER static
#endif

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#include <arm_mve.h>
#endif

/* memcpy: with MVE, sixteen bytes a vector while whole vectors last (the C library's memcpy copies at
 * most a word at a time). */
TFLC_OPT_INLINE void tflc_opt_copy(void *dst, const void *src, size_t n)
{
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
    uint8_t *d = (uint8_t *)dst;
    const uint8_t *s = (const uint8_t *)src;
    for (; n >= 16; n -= 16, d += 16, s += 16) {
        vstrbq_u8(d, vldrbq_u8(s));
    }
    if (n > 0) {
        memcpy(d, s, n);
    }
#else
    memcpy(dst, src, n);
#endif
}

/* memset, as tflc_opt_copy. */
TFLC_OPT_INLINE void tflc_opt_fill(void *dst, int32_t value, size_t n)
{
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
    uint8_t *d = (uint8_t *)dst;
    const uint8x16_t v = vdupq_n_u8((uint8_t)value);
    for (; n >= 16; n -= 16, d += 16) {
        vstrbq_u8(d, v);
    }
    if (n > 0) {
        memset(d, value, n);
    }
#else
    memset(dst, value, n);
#endif
}

/* A convolution's window (NHWC input, one group); fully connected is 1x1 over `batches` pixels. */
typedef struct {
    int32_t batches, in_h, in_w, in_c;
    int32_t filter_h, filter_w;
    int32_t out_h, out_w, out_c;
    int32_t stride_h, stride_w, dilation_h, dilation_w, pad_h, pad_w;
    int32_t input_zero_point; /* the value a padded tap reads */
} tflc_opt_window_t;

/* Where output pixel p's input pixel starts in the input (in elements) under a 1x1 window without
 * padding. */
TFLC_OPT_INLINE size_t tflc_opt_1x1_pixel(const tflc_opt_window_t *w, int32_t p)
{
    const int32_t ox = p % w->out_w, oy = (p / w->out_w) % w->out_h, n = p / (w->out_w * w->out_h);
    return (((size_t)n * (size_t)w->in_h + (size_t)(oy * w->stride_h)) * (size_t)w->in_w
            + (size_t)(ox * w->stride_w)) * (size_t)w->in_c;
}

/* The first tap index in [0, taps) whose position start + tap * step is not below 0, and one past the
 * last below `size` (empty ranges come out with first >= last). */
TFLC_OPT_INLINE void tflc_opt_tap_range(int32_t start, int32_t step, int32_t taps, int32_t size, int32_t *first,
                                        int32_t *last)
{
    int32_t lo = start >= 0 ? 0 : (-start + step - 1) / step;
    int32_t hi = size - start <= 0 ? 0 : (size - start + step - 1) / step;
    *first = lo;
    *last = hi < taps ? hi : taps;
}

/* The window of output pixel p (counted over batches, rows and columns), gathered into `patch`
 * (filter_h * filter_w * in_c elements of `size` bytes), every byte of a padded tap set to `fill`. */
TFLC_OPT_INLINE void tflc_opt_gather_window(const tflc_opt_window_t *w, const void *in, int32_t p, size_t size,
                                            int32_t fill, void *out)
{
    const int32_t ox = p % w->out_w, oy = (p / w->out_w) % w->out_h, n = p / (w->out_w * w->out_h);
    const int32_t iy0 = oy * w->stride_h - w->pad_h, ix0 = ox * w->stride_w - w->pad_w;
    const size_t c = (size_t)w->in_c * size;
    const uint8_t *input = (const uint8_t *)in;
    uint8_t *patch = (uint8_t *)out;
    const size_t row = (size_t)w->filter_w * c;
    int32_t fy, fx, fx0, fx1;
    tflc_opt_tap_range(ix0, w->dilation_w, w->filter_w, w->in_w, &fx0, &fx1);
    for (fy = 0; fy < w->filter_h; fy++, patch += row) {
        const int32_t iy = iy0 + fy * w->dilation_h;
        const uint8_t *in_row;
        if (iy < 0 || iy >= w->in_h || fx0 >= fx1) {
            tflc_opt_fill(patch, fill, row);
            continue;
        }
        in_row = input + ((size_t)n * (size_t)w->in_h + (size_t)iy) * (size_t)w->in_w * c;
        tflc_opt_fill(patch, fill, (size_t)fx0 * c);
        if (w->dilation_w == 1) {
            tflc_opt_copy(patch + (size_t)fx0 * c, in_row + (size_t)(ix0 + fx0) * c, (size_t)(fx1 - fx0) * c);
        } else {
            for (fx = fx0; fx < fx1; fx++) {
                tflc_opt_copy(patch + (size_t)fx * c, in_row + (size_t)(ix0 + fx * w->dilation_w) * c, c);
            }
        }
        tflc_opt_fill(patch + (size_t)fx1 * c, fill, (size_t)(w->filter_w - fx1) * c);
    }
}


#endif
