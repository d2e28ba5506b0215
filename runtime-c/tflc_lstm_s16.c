/*
 * tflc_lstm_s16: UNIDIRECTIONAL_SEQUENCE_LSTM with int16 activations and output state (16x8), int64
 * accumulator, bias and multiply; int16 cell state. The loop nest is tflc_lstm_int_loops.h's.
 */
#include <string.h>

#include "tflc_kernels.h"
#include "tflc_fixed_point.h"
#include "tflc_sigmoid_s16.h"

#define TFLC_LSTM_FUNCTION tflc_lstm_s16
#define TFLC_LSTM_GATE tflc_lstm_product_s16
#define TFLC_LSTM_ACT int16_t
#define TFLC_LSTM_ACC int64_t
#define TFLC_LSTM_ADD(acc, b) ((acc) + (b))
#define TFLC_LSTM_REQUANT(acc, m, s) tflc_mbqm64((acc), (m), (s))
#define TFLC_LSTM_MIN INT16_MIN
#define TFLC_LSTM_MAX INT16_MAX
#include "tflc_lstm_int_loops.h"
