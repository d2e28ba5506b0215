/*
 * tflc_split: SPLIT, SPLIT_V and UNPACK, as the Java reference Split.Copy (TFLM's SplitImpl and
 * UnpackImpl): `outer` rounds, each copying chunk_bytes[i] consecutive bytes of the input to output
 * i in turn; CONCATENATION's copy the other way.
 */
#include <string.h>

#include "tflc_kernels.h"

void tflc_split(const tflc_split_t *s, const void *input)
{
    const uint8_t *in = (const uint8_t *)input;
    int32_t r, i;

    for (r = 0; r < s->outer; r++) {
        for (i = 0; i < s->count; i++) {
            const size_t chunk = (size_t)s->chunk_bytes[i];
            memcpy((uint8_t *)s->outputs[i] + (size_t)r * chunk, in, chunk);
            in += chunk;
        }
    }
}
