/*
 * tflc_space_to_batch: SPACE_TO_BATCH_ND, as the Java reference SpaceToBatch.Copy (TFLM's reference
 * SpaceToBatchND): for each output batch, row and column, the depth elements of the input pixel it
 * takes, or the value where that pixel lies in the padding. Elements of element_bytes (1 or 4) bytes.
 */
#include <string.h>

#include "tflc_kernels.h"

void tflc_space_to_batch(const tflc_space_to_batch_t *s, const void *input, void *output)
{
    const uint8_t *in = (const uint8_t *)input;
    uint8_t *out = (uint8_t *)output;
    const size_t size = (size_t)s->element_bytes;
    const int32_t in_b = s->in_dims[0], in_h = s->in_dims[1], in_w = s->in_dims[2], depth = s->in_dims[3];
    const size_t run = (size_t)depth * size;
    uint8_t value[4];
    int32_t ob, oy, ox, c;

    if (size == 1u) {
        const int8_t v = (int8_t)s->value_bits;
        memcpy(value, &v, 1);
    } else {
        memcpy(value, &s->value_bits, 4);
    }
    for (ob = 0; ob < s->out_dims[0]; ob++) {
        const int32_t b = ob % in_b;
        const int32_t sx = ob / in_b % s->block_w;
        const int32_t sy = ob / in_b / s->block_w;
        for (oy = 0; oy < s->out_dims[1]; oy++) {
            const int32_t y = oy * s->block_h + sy - s->pad_top;
            for (ox = 0; ox < s->out_dims[2]; ox++) {
                const int32_t x = ox * s->block_w + sx - s->pad_left;
                if (y >= 0 && y < in_h && x >= 0 && x < in_w) {
                    memcpy(out, in + ((size_t)((b * in_h + y) * in_w + x)) * run, run);
                    out += run;
                } else {
                    for (c = 0; c < depth; c++, out += size) {
                        memcpy(out, value, size);
                    }
                }
            }
        }
    }
}
