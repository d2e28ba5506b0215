/*
 * tflc_svdf_f32: float SVDF, as the Java reference Svdf.Float32 (TFLM's EvalFloatSvdfReference). The
 * state is [batches][filters][memory], oldest value first, and persists from one call to the next.
 * Each call shifts the whole state one element towards its start, writes each filter's feature
 * product (sum of feature[f][c] * input[b][c] in c order) into its newest slot, takes each filter's
 * time product (sum of time[f][m] * state[b][f][m] in m order) into scratch (batches * filters
 * floats), and writes bias[u] (0 when NULL) plus the unit's rank products, clamped to
 * [act_min, act_max].
 */
#include <string.h>

#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

/* The reference rounds every product and every sum: no fused multiply-add. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

void tflc_svdf_f32(const tflc_svdf_dims_t *d, float act_min, float act_max, const float *input,
                   const TFLC_ROM float *feature,
                   const TFLC_ROM float *time, const TFLC_ROM float *bias, float *state, void *scratch, float *output)
{
    const int32_t filters = d->filters, memory = d->memory, units = d->units, depth = d->input_size;
    float *const products = (float *)scratch;
    int32_t b, f, c, m, u, r;

    memmove(state, state + 1, (size_t)(d->batches * filters * memory - 1) * sizeof(float));

    for (b = 0; b < d->batches; b++) {
        const float *x = input + b * depth;
        for (f = 0; f < filters; f++) {
            const TFLC_ROM float *row = feature + f * depth;
            float acc = 0.0f;
            for (c = 0; c < depth; c++) {
                acc += row[c] * x[c];
            }
            state[(b * filters + f) * memory + memory - 1] = acc;
        }
    }

    for (b = 0; b < d->batches; b++) {
        for (f = 0; f < filters; f++) {
            const float *s = state + (b * filters + f) * memory;
            const TFLC_ROM float *w = time + f * memory;
            float acc = 0.0f;
            for (m = 0; m < memory; m++) {
                acc += w[m] * s[m];
            }
            products[b * filters + f] = acc;
        }
        for (u = 0; u < units; u++) {
            float sum = bias != 0 ? bias[u] : 0.0f;
            for (r = 0; r < d->rank; r++) {
                sum += products[b * filters + u * d->rank + r];
            }
            output[b * units + u] = tflc_clampf(sum, act_min, act_max);
        }
    }
}
