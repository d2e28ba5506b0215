/*
 * tflc_fully_connected_hybrid_f32: hybrid FULLY_CONNECTED (float activations, int8 weights with one
 * scale), as the Java reference FullyConnected.Hybrid and TensorFlow Lite's EvalHybrid. When every
 * input value is 0 each output is the bias (0 without one), clamped. Otherwise each input row is
 * quantized into scratch (depth bytes): symmetrically, or with asymmetric != 0 asymmetrically, when
 * the weight row's sum times the row's zero point is taken off each int32 sum. Each output is the
 * bias (or 0) plus the int32 sum times (input scale * weight scale), in float, clamped to
 * [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

/* The reference rounds every product and every sum: no fused multiply-add. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "tflc_hybrid_quantize.h"

void tflc_fully_connected_hybrid_f32(int32_t batches, int32_t depth, int32_t units, float weight_scale,
                                     int32_t asymmetric, float act_min, float act_max, const float *input,
                                     const TFLC_ROM int8_t *weights, const TFLC_ROM float *bias, void *scratch,
                                     float *output)
{
    int8_t *quantized = (int8_t *)scratch;
    const size_t total = (size_t)batches * (size_t)depth;
    int all_zero = 1;
    size_t i;
    int32_t b, u, d;

    for (i = 0; i < total; i++) {
        if (input[i] != 0.0f) {
            all_zero = 0;
            break;
        }
    }
    for (b = 0; b < batches; b++) {
        const float *row = input + (size_t)b * (size_t)depth;
        float scale = 1.0f;
        int32_t zero_point = 0;
        if (!all_zero) {
            scale = (asymmetric ? tflc_hybrid_quantize_asymmetric(row, (size_t)depth, quantized, &zero_point)
                                : tflc_hybrid_quantize_symmetric(row, (size_t)depth, quantized))
                    * weight_scale;
        }
        for (u = 0; u < units; u++) {
            float v = bias != 0 ? bias[u] : 0.0f;
            if (!all_zero) {
                const TFLC_ROM int8_t *w = weights + (size_t)u * (size_t)depth;
                int32_t acc = 0, row_sum = 0;
                for (d = 0; d < depth; d++) {
                    acc += (int32_t)w[d] * (int32_t)quantized[d];
                    row_sum += w[d];
                }
                acc -= row_sum * zero_point;
                v += (float)acc * scale;
            }
            *output++ = tflc_clampf(v, act_min, act_max);
        }
    }
}
