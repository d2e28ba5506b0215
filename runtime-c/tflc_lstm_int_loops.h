/*
 * The integer LSTM of tflc_lstm_s8.c and tflc_lstm_s16.c, as the Java reference IntegerLstm (TFLM's
 * kernel), written once for both. The including file defines:
 *   TFLC_LSTM_FUNCTION  the function's name;         TFLC_LSTM_GATE  its gate helper's name;
 *   TFLC_LSTM_ACT       the activations' type;       TFLC_LSTM_ACC   the accumulator and bias type;
 *   TFLC_LSTM_ADD(acc, bias)                         the bias added (wrapping in int32);
 *   TFLC_LSTM_REQUANT(acc, multiplier, shift)        the accumulator requantized (int32 or int64 multiply);
 *   TFLC_LSTM_MIN, TFLC_LSTM_MAX                     the output state's range.
 * Per step and batch row: each gate is the product of the input (with the gate's bias) plus that of the
 * output state, each requantized to int16 at 2^-12 and clamped, added with saturation, then the int16
 * sigmoid (tanh for the cell gate); the forget, input and cell gates come first, then the cell state
 * (forget * cell + input * cell gate, each product requantized and clamped, added with saturation, then
 * clipped), then the output gate (from the old output state), then the output state, tanh(cell) *
 * output gate requantized, which is also the step's output row.
 */

static int16_t tflc_lstm_clamp16(int64_t v)
{
    return (int16_t)(v < INT16_MIN ? INT16_MIN : v > INT16_MAX ? INT16_MAX : v);
}

/* One requantized product: row u of `weights` ([cells][depth]) times (v + offset), plus the bias. */
static int16_t TFLC_LSTM_GATE(const TFLC_ROM int8_t *weights, const TFLC_LSTM_ACT *v, int32_t offset, int32_t depth,
                              const TFLC_ROM TFLC_LSTM_ACC *bias, int32_t u, int32_t multiplier, int32_t shift)
{
    const TFLC_ROM int8_t *row = weights + (size_t)u * (size_t)depth;
    TFLC_LSTM_ACC acc = 0;
    int32_t d;
    for (d = 0; d < depth; d++) {
        acc += (TFLC_LSTM_ACC)row[d] * (TFLC_LSTM_ACC)(v[d] + offset);
    }
    if (bias != 0) {
        acc = TFLC_LSTM_ADD(acc, bias[u]);
    }
    return tflc_lstm_clamp16(TFLC_LSTM_REQUANT(acc, multiplier, shift));
}

void TFLC_LSTM_FUNCTION(const tflc_lstm_int_params_t *p, const tflc_lstm_weights_int_t *w,
                        const TFLC_ROM int16_t *sigmoid_table, const TFLC_LSTM_ACT *input,
                        TFLC_LSTM_ACT *output_state, int16_t *cell_state, void *scratch, TFLC_LSTM_ACT *output)
{
    const TFLC_ROM int8_t *const input_to[4] = {w->input_to_input, w->input_to_forget, w->input_to_cell,
                                                w->input_to_output};
    const TFLC_ROM int8_t *const recurrent_to[4] = {w->recurrent_to_input, w->recurrent_to_forget,
                                                    w->recurrent_to_cell, w->recurrent_to_output};
    const TFLC_ROM TFLC_LSTM_ACC *const bias[4] = {
        (const TFLC_ROM TFLC_LSTM_ACC *)w->input_bias, (const TFLC_ROM TFLC_LSTM_ACC *)w->forget_bias,
        (const TFLC_ROM TFLC_LSTM_ACC *)w->cell_bias, (const TFLC_ROM TFLC_LSTM_ACC *)w->output_bias};
    /* gates in TensorFlow Lite's order: 0 input, 1 forget, 2 cell, 3 output; the cell gate's is tanh */
    static const int32_t first_gates[3] = {1, 0, 2};
    const int32_t cells = p->cells;
    int16_t *const gates = (int16_t *)scratch; /* [4][cells] */
    int32_t t, b, k, n;

    for (t = 0; t < p->steps; t++) {
        for (b = 0; b < p->batches; b++) {
            const int32_t row = p->time_major ? t * p->batches + b : b * p->steps + t;
            const TFLC_LSTM_ACT *x = input + (size_t)row * (size_t)p->input_size;
            TFLC_LSTM_ACT *h = output_state + (size_t)b * (size_t)cells;
            int16_t *c = cell_state + (size_t)b * (size_t)cells;
            int16_t *const forget = gates + cells, *const in = gates, *const cand = gates + 2 * cells;
            int16_t *const out = gates + 3 * cells;

            for (n = 0; n < 4; n++) {
                /* forget, input and cell gates; the output gate after the cell update (the old state still) */
                const int32_t g = n < 3 ? first_gates[n] : 3;
                if (n == 3) {
                    for (k = 0; k < cells; k++) {
                        const int16_t kept = tflc_lstm_clamp16(
                            tflc_mbqm((int32_t)forget[k] * c[k], p->forget_cell_multiplier, p->forget_cell_shift));
                        const int16_t added = tflc_lstm_clamp16(
                            tflc_mbqm((int32_t)in[k] * cand[k], p->input_cell_multiplier, p->input_cell_shift));
                        int32_t v = tflc_lstm_clamp16((int64_t)kept + added);
                        if (p->cell_clip != 0) {
                            v = v > p->cell_clip ? p->cell_clip : v < -p->cell_clip ? -p->cell_clip : v;
                        }
                        c[k] = (int16_t)v;
                    }
                }
                for (k = 0; k < cells; k++) {
                    const int16_t from_input = TFLC_LSTM_GATE(input_to[g], x, p->input_offset, p->input_size, bias[g],
                                                              k, p->gate_multipliers[2 * g], p->gate_shifts[2 * g]);
                    const int16_t from_state = TFLC_LSTM_GATE(recurrent_to[g], h, p->state_offset, cells, 0, k,
                                                              p->gate_multipliers[2 * g + 1],
                                                              p->gate_shifts[2 * g + 1]);
                    /* the sum at 2^-12 is read by the table at steps of 1/(3 * 4096): times 3 */
                    gates[g * cells + k] = tflc_sigmoid_one_s16(
                        3 * (int32_t)tflc_lstm_clamp16((int64_t)from_input + from_state), g == 2, sigmoid_table);
                }
            }
            for (k = 0; k < cells; k++) {
                const int32_t round = p->cell_tanh_shift > 0 ? INT32_C(1) << (p->cell_tanh_shift - 1) : 0;
                const int16_t tanh_c = tflc_sigmoid_one_s16(((int32_t)c[k] * p->cell_tanh_multiplier + round) >> p->cell_tanh_shift,
                                                            1, sigmoid_table);
                const int32_t v = tflc_mbqm((int32_t)tanh_c * out[k], p->output_multiplier, p->output_shift) + p->state_zero_point;
                h[k] = (TFLC_LSTM_ACT)(v < TFLC_LSTM_MIN ? TFLC_LSTM_MIN : v > TFLC_LSTM_MAX ? TFLC_LSTM_MAX : v);
            }
            memcpy(output + (size_t)row * (size_t)cells, h, (size_t)cells * sizeof(TFLC_LSTM_ACT));
        }
    }
}
