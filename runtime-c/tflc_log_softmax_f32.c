/*
 * tflc_log_softmax_f32: float LOG_SOFTMAX, as the Java reference LogSoftmax.Float32 (TFLM's
 * reference_ops::LogSoftmax): per row x - max - logf(sum of expf(x - max)).
 */
#include <float.h>
#include <math.h>

#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_log_softmax_f32(int32_t rows, int32_t depth, const float *input, float *output)
{
    int32_t r, c;
    for (r = 0; r < rows; r++) {
        const float *in = input + (size_t)r * (size_t)depth;
        float *out = output + (size_t)r * (size_t)depth;
        float max = -FLT_MAX;
        float sum, log_sum;
        for (c = 0; c < depth; c++) {
            max = max < in[c] ? in[c] : max; /* std::max */
        }
        sum = expf(in[0] - max); /* 0.0f + the first exp: the same float */
        for (c = 1; c < depth; c++) {
            sum += expf(in[c] - max);
        }
        log_sum = logf(sum);
        for (c = 0; c < depth; c++) {
            out[c] = in[c] - max - log_sum;
        }
    }
}
