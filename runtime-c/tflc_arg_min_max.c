/*
 * tflc_arg_min_max: ARG_MAX (max != 0) and ARG_MIN on float (is_float != 0) or int8 input, as the
 * Java reference ArgMinMax.Select (TFLM's reference): for each outer and inner position, the index
 * along the axis of the first largest (smallest) value; a later value takes over only when strictly
 * greater (less). int8 values are compared as floats, which every int8 value is exactly. The indices
 * are int32, or int64 when `wide` (stored byte-wise: the arena aligns a tensor to the target's
 * alignment, which may be less than an int64's).
 */
#include <string.h>

#include "tflc_kernels.h"

static float value_at(int32_t is_float, const void *input, int32_t at)
{
    return is_float ? ((const float *)input)[at] : (float)((const int8_t *)input)[at];
}

void tflc_arg_min_max(int32_t outer, int32_t axis_size, int32_t inner, int32_t max, int32_t is_float,
                      int32_t wide, const void *input, void *output)
{
    int32_t o, i, k;
    for (o = 0; o < outer; o++) {
        for (i = 0; i < inner; i++) {
            const int32_t base = o * axis_size * inner + i;
            float best = value_at(is_float, input, base);
            int32_t index = 0;
            for (k = 1; k < axis_size; k++) {
                const float v = value_at(is_float, input, base + k * inner);
                if (max ? v > best : v < best) {
                    best = v;
                    index = k;
                }
            }
            if (wide) {
                const int64_t index64 = index;
                memcpy((uint8_t *)output + (size_t)(o * inner + i) * sizeof index64, &index64, sizeof index64);
            } else {
                ((int32_t *)output)[o * inner + i] = index;
            }
        }
    }
}
