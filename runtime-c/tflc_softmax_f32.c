/* tflc_softmax_f32: float SOFTMAX over the last dimension: exp((x - max) * beta) / sum. */
#include <math.h>

#include "tflc_kernels.h"

void tflc_softmax_f32(int32_t rows, int32_t depth, float beta, const float *input, float *output)
{
    int32_t r, c;
    for (r = 0; r < rows; r++) {
        const float *in = input + r * depth;
        float *out = output + r * depth;
        float max = -3.40282347e+38f;
        float sum = 0.0f;
        for (c = 0; c < depth; c++) {
            max = in[c] > max ? in[c] : max;
        }
        for (c = 0; c < depth; c++) {
            out[c] = expf((in[c] - max) * beta);
            sum += out[c];
        }
        for (c = 0; c < depth; c++) {
            out[c] = out[c] / sum;
        }
    }
}
