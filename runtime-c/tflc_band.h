/*
 * Patch-based execution: a chain of window layers runs band by band, each band a few output rows of
 * the chain's last layer, so that the tensors between the layers are never whole. From the last layer
 * back, each layer computes the rows of its output that the next layer's window reads for the band;
 * the rows a band shares with its neighbours (its halo) are computed again. The compiler sizes the
 * bands' buffers with the same arithmetic (PatchStage).
 */
#ifndef TFLC_BAND_H
#define TFLC_BAND_H

#include <stdint.h>

/* The input rows [*lo, *hi) of a window layer (`span` = (filter height - 1) x dilation + 1 rows,
 * `stride`, `pad` rows of padding above, an input `in_h` rows high) that its output rows
 * [out_lo, out_hi) read, within the input. */
static inline void tflc_band_rows(int32_t out_lo, int32_t out_hi, int32_t stride, int32_t pad, int32_t span,
                                  int32_t in_h, int32_t *lo, int32_t *hi)
{
    const int32_t first = out_lo * stride - pad;
    const int32_t end = (out_hi - 1) * stride - pad + span;
    *lo = first < 0 ? 0 : first;
    *hi = end > in_h ? in_h : end;
}

#endif /* TFLC_BAND_H */
