/*
 * tflc_l2_normalization_f32: float L2_NORMALIZATION, as the Java reference L2Normalization.Float32
 * (TFLM's reference_ops::L2Normalization): each row divided by the square root of its sum of squares
 * (summed in order), at least 1e-6.
 */
#include <math.h>

#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_l2_normalization_f32(int32_t rows, int32_t depth, const float *input, float *output)
{
    int32_t r, c;
    for (r = 0; r < rows; r++) {
        const float *in = input + (size_t)r * (size_t)depth;
        float *out = output + (size_t)r * (size_t)depth;
        float squares = 0.0f;
        float norm;
        for (c = 0; c < depth; c++) {
            squares += in[c] * in[c];
        }
        norm = sqrtf(squares);
        norm = norm < 1e-6f ? 1e-6f : norm; /* std::max(norm, epsilon) */
        for (c = 0; c < depth; c++) {
            out[c] = in[c] / norm;
        }
    }
}
