/*
 * tflc_unpack_s4: INT4 weights, kept packed in flash, unpacked to int8 in the arena before the layer
 * that reads them runs, as TensorFlow Lite Micro does: two values to a byte, the first in the low
 * nibble, each sign-extended from 4 bits; an odd count leaves the last high nibble unused.
 */
#include "tflc_kernels.h"

void tflc_unpack_s4(const int8_t *packed, int8_t *unpacked, int32_t count)
{
    int32_t i;
    for (i = 0; i < count; i++) {
        uint32_t byte = (uint8_t)packed[i / 2];
        int32_t nibble = (int32_t)((i % 2 == 0) ? (byte & 0x0fu) : (byte >> 4));
        unpacked[i] = (int8_t)(nibble >= 8 ? nibble - 16 : nibble);
    }
}
