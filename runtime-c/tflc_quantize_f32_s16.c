/* tflc_quantize_f32_s16: QUANTIZE float -> int16_t: round(x / scale) half away from zero, plus the zero point,
 * clamped, in float as TensorFlow Lite Micro's reference. */
#include <math.h>

#include "tflc_kernels.h"

void tflc_quantize_f32_s16(int32_t size, float scale, int32_t zero_point, const float *input, int16_t *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        const float r = roundf(input[i] / scale);
        int64_t q = r >= 2147483647.0f ? INT32_MAX : r <= -2147483648.0f ? INT32_MIN : (int64_t)r;
        q += zero_point;
        q = q < -32768 ? -32768 : q;
        q = q > 32767 ? 32767 : q;
        output[i] = (int16_t)q;
    }
}
