/*
 * tflc_lookup_s8: an int8 operator whose output element depends on the input element alone
 * (LOGISTIC, TANH, HARD_SWISH, RSQRT), from a table of the Java reference's results (Int8Map.packedTable):
 * the output for x is byte (x + 128) % 4 of word (x + 128) / 4, lowest byte first.
 */
#include "tflc_kernels.h"

void tflc_lookup_s8(int32_t size, const TFLC_ROM int32_t *table, const int8_t *input, int8_t *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        const uint32_t index = (uint32_t)(input[i] + 128);
        const uint32_t byte = ((uint32_t)table[index >> 2] >> ((index & 3u) * 8u)) & 0xFFu;
        output[i] = (int8_t)((int32_t)byte - (int32_t)((byte & 0x80u) << 1));
    }
}
