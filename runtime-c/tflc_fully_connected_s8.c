/* tflc_fully_connected_s8: int8 FULLY_CONNECTED, weights [units][depth], per-tensor or per-channel
 * requantization as TensorFlow Lite Micro's reference. */
#include "tflc_fixed_point.h"
#include "tflc_kernels.h"

void tflc_fully_connected_s8(int32_t batches, int32_t depth, int32_t units, const tflc_requant_t *q,
                             const int8_t *input, const int8_t *weights, const int32_t *bias, int8_t *output)
{
    const int32_t input_offset = q->input_offset;
    int32_t b, u, d;
    for (b = 0; b < batches; b++) {
        const int8_t *in = input + b * depth;
        for (u = 0; u < units; u++) {
            const int8_t *wr = weights + u * depth;
            const int32_t c = q->per_channel ? u : 0;
            int32_t acc = 0;
            int32_t v;
            for (d = 0; d < depth; d++) {
                acc += (int32_t)wr[d] * ((int32_t)in[d] + input_offset);
            }
            if (bias != 0) {
                acc += bias[u];
            }
            v = tflc_mbqm(acc, q->multipliers[c], q->shifts[c]) + q->output_offset;
            v = v < q->act_min ? q->act_min : v;
            v = v > q->act_max ? q->act_max : v;
            output[b * units + u] = (int8_t)v;
        }
    }
}
