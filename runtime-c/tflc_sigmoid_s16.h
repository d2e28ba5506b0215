/*
 * TFLM's int16 sigmoid and tanh of one input already rescaled to steps of 1/(3 * 4096)
 * (reference_integer_ops::Logistic and Tanh after their rescaling), output scale 2^-15: the top bits of
 * the magnitude pick an interval of the sigmoid table (1/24 wide), the low nine interpolate in it. TANH
 * is 2 sigmoid(2x) - 1: the same table at twice the step, eight low bits. A negative input takes
 * 1 - sigmoid(|x|), or -tanh(|x|). `table` holds the table's entries less 2^15. Used by
 * tflc_sigmoid_s16 and the integer LSTM's gates.
 */
#ifndef TFLC_SIGMOID_S16_H
#define TFLC_SIGMOID_S16_H

#include "tflc_kernels.h"

static inline int16_t tflc_sigmoid_one_s16(int32_t x, int32_t is_tanh, const TFLC_ROM int16_t *table)
{
    const int32_t bits = is_tanh ? 8 : 9;
    const uint32_t magnitude = (uint32_t)(x < 0 ? -x : x);
    const uint32_t interval = magnitude >> bits;
    uint32_t result = is_tanh ? UINT32_C(0xFFFF) << 8 : UINT32_C(0x7FFF) << 10; /* saturated */
    if (interval < 255) {
        const uint32_t a = UINT32_C(32768) + (uint32_t)table[interval];
        const uint32_t b = UINT32_C(32768) + (uint32_t)table[interval + 1];
        result = (a << bits) + (magnitude & ((UINT32_C(1) << bits) - 1)) * (b - a);
    }
    if (is_tanh) {
        const int32_t t = (int32_t)result;
        return (int16_t)((x >= 0 ? t - (INT32_C(1) << 23) + (1 << 7) : -t + (INT32_C(1) << 23) + (1 << 7) - 1) >> 8);
    }
    return (int16_t)((x >= 0 ? result + (1 << 9) : (UINT32_C(1) << 25) - result + (1 << 9) - 1) >> 10);
}

#endif
