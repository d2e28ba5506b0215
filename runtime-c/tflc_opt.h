/*
 * tflc_opt.h: what the kernels of the `optimized` kernel set share (tflc_opt_s8.h, tflc_opt_f32.h):
 * how their inline kernels and each layer's function are declared, and a convolution's window.
 */
#ifndef TFLC_OPT_H
#define TFLC_OPT_H

#include <stddef.h>
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

#endif
