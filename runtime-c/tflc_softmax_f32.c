/*
 * tflc_softmax_f32: float SOFTMAX over rows of `depth`, as the Java reference Softmax.Float32:
 * e = exp((x - max) * beta) in float, summed in order, each e divided by the sum.
 */
#include <float.h>
#include <math.h>

#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_softmax_f32(int32_t rows, int32_t depth, float beta, const float *input, float *output)
{
    int32_t r, c;

    for (r = 0; r < rows; r++, input += depth, output += depth) {
        float max = -FLT_MAX;
        float sum = 0.0f;
        for (c = 0; c < depth; c++) {
            max = tflc_maxf(max, input[c]);
        }
        for (c = 0; c < depth; c++) {
            const float e = expf((input[c] - max) * beta);
            output[c] = e;
            sum += e;
        }
        for (c = 0; c < depth; c++) {
            output[c] = output[c] / sum;
        }
    }
}
