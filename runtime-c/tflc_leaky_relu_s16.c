/*
 * tflc_leaky_relu_s16: int16 LEAKY_RELU (16-bit activations), as the Java reference LeakyRelu.Int16
 * (TFLM's QuantizeLeakyRelu<int16_t>): int8's arithmetic, clamped to int16.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_leaky_relu_s16(int32_t size, const tflc_leaky_relu_params_t *p, const int16_t *input, int16_t *output)
{
    const tflc_leaky_relu_params_t params = *p; /* a local copy: the int16 stores cannot alias it */
    int32_t i;
    for (i = 0; i < size; i++) {
        const int32_t v = tflc_add_wrap(
            tflc_leaky_relu_rescale(tflc_sub_wrap(input[i], params.input_zero_point), params.identity_multiplier,
                                    params.identity_shift, params.alpha_multiplier, params.alpha_shift,
                                    params.alpha_negative),
            params.output_zero_point);
        output[i] = (int16_t)(v < -32768 ? -32768 : v > 32767 ? 32767 : v);
    }
}
