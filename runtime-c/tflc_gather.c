/*
 * tflc_gather: GATHER, as the Java reference Gather.Copy (TFLM's Gather): for each batch b and outer
 * slice r, for each index c, the run of `inner` elements at index indices[b * coords + c] along the
 * axis, elements of element_bytes (1 or 4) bytes. The indices may be a run-time tensor: all are
 * checked before anything is written.
 */
#include <string.h>

#include "tflc_kernels.h"

int tflc_gather(const tflc_gather_t *g, const void *input, const int32_t *indices, void *output)
{
    const size_t run = (size_t)g->inner * (size_t)g->element_bytes;
    const uint8_t *in = (const uint8_t *)input;
    uint8_t *out = (uint8_t *)output;
    int32_t b, r, c;

    for (c = 0; c < g->batch * g->coords; c++) {
        if (indices[c] < 0 || indices[c] >= g->axis_size) {
            return 1;
        }
    }
    for (b = 0; b < g->batch; b++) {
        for (r = 0; r < g->outer; r++) {
            const uint8_t *slice = in + (size_t)(b * g->outer + r) * (size_t)g->axis_size * run;
            for (c = 0; c < g->coords; c++) {
                memcpy(out, slice + (size_t)indices[b * g->coords + c] * run, run);
                out += run;
            }
        }
    }
    return 0;
}
