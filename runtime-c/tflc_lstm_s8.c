/*
 * tflc_lstm_s8: UNIDIRECTIONAL_SEQUENCE_LSTM with int8 activations and output state, int32 accumulator,
 * bias and multiply; int16 cell state. The loop nest is tflc_lstm_int_loops.h's.
 */
#include <string.h>

#include "tflc_kernels.h"
#include "tflc_fixed_point.h"
#include "tflc_sigmoid_s16.h"

#define TFLC_LSTM_FUNCTION tflc_lstm_s8
#define TFLC_LSTM_GATE tflc_lstm_product_s8
#define TFLC_LSTM_ACT int8_t
#define TFLC_LSTM_ACC int32_t
#define TFLC_LSTM_ADD(acc, b) tflc_add_wrap((acc), (b))
#define TFLC_LSTM_REQUANT(acc, m, s) tflc_mbqm((acc), (m), (s))
#define TFLC_LSTM_MIN INT8_MIN
#define TFLC_LSTM_MAX INT8_MAX
#include "tflc_lstm_int_loops.h"
