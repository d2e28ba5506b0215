/*
 * tflc_l2_normalization_s8: int8 L2_NORMALIZATION, as the Java reference L2Normalization.Int8 (TFLM's
 * reference_integer_ops::L2Normalization): per row the int32 sum of squares of the offset inputs, its
 * inverse square root (GetInvSqrtQuantizedMultiplierExp), and each offset input multiplied by it with 7
 * more bits, clamped: an output of scale 1/128 and zero point 0.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_l2_normalization_s8(int32_t rows, int32_t depth, int32_t input_zero_point, const int8_t *input,
                              int8_t *output)
{
    int32_t r, c;
    for (r = 0; r < rows; r++) {
        const int8_t *in = input + (size_t)r * (size_t)depth;
        int8_t *out = output + (size_t)r * (size_t)depth;
        int32_t squares = 0;
        int32_t multiplier, shift;
        for (c = 0; c < depth; c++) {
            const int32_t v = in[c] - input_zero_point;
            squares += v * v;
        }
        tflc_inverse_sqrt(squares, &multiplier, &shift);
        for (c = 0; c < depth; c++) {
            const int32_t v = tflc_mbqm(in[c] - input_zero_point, multiplier, shift + 7);
            out[c] = (int8_t)(v < -128 ? -128 : v > 127 ? 127 : v);
        }
    }
}
