/*
 * tflc_sigmoid_s16: int16 LOGISTIC and TANH (16-bit activations), as the Java reference Int16Sigmoid
 * (TFLM's reference_integer_ops::Logistic and Tanh). Each input, times `multiplier` and shifted right by
 * `right_shift` with rounding, is in steps of 1/(3 * 4096); the top bits of its magnitude pick an
 * interval of the sigmoid table (1/24 wide), the low nine interpolate in it. TANH is 2 sigmoid(2x) - 1:
 * the same table at twice the step, eight low bits. A negative input takes 1 - sigmoid(|x|), or
 * -tanh(|x|). The output has scale 2^-15. `table` holds the table's entries less 2^15.
 */
#include "tflc_kernels.h"

void tflc_sigmoid_s16(int32_t size, int32_t is_tanh, int32_t multiplier, int32_t right_shift,
                      const TFLC_ROM int16_t *table, const int16_t *input, int16_t *output)
{
    const int32_t round = right_shift > 0 ? INT32_C(1) << (right_shift - 1) : 0;
    const int32_t bits = is_tanh ? 8 : 9;
    const uint32_t saturated = is_tanh ? UINT32_C(0xFFFF) << 8 : UINT32_C(0x7FFF) << 10;
    int32_t i;
    for (i = 0; i < size; i++) {
        const int32_t x = (input[i] * multiplier + round) >> right_shift;
        const uint32_t magnitude = (uint32_t)(x < 0 ? -x : x);
        const uint32_t interval = magnitude >> bits;
        uint32_t result = saturated;
        if (interval < 255) {
            const uint32_t a = UINT32_C(32768) + (uint32_t)table[interval];
            const uint32_t b = UINT32_C(32768) + (uint32_t)table[interval + 1];
            result = (a << bits) + (magnitude & ((UINT32_C(1) << bits) - 1)) * (b - a);
        }
        if (is_tanh) {
            const int32_t t = (int32_t)result;
            output[i] = (int16_t)((x >= 0 ? t - (INT32_C(1) << 23) + (1 << 7) : -t + (INT32_C(1) << 23) + (1 << 7) - 1)
                                  >> 8);
        } else {
            output[i] = (int16_t)((x >= 0 ? result + (1 << 9) : (UINT32_C(1) << 25) - result + (1 << 9) - 1) >> 10);
        }
    }
}
