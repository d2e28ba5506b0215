/*
 * tflc_resize_bilinear_s8: int8 RESIZE_BILINEAR, as the Java reference ResizeBilinear.Int8 (TFLM's
 * ResizeBilinearInteger, on the stored values): source positions in 1/1024 steps, the blend of the
 * four neighbours in 2^-20 steps as an int64, divided by 2^20 rounding half away from zero.
 */
#include "tflc_kernels.h"

/* TFLM's ComputeInterpolationValuesInteger: the source position in 1/1024 steps and its neighbours. */
static int32_t source_position(int32_t v, int32_t scale_10, int32_t half_pixel_centers, int32_t size,
                               int32_t *lower, int32_t *upper)
{
    const int32_t at = half_pixel_centers ? v * scale_10 + scale_10 / 2 - (1 << 9) : v * scale_10;
    const int32_t f = at / 1024;
    const int32_t c = (at + 1023) / 1024;
    *lower = f > 0 ? f : 0;
    *upper = c < size - 1 ? c : size - 1;
    return at;
}

void tflc_resize_bilinear_s8(const tflc_resize_t *r, int32_t height_scale_10, int32_t width_scale_10,
                             const int8_t *input, int8_t *output)
{
    int32_t b, y, x, c, y0, y1, x0, x1;
    for (b = 0; b < r->batches; b++) {
        const int8_t *in = input + (size_t)b * r->in_h * r->in_w * r->depth;
        for (y = 0; y < r->out_h; y++) {
            const int64_t wy = source_position(y, height_scale_10, r->half_pixel_centers, r->in_h, &y0, &y1)
                               - (int64_t)1024 * y0;
            for (x = 0; x < r->out_w; x++) {
                const int64_t wx = source_position(x, width_scale_10, r->half_pixel_centers, r->in_w, &x0, &x1)
                                   - (int64_t)1024 * x0;
                const int8_t *p00 = in + ((size_t)y0 * r->in_w + x0) * r->depth;
                const int8_t *p10 = in + ((size_t)y1 * r->in_w + x0) * r->depth;
                const int8_t *p01 = in + ((size_t)y0 * r->in_w + x1) * r->depth;
                const int8_t *p11 = in + ((size_t)y1 * r->in_w + x1) * r->depth;
                for (c = 0; c < r->depth; c++) {
                    const int64_t sum = p00[c] * (1024 - wy) * (1024 - wx) + p10[c] * wy * (1024 - wx)
                                        + p01[c] * (1024 - wy) * wx + p11[c] * wy * wx;
                    const int64_t round = sum > 0 ? ((int64_t)1 << 19) : -((int64_t)1 << 19);
                    *output++ = (int8_t)((sum + round) / ((int64_t)1 << 20));
                }
            }
        }
    }
}
