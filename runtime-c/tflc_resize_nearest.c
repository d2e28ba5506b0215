/*
 * tflc_resize_nearest: RESIZE_NEAREST_NEIGHBOR, as the Java reference ResizeNearestNeighbor.Nearest
 * (TFLM's reference): output pixel (b, y, x) of batches x out_h x out_w pixels is a copy of input
 * pixel (b, rows[y], cols[x]) of in_h x in_w, each pixel_bytes bytes (depth elements); the compiler
 * computed rows and cols.
 */
#include <string.h>

#include "tflc_kernels.h"

void tflc_resize_nearest(int32_t batches, int32_t in_h, int32_t in_w, int32_t out_h, int32_t out_w,
                         int32_t pixel_bytes, const TFLC_ROM int32_t *rows, const TFLC_ROM int32_t *cols,
                         const void *input, void *output)
{
    const uint8_t *in = (const uint8_t *)input;
    uint8_t *out = (uint8_t *)output;
    int32_t b, y, x;
    for (b = 0; b < batches; b++) {
        for (y = 0; y < out_h; y++) {
            const uint8_t *row = in + ((size_t)b * in_h + rows[y]) * in_w * pixel_bytes;
            for (x = 0; x < out_w; x++) {
                memcpy(out, row + (size_t)cols[x] * pixel_bytes, (size_t)pixel_bytes);
                out += pixel_bytes;
            }
        }
    }
}
