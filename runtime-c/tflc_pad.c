/*
 * tflc_pad: PAD and PADV2 with a constant value, as the Java reference Pad.Constant (TFLM's
 * reference Pad over 5 dimensions): every output element inside the input's place, in order, is the
 * next input element; every other one is the value. Elements of element_bytes (1, 2 or 4) bytes; the
 * value's bits are an integer's value or a float's representation.
 */
#include <string.h>

#include "tflc_kernels.h"

/* `count` copies of the element at `value`. */
static uint8_t *fill(uint8_t *out, const uint8_t *value, size_t size, int32_t count)
{
    int32_t i;
    if (size == 1u) {
        memset(out, value[0], (size_t)count);
        return out + count;
    }
    for (i = 0; i < count; i++, out += size) {
        memcpy(out, value, size);
    }
    return out;
}

void tflc_pad(const tflc_pad_t *p, const void *input, void *output)
{
    const uint8_t *in = (const uint8_t *)input;
    uint8_t *out = (uint8_t *)output;
    const size_t size = (size_t)p->element_bytes;
    const int32_t depth = p->out_dims[4];
    const int32_t left = p->before[4];
    const int32_t right = depth - left - p->in_dims[4];
    const size_t row = (size_t)p->in_dims[4] * size;
    uint8_t value[4];
    int32_t c[4], d;

    if (size == 1u) {
        const int8_t v = (int8_t)p->value_bits;
        memcpy(value, &v, 1);
    } else if (size == 2u) {
        const int16_t v = (int16_t)p->value_bits;
        memcpy(value, &v, 2);
    } else {
        memcpy(value, &p->value_bits, 4);
    }
    for (c[0] = 0; c[0] < p->out_dims[0]; c[0]++) {
        for (c[1] = 0; c[1] < p->out_dims[1]; c[1]++) {
            for (c[2] = 0; c[2] < p->out_dims[2]; c[2]++) {
                for (c[3] = 0; c[3] < p->out_dims[3]; c[3]++) {
                    int32_t inside = 1;
                    for (d = 0; d < 4; d++) {
                        inside = inside && c[d] >= p->before[d] && c[d] < p->before[d] + p->in_dims[d];
                    }
                    if (!inside) {
                        out = fill(out, value, size, depth);
                        continue;
                    }
                    out = fill(out, value, size, left);
                    memcpy(out, in, row);
                    out += row;
                    in += row;
                    out = fill(out, value, size, right);
                }
            }
        }
    }
}
