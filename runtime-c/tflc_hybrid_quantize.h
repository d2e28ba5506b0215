/*
 * tflc_hybrid_quantize.h: the run-time input quantization of the hybrid kernels (float activations,
 * int8 weights), as the Java reference dev.tflc.ops.HybridQuantization and TensorFlow Lite's
 * SymmetricQuantizeFloats and AsymmetricQuantizeFloats. The asymmetric range, scale and zero point
 * are computed in double, as TensorFlow Lite computes them. Included by the hybrid kernels' files
 * (after their FP_CONTRACT setting) alone.
 */
#ifndef TFLC_HYBRID_QUANTIZE_H
#define TFLC_HYBRID_QUANTIZE_H

#include <stddef.h>
#include <stdint.h>
#include "tflc_fixed_point.h"

/* Symmetric int8 in [-127, 127]: returns the scale, max|x| / 127 (1 when every value is 0). */
static inline float tflc_hybrid_quantize_symmetric(const float *x, size_t size, int8_t *q)
{
    float range = 0.0f, inverse;
    size_t i;
    for (i = 0; i < size; i++) {
        const float a = x[i] < 0.0f ? -x[i] : x[i];
        if (a > range) {
            range = a;
        }
    }
    if (range == 0.0f) {
        for (i = 0; i < size; i++) {
            q[i] = 0;
        }
        return 1.0f;
    }
    inverse = 127.0f / range;
    for (i = 0; i < size; i++) {
        const int32_t v = tflc_round_to_int32(x[i] * inverse);
        q[i] = (int8_t)(v < -127 ? -127 : v > 127 ? 127 : v);
    }
    return range / 127.0f;
}

/* std::round of a double in (-128, 127): halves away from zero, without libm. */
static inline int32_t tflc_hybrid_round_small(double x)
{
    const double a = x < 0.0 ? -x : x;
    double r = (double)(int32_t)(a + 0.5);
    if (r - 0.5 > a) {
        r -= 1.0; /* a + 0.5 rounded up through the addition */
    }
    return x < 0.0 ? -(int32_t)r : (int32_t)r;
}

/* Asymmetric int8 in [-128, 127]: returns the scale and writes the zero point (1 and 0 when every value
 * is 0). */
static inline float tflc_hybrid_quantize_asymmetric(const float *x, size_t size, int8_t *q, int32_t *zero_point)
{
    float lo = x[0], hi = x[0], scale_f, inverse;
    double rmin, rmax, scale, from_min, from_max, error_min, error_max, zp;
    int32_t offset;
    size_t i;
    for (i = 1; i < size; i++) {
        lo = tflc_minf(lo, x[i]);
        hi = tflc_maxf(hi, x[i]);
    }
    rmin = lo < 0.0f ? (double)lo : 0.0;
    rmax = hi > 0.0f ? (double)hi : 0.0;
    if (rmin == rmax) {
        for (i = 0; i < size; i++) {
            q[i] = 0;
        }
        *zero_point = 0;
        return 1.0f;
    }
    scale = (rmax - rmin) / 255.0;
    from_min = -128.0 - rmin / scale;
    from_max = 127.0 - rmax / scale;
    error_min = 128.0 + (rmin / scale < 0.0 ? -(rmin / scale) : rmin / scale);
    error_max = 127.0 + (rmax / scale < 0.0 ? -(rmax / scale) : rmax / scale);
    zp = error_min < error_max ? from_min : from_max;
    offset = zp <= -128.0 ? -128 : zp >= 127.0 ? 127 : tflc_hybrid_round_small(zp);
    scale_f = (float)scale;
    inverse = (float)(1.0 / (double)scale_f);
    for (i = 0; i < size; i++) {
        /* the zero point added before the rounding, in float, as TensorFlow Lite does */
        const int32_t v = tflc_round_to_int32((float)offset + inverse * x[i]);
        q[i] = (int8_t)(v < -128 ? -128 : v > 127 ? 127 : v);
    }
    *zero_point = offset;
    return scale_f;
}

#endif /* TFLC_HYBRID_QUANTIZE_H */
