/*
 * tflc_svdf_s8: int8 SVDF with an int16 or int8 state (state_bits 16 or 8; the time weights have the
 * state's type), as the Java reference Svdf.Int8 (TFLM's EvalIntegerSvdfReference). The state is
 * [batches][filters][memory], oldest value first, and persists from one call to the next. Each call:
 *   1. shifts the whole state one element towards its start;
 *   2. for each batch b and filter f: acc = sum of feature[f][c] * (input[b][c] - input_zero_point),
 *      state[b][f][memory - 1] = state_zero_point + clamp(mbqm(acc, feature_*), state type range),
 *      stored with the state type's wrap-around;
 *   3. scratch[b][f] = sum of time[f][m] * (state[b][f][m] - state_zero_point);
 *   4. sums[b][u] = bias[u] + scratch[b][u * rank + r] for r in 0..rank-1;
 *   5. output = clamp(mbqm(sums, output_*) + output_zero_point, -128, 127).
 * Sums wrap like Java's int. scratch holds batches * (filters + units) int32 values.
 */
#include <string.h>

#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

/* Element i of an int16 (wide) or int8 state or time-weight array. */
static int32_t tflc_svdf_load(const void *p, int32_t i, int32_t wide)
{
    return wide ? ((const int16_t *)p)[i] : ((const int8_t *)p)[i];
}

/* The same from the time weights (constants: TFLC_ROM). */
static int32_t tflc_svdf_load_weight(const TFLC_ROM void *p, int32_t i, int32_t wide)
{
    return wide ? ((const TFLC_ROM int16_t *)p)[i] : ((const TFLC_ROM int8_t *)p)[i];
}

/* Stores v into element i, wrapping it into the element type's range. */
static void tflc_svdf_store(void *p, int32_t i, int32_t v, int32_t wide)
{
    if (wide) {
        ((int16_t *)p)[i] = (int16_t)((int32_t)(((uint32_t)v & 0xffffu) ^ 0x8000u) - 0x8000);
    } else {
        ((int8_t *)p)[i] = (int8_t)((int32_t)(((uint32_t)v & 0xffu) ^ 0x80u) - 0x80);
    }
}

void tflc_svdf_s8(const tflc_svdf_dims_t *d, const tflc_svdf_quant_t *q, int32_t state_bits, const int8_t *input,
                  const TFLC_ROM int8_t *feature, const TFLC_ROM void *time, const TFLC_ROM int32_t *bias,
                  void *state, void *scratch, int8_t *output)
{
    const int32_t wide = state_bits == 16;
    const int32_t state_min = wide ? INT16_MIN : INT8_MIN;
    const int32_t state_max = wide ? INT16_MAX : INT8_MAX;
    const int32_t filters = d->filters, memory = d->memory, units = d->units, depth = d->input_size;
    const int32_t state_count = d->batches * filters * memory;
    int32_t *const products = (int32_t *)scratch;
    int32_t *const sums = products + d->batches * filters;
    int32_t b, f, c, m, u, r;

    memmove(state, (uint8_t *)state + (wide ? 2 : 1), (size_t)(state_count - 1) * (wide ? 2u : 1u));

    for (b = 0; b < d->batches; b++) {
        const int8_t *x = input + b * depth;
        for (f = 0; f < filters; f++) {
            const TFLC_ROM int8_t *row = feature + f * depth;
            uint32_t acc = 0u;
            int32_t v;
            for (c = 0; c < depth; c++) {
                acc += (uint32_t)row[c] * ((uint32_t)x[c] - (uint32_t)q->input_zero_point);
            }
            v = tflc_mbqm(tflc_s32(acc), q->feature_multiplier, q->feature_shift);
            v = v < state_min ? state_min : (v > state_max ? state_max : v);
            tflc_svdf_store(state, (b * filters + f) * memory + memory - 1, tflc_add_wrap(q->state_zero_point, v),
                            wide);
        }
    }

    for (b = 0; b < d->batches; b++) {
        for (f = 0; f < filters; f++) {
            const int32_t base = (b * filters + f) * memory;
            uint32_t acc = 0u;
            for (m = 0; m < memory; m++) {
                acc += (uint32_t)tflc_svdf_load_weight(time, f * memory + m, wide)
                       * ((uint32_t)tflc_svdf_load(state, base + m, wide) - (uint32_t)q->state_zero_point);
            }
            products[b * filters + f] = tflc_s32(acc);
        }
    }

    for (b = 0; b < d->batches; b++) {
        for (u = 0; u < units; u++) {
            int32_t sum = bias[u];
            for (r = 0; r < d->rank; r++) {
                sum = tflc_add_wrap(sum, products[b * filters + u * d->rank + r]);
            }
            sums[b * units + u] = sum;
        }
    }

    for (u = 0; u < d->batches * units; u++) {
        int32_t v = tflc_mbqm(sums[u], q->output_multiplier, q->output_shift) + q->output_zero_point;
        output[u] = (int8_t)(v < -128 ? -128 : (v > 127 ? 127 : v));
    }
}
