/*
 * tflc_batch_matmul_f32: float BATCH_MATMUL, as the Java reference BatchMatMul.Float32 (TFLM's
 * reference_ops::BatchMatMul): each output the float sum over k, in order, of x[i][k] * y[k][j].
 */
#include "tflc_kernels.h"

void tflc_batch_matmul_f32(const tflc_batch_matmul_t *m, const float *lhs, const float *rhs, float *output)
{
    int32_t b0, b1, b2, i, j, k;
    for (b0 = 0; b0 < m->batch[0]; b0++) {
        for (b1 = 0; b1 < m->batch[1]; b1++) {
            for (b2 = 0; b2 < m->batch[2]; b2++) {
                const float *x = lhs + b0 * m->lhs_strides[0] + b1 * m->lhs_strides[1] + b2 * m->lhs_strides[2];
                const float *y = rhs + b0 * m->rhs_strides[0] + b1 * m->rhs_strides[1] + b2 * m->rhs_strides[2];
                for (i = 0; i < m->rows; i++) {
                    for (j = 0; j < m->cols; j++) {
                        float total = 0.0f;
                        for (k = 0; k < m->depth; k++) {
                            total += x[i * m->lhs_row_stride + k * m->lhs_depth_stride]
                                     * y[k * m->rhs_depth_stride + j * m->rhs_col_stride];
                        }
                        *output++ = total;
                    }
                }
            }
        }
    }
}
