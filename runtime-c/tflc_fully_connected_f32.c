/* tflc_fully_connected_f32: float FULLY_CONNECTED, weights [units][depth]. */
#include "tflc_kernels.h"

void tflc_fully_connected_f32(int32_t batches, int32_t depth, int32_t units, float act_min, float act_max,
                              const float *input, const float *weights, const float *bias, float *output)
{
    int32_t b, u, d;
    for (b = 0; b < batches; b++) {
        const float *in = input + b * depth;
        for (u = 0; u < units; u++) {
            const float *wr = weights + u * depth;
            float total = 0.0f;
            float v;
            for (d = 0; d < depth; d++) {
                total += in[d] * wr[d];
            }
            v = total + (bias != 0 ? bias[u] : 0.0f);
            v = v < act_min ? act_min : v;
            v = v > act_max ? act_max : v;
            output[b * units + u] = v;
        }
    }
}
