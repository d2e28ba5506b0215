/* tflc_copy: RESHAPE (and other re-views) that the memory plan could not alias: copies the bytes. */
#include <string.h>

#include "tflc_kernels.h"

void tflc_copy(int32_t bytes, const void *input, void *output)
{
    if (input != output) {
        memmove(output, input, (size_t)bytes);
    }
}
