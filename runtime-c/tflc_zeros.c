/* tflc_zeros: ZEROS_LIKE, as the Java reference ZerosLike.Zeros: every byte of the output 0. */
#include <string.h>

#include "tflc_kernels.h"

void tflc_zeros(int32_t bytes, void *output)
{
    memset(output, 0, (size_t)bytes);
}
