/*
 * tflc_leaky_relu_s8: int8 LEAKY_RELU, as the Java reference LeakyRelu.Int8 (TFLM's
 * QuantizeLeakyRelu): x - input_zero_point rescaled by the identity multiplier where it is at
 * least 0, else by alpha's magnitude and negated for a negative alpha, plus output_zero_point,
 * clamped to int8.
 */
#include "tflc_kernels.h"
#include "tflc_fixed_point.h"

void tflc_leaky_relu_s8(int32_t size, const tflc_leaky_relu_params_t *p, const int8_t *input, int8_t *output)
{
    const tflc_leaky_relu_params_t params = *p; /* a local copy: the int8 stores cannot alias it */
    int32_t i;
    for (i = 0; i < size; i++) {
        const int32_t v = tflc_add_wrap(
            tflc_leaky_relu_rescale(tflc_sub_wrap(input[i], params.input_zero_point), params.identity_multiplier,
                                    params.identity_shift, params.alpha_multiplier, params.alpha_shift,
                                    params.alpha_negative),
            params.output_zero_point);
        output[i] = (int8_t)(v < -128 ? -128 : v > 127 ? 127 : v);
    }
}
