/*
 * tflc_cast: CAST, as the Java reference Cast.Convert (TFLM's static_cast per element): from and to
 * are the schema's type codes (TFLC_TYPE_*). Integers narrow to their low bits; integers become the
 * nearest float; floats become integers truncated toward zero, saturated to int32 (NaN to 0) as the
 * Cortex-M FPU converts, then narrowed. A bool input is 1 for any nonzero byte.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

static int32_t int_at(int32_t from, const void *input, int32_t i)
{
    switch (from) {
    case TFLC_TYPE_INT8:
        return ((const int8_t *)input)[i];
    case TFLC_TYPE_INT16:
        return ((const int16_t *)input)[i];
    case TFLC_TYPE_BOOL:
        return ((const uint8_t *)input)[i] != 0;
    default:
        return ((const int32_t *)input)[i];
    }
}

/* The low `bits` bits of v as a signed value. */
static int32_t low_bits(int32_t v, int32_t bits)
{
    const uint32_t mask = (1u << bits) - 1u;
    const uint32_t u = (uint32_t)v & mask;
    return (u & (1u << (bits - 1))) ? -(int32_t)(mask - u) - 1 : (int32_t)u;
}

void tflc_cast(int32_t size, int32_t from, int32_t to, const void *input, void *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        if (to == TFLC_TYPE_FLOAT32) {
            ((float *)output)[i] = from == TFLC_TYPE_FLOAT32 ? ((const float *)input)[i]
                                                             : (float)int_at(from, input, i);
        } else {
            const int32_t v = from == TFLC_TYPE_FLOAT32 ? tflc_truncate_to_int32(((const float *)input)[i])
                                                        : int_at(from, input, i);
            if (to == TFLC_TYPE_INT8) {
                ((int8_t *)output)[i] = (int8_t)low_bits(v, 8);
            } else if (to == TFLC_TYPE_INT16) {
                ((int16_t *)output)[i] = (int16_t)low_bits(v, 16);
            } else {
                ((int32_t *)output)[i] = v;
            }
        }
    }
}
