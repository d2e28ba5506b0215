/*
 * tflc_batch_matmul_s16: int16 BATCH_MATMUL, as the Java reference BatchMatMul.Int16 (TFLM's
 * reference_ops::BatchMatMul<int16_t, int64_t>, zero points 0): each output the int64 sum over k of
 * x[i][k] * y[k][j], requantized by the int64 MultiplyByQuantizedMultiplier (mbqm64), clamped to int16.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_batch_matmul_s16(const tflc_batch_matmul_t *m, int32_t multiplier, int32_t shift, const int16_t *lhs,
                           const int16_t *rhs, int16_t *output)
{
    int32_t b0, b1, b2, i, j, k;
    for (b0 = 0; b0 < m->batch[0]; b0++) {
        for (b1 = 0; b1 < m->batch[1]; b1++) {
            for (b2 = 0; b2 < m->batch[2]; b2++) {
                const int16_t *x = lhs + b0 * m->lhs_strides[0] + b1 * m->lhs_strides[1] + b2 * m->lhs_strides[2];
                const int16_t *y = rhs + b0 * m->rhs_strides[0] + b1 * m->rhs_strides[1] + b2 * m->rhs_strides[2];
                for (i = 0; i < m->rows; i++) {
                    for (j = 0; j < m->cols; j++) {
                        int64_t total = 0;
                        int32_t v;
                        for (k = 0; k < m->depth; k++) {
                            total += (int64_t)x[i * m->lhs_row_stride + k * m->lhs_depth_stride]
                                     * y[k * m->rhs_depth_stride + j * m->rhs_col_stride];
                        }
                        v = tflc_mbqm64(total, multiplier, shift);
                        *output++ = (int16_t)(v < -32768 ? -32768 : v > 32767 ? 32767 : v);
                    }
                }
            }
        }
    }
}
