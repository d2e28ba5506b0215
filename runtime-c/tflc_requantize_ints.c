/*
 * tflc_requantize_ints: QUANTIZE from one integer type to another (requantization), as the Java reference
 * Quantize.Requantize: mbqm(x - input_zero_point, multiplier, shift) + output_zero_point, clamped to
 * the output type's range. input_bytes and output_bytes (1, 2 or 4) name the types: int8, int16 or
 * int32. Each element is read before its output is written, so the output may lie over an input of
 * the same type.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

static int32_t load(const void *data, int32_t bytes, int32_t i)
{
    switch (bytes) {
    case 1:
        return ((const int8_t *)data)[i];
    case 2:
        return ((const int16_t *)data)[i];
    default:
        return ((const int32_t *)data)[i];
    }
}

void tflc_requantize_ints(int32_t size, int32_t input_bytes, int32_t output_bytes, int32_t input_zero_point,
                          int32_t multiplier, int32_t shift, int32_t output_zero_point, const void *input,
                          void *output)
{
    const int64_t lo = output_bytes == 1 ? INT8_MIN : output_bytes == 2 ? INT16_MIN : INT32_MIN;
    const int64_t hi = output_bytes == 1 ? INT8_MAX : output_bytes == 2 ? INT16_MAX : INT32_MAX;
    int32_t i;
    for (i = 0; i < size; i++) {
        int64_t v = (int64_t)tflc_mbqm(tflc_sub_wrap(load(input, input_bytes, i), input_zero_point), multiplier,
                                       shift) + output_zero_point;
        v = v < lo ? lo : v > hi ? hi : v;
        switch (output_bytes) {
        case 1:
            ((int8_t *)output)[i] = (int8_t)v;
            break;
        case 2:
            ((int16_t *)output)[i] = (int16_t)v;
            break;
        default:
            ((int32_t *)output)[i] = (int32_t)v;
            break;
        }
    }
}
