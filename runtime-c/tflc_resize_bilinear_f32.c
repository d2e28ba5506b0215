/*
 * tflc_resize_bilinear_f32: float RESIZE_BILINEAR, as the Java reference ResizeBilinear.Float32
 * (TFLM's reference): the source position of each output row and column in float, its floor (at
 * least 0) and ceiling (at most size - 1) blended, the four products summed in TFLM's order.
 */
#include <math.h>

#include "tflc_kernels.h"

/* TFLM's ComputeInterpolationValues: the source position, its lower and upper neighbours. */
static float source_position(int32_t v, float scale, int32_t half_pixel_centers, int32_t size, int32_t *lower,
                             int32_t *upper)
{
    const float at = half_pixel_centers ? ((float)v + 0.5f) * scale - 0.5f : (float)v * scale;
    const int32_t f = (int32_t)floorf(at);
    const int32_t c = (int32_t)ceilf(at);
    *lower = f > 0 ? f : 0;
    *upper = c < size - 1 ? c : size - 1;
    return at;
}

void tflc_resize_bilinear_f32(const tflc_resize_t *r, float height_scale, float width_scale, const float *input,
                              float *output)
{
    int32_t b, y, x, c, y0, y1, x0, x1;
    for (b = 0; b < r->batches; b++) {
        const float *in = input + (size_t)b * r->in_h * r->in_w * r->depth;
        for (y = 0; y < r->out_h; y++) {
            const float iy = source_position(y, height_scale, r->half_pixel_centers, r->in_h, &y0, &y1);
            for (x = 0; x < r->out_w; x++) {
                const float ix = source_position(x, width_scale, r->half_pixel_centers, r->in_w, &x0, &x1);
                const float *p00 = in + ((size_t)y0 * r->in_w + x0) * r->depth;
                const float *p10 = in + ((size_t)y1 * r->in_w + x0) * r->depth;
                const float *p01 = in + ((size_t)y0 * r->in_w + x1) * r->depth;
                const float *p11 = in + ((size_t)y1 * r->in_w + x1) * r->depth;
                for (c = 0; c < r->depth; c++) {
                    float v = p00[c] * (1 - (iy - (float)y0)) * (1 - (ix - (float)x0));
                    v = v + p10[c] * (iy - (float)y0) * (1 - (ix - (float)x0));
                    v = v + p01[c] * (1 - (iy - (float)y0)) * (ix - (float)x0);
                    v = v + p11[c] * (iy - (float)y0) * (ix - (float)x0);
                    *output++ = v + 0.0f;
                }
            }
        }
    }
}
