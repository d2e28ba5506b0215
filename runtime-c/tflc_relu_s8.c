/*
 * tflc_relu_s8: int8 RELU and RELU_N1_TO_1, as the Java reference Relu.Requantize (TFLM's
 * ReluQuantized): x - input_zero_point rescaled to the output's scale, plus output_zero_point,
 * clamped to [act_min, act_max].
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_relu_s8(int32_t size, int32_t input_zero_point, int32_t multiplier, int32_t shift,
                  int32_t output_zero_point, int32_t act_min, int32_t act_max, const int8_t *input, int8_t *output)
{
    int32_t i;
    for (i = 0; i < size; i++) {
        output[i] = (int8_t)tflc_requantize(input[i] - input_zero_point, multiplier, shift, output_zero_point, act_min,
                                            act_max);
    }
}
