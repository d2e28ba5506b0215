/*
 * tflc_sigmoid_s16: int16 LOGISTIC and TANH (16-bit activations), as the Java reference Int16Sigmoid
 * (TFLM's reference_integer_ops::Logistic and Tanh). Each input, times `multiplier` and shifted right by
 * `right_shift` with rounding, is in steps of 1/(3 * 4096); tflc_sigmoid_one_s16 interpolates the table
 * there. The output has scale 2^-15.
 */
#include "tflc_kernels.h"
#include "tflc_sigmoid_s16.h"

void tflc_sigmoid_s16(int32_t size, int32_t is_tanh, int32_t multiplier, int32_t right_shift,
                      const TFLC_ROM int16_t *table, const int16_t *input, int16_t *output)
{
    const int32_t round = right_shift > 0 ? INT32_C(1) << (right_shift - 1) : 0;
    int32_t i;
    for (i = 0; i < size; i++) {
        output[i] = tflc_sigmoid_one_s16((input[i] * multiplier + round) >> right_shift, is_tanh, table);
    }
}
