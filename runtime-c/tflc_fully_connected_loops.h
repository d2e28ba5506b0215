/*
 * tflc_fully_connected_loops.h: the portable FULLY_CONNECTED loop nest, the one definition behind
 * tflc_fully_connected_s8.c, tflc_fully_connected_s16.c and tflc_fully_connected_f32.c. For each of
 * `batches` rows of `depth` inputs and each unit u, the sum of weights[u][d] times input[d] in d order.
 *
 * Included as the body of a kernel function whose parameters include batches, depth, units, input,
 * weights and output, after the kernel defines:
 *   TFLC_FC_WEIGHT              the weight element type
 *   TFLC_FC_ACC, TFLC_FC_ZERO   the sum's type and its start
 *   TFLC_FC_MAC(acc, x, wt)     acc plus input x times weight wt
 *   TFLC_FC_OUT(acc, u, c)      unit u's output from its sum (c: the index of its multiplier and
 *                               shift, u with per-channel ones, else 0)
 *   TFLC_FC_CHANNEL_STEP        1 when each unit has its own multiplier and shift, else 0
 * It undefines them at its end.
 */
{
    const int32_t channel_step = TFLC_FC_CHANNEL_STEP;
    int32_t b, u, d;

    for (b = 0; b < batches; b++, input += depth) {
        const TFLC_ROM TFLC_FC_WEIGHT *row = weights;
        int32_t c = 0; /* index of the multiplier and shift */
        for (u = 0; u < units; u++, row += depth, c += channel_step) {
            TFLC_FC_ACC acc = TFLC_FC_ZERO;
            for (d = 0; d < depth; d++) {
                acc = TFLC_FC_MAC(acc, input[d], row[d]);
            }
            *output++ = TFLC_FC_OUT(acc, u, c);
        }
    }
}
#undef TFLC_FC_WEIGHT
#undef TFLC_FC_ACC
#undef TFLC_FC_ZERO
#undef TFLC_FC_MAC
#undef TFLC_FC_OUT
#undef TFLC_FC_CHANNEL_STEP
