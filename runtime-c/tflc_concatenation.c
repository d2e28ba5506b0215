/*
 * tflc_concatenation: CONCATENATION, as the Java reference Concatenation.Copy (TFLM's reference
 * Concatenation, which requires int8 inputs quantized as the output): `outer` rounds, each copying
 * chunk_bytes[i] consecutive bytes of each input i in turn.
 */
#include <string.h>

#include "tflc_kernels.h"

void tflc_concatenation(const tflc_concatenation_t *c, void *output)
{
    uint8_t *out = (uint8_t *)output;
    int32_t r, i;

    for (r = 0; r < c->outer; r++) {
        for (i = 0; i < c->count; i++) {
            const size_t chunk = (size_t)c->chunk_bytes[i];
            memcpy(out, (const uint8_t *)c->inputs[i] + (size_t)r * chunk, chunk);
            out += chunk;
        }
    }
}
