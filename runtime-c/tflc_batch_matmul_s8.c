/*
 * tflc_batch_matmul_s8: int8 BATCH_MATMUL, as the Java reference BatchMatMul.Int8 (TFLM's
 * reference_ops::BatchMatMul with FullyConnectedParams): each output the int32 sum over k of the offset
 * x[i][k] times the offset y[k][j], requantized (mbqm) plus the output offset, clamped to int8.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_batch_matmul_s8(const tflc_batch_matmul_t *m, int32_t lhs_offset, int32_t rhs_offset, int32_t multiplier,
                          int32_t shift, int32_t output_offset, const int8_t *lhs, const int8_t *rhs, int8_t *output)
{
    int32_t b0, b1, b2, i, j, k;
    for (b0 = 0; b0 < m->batch[0]; b0++) {
        for (b1 = 0; b1 < m->batch[1]; b1++) {
            for (b2 = 0; b2 < m->batch[2]; b2++) {
                const int8_t *x = lhs + b0 * m->lhs_strides[0] + b1 * m->lhs_strides[1] + b2 * m->lhs_strides[2];
                const int8_t *y = rhs + b0 * m->rhs_strides[0] + b1 * m->rhs_strides[1] + b2 * m->rhs_strides[2];
                for (i = 0; i < m->rows; i++) {
                    for (j = 0; j < m->cols; j++) {
                        int32_t total = 0;
                        int32_t v;
                        for (k = 0; k < m->depth; k++) {
                            total += (x[i * m->lhs_row_stride + k * m->lhs_depth_stride] + lhs_offset)
                                     * (y[k * m->rhs_depth_stride + j * m->rhs_col_stride] + rhs_offset);
                        }
                        v = tflc_mbqm(total, multiplier, shift) + output_offset;
                        *output++ = (int8_t)(v < -128 ? -128 : v > 127 ? 127 : v);
                    }
                }
            }
        }
    }
}
