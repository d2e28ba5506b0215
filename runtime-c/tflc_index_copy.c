/*
 * tflc_index_copy: the data movement of MIRROR_PAD and BATCH_TO_SPACE_ND, as the Java reference
 * IndexCopy: the output in row-major order over dims, output element (i0, .., i[rank-1]) copied from
 * input element sum_d offsets_d[i_d], where offsets_d is dimension d's part of `offsets` (the parts
 * one after the other); elements of element_bytes (1, 2 or 4) bytes.
 */
#include <string.h>

#include "tflc_kernels.h"

void tflc_index_copy(const tflc_index_copy_t *c, const TFLC_ROM int32_t *offsets, const void *input, void *output)
{
    const uint8_t *in = (const uint8_t *)input;
    uint8_t *out = (uint8_t *)output;
    const size_t size = (size_t)c->element_bytes;
    const int32_t rank = c->rank;
    const int32_t inner = c->dims[rank - 1];
    const TFLC_ROM int32_t *part[TFLC_MAX_RANK];
    int32_t idx[TFLC_MAX_RANK] = {0};
    int32_t d, i, base;

    part[0] = offsets;
    for (d = 1; d < rank; d++) {
        part[d] = part[d - 1] + c->dims[d - 1];
    }
    for (;;) {
        base = 0;
        for (d = 0; d < rank - 1; d++) {
            base += part[d][idx[d]];
        }
        for (i = 0; i < inner; i++, out += size) {
            memcpy(out, in + (size_t)(base + part[rank - 1][i]) * size, size);
        }
        for (d = rank - 2; d >= 0; d--) {
            if (++idx[d] < c->dims[d]) {
                break;
            }
            idx[d] = 0;
        }
        if (d < 0) {
            return;
        }
    }
}
