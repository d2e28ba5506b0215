/*
 * tflc_strided_copy: the data movement of TRANSPOSE, SLICE and STRIDED_SLICE, as the Java reference
 * StridedCopy: the output in row-major order over dims, output element (i0, .., i[rank-1]) copied
 * from input element offset + sum(i_d * strides[d]), elements of element_bytes (1, 2 or 4) bytes.
 * A run along the last dimension with stride 1 is one memcpy.
 */
#include <string.h>

#include "tflc_kernels.h"

/* count elements of `size` bytes from input elements first, first + step, ... */
static void copy_run(uint8_t *out, const uint8_t *in, size_t size, int32_t first, int32_t step, int32_t count)
{
    int32_t i, a;
    if (step == 1) {
        memcpy(out, in + (size_t)first * size, (size_t)count * size);
    } else if (size == 1u) {
        for (i = 0, a = first; i < count; i++, a += step) {
            out[i] = in[a];
        }
    } else if (size == 2u) {
        for (i = 0, a = first; i < count; i++, a += step) {
            memcpy(out + (size_t)i * 2u, in + (size_t)a * 2u, 2u);
        }
    } else {
        for (i = 0, a = first; i < count; i++, a += step) {
            memcpy(out + (size_t)i * 4u, in + (size_t)a * 4u, 4u);
        }
    }
}

void tflc_strided_copy(const tflc_strided_copy_t *s, const void *input, void *output)
{
    uint8_t *out = (uint8_t *)output;
    const int32_t rank = s->rank;
    const size_t size = (size_t)s->element_bytes;
    const int32_t inner = s->dims[rank - 1];
    int32_t idx[TFLC_MAX_RANK] = {0};
    int32_t at = s->offset; /* input element of the run's first output element */

    do {
        copy_run(out, (const uint8_t *)input, size, at, s->strides[rank - 1], inner);
        out += (size_t)inner * size;
    } while (tflc_next_index(rank - 1, s->dims, s->strides, idx, &at));
}
