/* tflc_fill: FILL, as the Java reference Fill.Repeat: the value's element_bytes bytes, count times. */
#include <string.h>

#include "tflc_kernels.h"

void tflc_fill(int32_t count, int32_t element_bytes, const void *value, void *output)
{
    int32_t i;
    for (i = 0; i < count; i++) {
        memcpy((uint8_t *)output + (size_t)i * (size_t)element_bytes, value, (size_t)element_bytes);
    }
}
