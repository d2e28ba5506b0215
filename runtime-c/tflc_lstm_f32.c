/*
 * tflc_lstm_f32: float UNIDIRECTIONAL_SEQUENCE_LSTM, as the Java reference
 * UnidirectionalSequenceLstm.Float32 (TensorFlow Lite's LstmStepFloat). For each step, each batch:
 * every gate is its bias (0 under layer norm) + the input product + the recurrent product (each
 * summed from 0 in column order, then added) + the peephole product; under layer norm it is
 * normalized over the cells (1e-8 added to the variance), scaled by its coefficients and biased;
 * sigmoid for the input, forget and output gates, the cell activation for the cell gate. The cell
 * state becomes forget * cell + cell gate * input gate (1 - forget under CIFG), clipped when
 * cell_clip > 0; the output gate sees the new cell state; the output state is output gate *
 * activation(cell state), projected (bias, then the product) and clipped when proj_clip > 0, and is
 * copied to the step's output row. output_state [batches][outputs] and cell_state [batches][cells]
 * persist from one call to the next; scratch holds the gates of one batch, 4 * cells floats (3 * cells
 * under CIFG).
 */
#include <math.h>
#include <string.h>

#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

/* The reference rounds every product and every sum: no fused multiply-add. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

/* Sum of n products w[k] * v[k] from 0, in order. */
static float tflc_lstm_dot(const TFLC_ROM float *w, const float *v, int32_t n)
{
    float acc = 0.0f;
    int32_t k;
    for (k = 0; k < n; k++) {
        acc += w[k] * v[k];
    }
    return acc;
}

static float tflc_lstm_sigmoid(float x)
{
    return 1.0f / (1.0f + expf(-x));
}

/* The cell activation: tanh, else the clamp to [act_min, act_max]. */
static float tflc_lstm_activate(const tflc_lstm_params_t *p, float x)
{
    return p->tanh_activation ? tanhf(x) : tflc_clampf(x, p->act_min, p->act_max);
}

/* v[0..n) -> (v - mean) / sqrt(variance + 1e-8), as TensorFlow Lite's MeanStddevNormalization. */
static void tflc_lstm_normalize(float *v, int32_t n)
{
    float sum = 0.0f, squares = 0.0f, mean, inverse;
    int32_t i;
    for (i = 0; i < n; i++) {
        sum += v[i];
    }
    mean = sum / (float)n;
    for (i = 0; i < n; i++) {
        const float d = v[i] - mean;
        squares += d * d;
    }
    inverse = 1.0f / sqrtf(squares / (float)n + 1e-8f);
    for (i = 0; i < n; i++) {
        v[i] = (v[i] - mean) * inverse;
    }
}

/* One gate of one batch into out[cells], activated (sigmoid unless it is the cell gate). */
static void tflc_lstm_gate(const tflc_lstm_params_t *p, const TFLC_ROM float *input_to, const TFLC_ROM float *recurrent_to,
                           const TFLC_ROM float *cell_to, const TFLC_ROM float *bias, const TFLC_ROM float *layer_norm,
                           int32_t is_cell_gate, const float *x, const float *h, const float *c, float *out)
{
    int32_t i;
    for (i = 0; i < p->cells; i++) {
        float v = layer_norm != 0 ? 0.0f : bias[i];
        v += tflc_lstm_dot(input_to + i * p->input_size, x, p->input_size);
        v += tflc_lstm_dot(recurrent_to + i * p->outputs, h, p->outputs);
        if (cell_to != 0) {
            v += cell_to[i] * c[i];
        }
        out[i] = v;
    }
    if (layer_norm != 0) {
        tflc_lstm_normalize(out, p->cells);
        for (i = 0; i < p->cells; i++) {
            out[i] = layer_norm[i] * out[i] + bias[i];
        }
    }
    for (i = 0; i < p->cells; i++) {
        out[i] = is_cell_gate ? tflc_lstm_activate(p, out[i]) : tflc_lstm_sigmoid(out[i]);
    }
}

void tflc_lstm_f32(const tflc_lstm_params_t *p, const tflc_lstm_weights_f32_t *w, const float *input,
                   float *output_state, float *cell_state, void *scratch, float *output)
{
    const int32_t cells = p->cells, outputs = p->outputs;
    const int32_t cifg = w->input_to_input == 0;
    float *const input_gate = (float *)scratch; /* unused under CIFG: the forget gate starts there */
    float *const forget_gate = input_gate + (cifg ? 0 : cells);
    float *const cell_gate = forget_gate + cells;
    float *const output_gate = cell_gate + cells;
    int32_t t, b, i, j;

    for (t = 0; t < p->steps; t++) {
        for (b = 0; b < p->batches; b++) {
            const int32_t row = p->time_major ? t * p->batches + b : b * p->steps + t;
            const float *x = input + (size_t)row * (size_t)p->input_size;
            float *h = output_state + (size_t)b * (size_t)outputs;
            float *c = cell_state + (size_t)b * (size_t)cells;

            if (!cifg) {
                tflc_lstm_gate(p, w->input_to_input, w->recurrent_to_input, w->cell_to_input, w->input_bias,
                               w->input_layer_norm, 0, x, h, c, input_gate);
            }
            tflc_lstm_gate(p, w->input_to_forget, w->recurrent_to_forget, w->cell_to_forget, w->forget_bias,
                           w->forget_layer_norm, 0, x, h, c, forget_gate);
            tflc_lstm_gate(p, w->input_to_cell, w->recurrent_to_cell, 0, w->cell_bias, w->cell_layer_norm, 1, x,
                           h, c, cell_gate);
            for (i = 0; i < cells; i++) {
                const float f = forget_gate[i];
                float v = f * c[i];
                v += cell_gate[i] * (cifg ? 1.0f - f : input_gate[i]);
                c[i] = p->cell_clip > 0.0f ? tflc_clampf(v, -p->cell_clip, p->cell_clip) : v;
            }
            tflc_lstm_gate(p, w->input_to_output, w->recurrent_to_output, w->cell_to_output, w->output_bias,
                           w->output_layer_norm, 0, x, h, c, output_gate);

            /* The cell gate's buffer now holds output gate * activation(cell state). */
            for (i = 0; i < cells; i++) {
                cell_gate[i] = output_gate[i] * tflc_lstm_activate(p, c[i]);
            }
            if (w->projection == 0) {
                memcpy(h, cell_gate, (size_t)cells * sizeof(float));
            } else {
                for (j = 0; j < outputs; j++) {
                    float v = w->projection_bias != 0 ? w->projection_bias[j] : 0.0f;
                    v += tflc_lstm_dot(w->projection + j * cells, cell_gate, cells);
                    h[j] = p->proj_clip > 0.0f ? tflc_clampf(v, -p->proj_clip, p->proj_clip) : v;
                }
            }
            memcpy(output + (size_t)row * (size_t)outputs, h, (size_t)outputs * sizeof(float));
        }
    }
}
