package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Plants known bugs in the C kernels and requires the default suite to catch each one:
 * {@code mvn -B test -Pplanted-bugs} (not part of the default run). Each {@link Mutation} changes
 * one line of a copy of runtime-c/ (off-by-one loop bounds, wrong offsets, dropped rounding terms,
 * swapped indices), points the code generator at the copy through
 * {@link CGenerator#RUNTIME_DIR_PROPERTY}, and runs the default suite's {@link #CHECKS} on it
 * through the JUnit Platform launcher, until one fails: one of them must. The per-operator entries
 * that use the mutated line go first (a planted bug is then usually caught in seconds), then the
 * checks quickest first. The
 * unmutated copy must pass them all first, and every mutated copy must still build warning-free,
 * so a failure is the mutation's doing. runtime-c/ itself is never touched. Prints, per mutation,
 * the check that caught it ({@link #ALL_CHECKS}: every check that does).
 */
class PlantedBugsTest {
    /**
     * One line changed in one runtime file: {@code original} must occur exactly once in it.
     * {@code likelyCatcher}: the check of the code that uses the line (usually the entries of
     * {@link GeneratedCodePerOperatorTest} whose names contain a text), run before {@link #CHECKS} so
     * that a mutation is usually caught in seconds; null when the line is used everywhere.
     */
    record Mutation(String name, Check likelyCatcher, String file, String original, String planted) {
        @Override
        public String toString() {
            return name + " (" + file + ")";
        }
    }

    /**
     * A test of the default suite, run as it is in the default run; {@code perOpOnly}: the value of
     * GeneratedCodePerOperatorTest's {@code tflc.per-op.only} filter while it runs, or null.
     */
    record Check(String name, DiscoverySelector selector, String perOpOnly) {
        Check(String name, DiscoverySelector selector) {
            this(name, selector, null);
        }

        /** The per-operator entries whose name contains {@code text}. */
        static Check perOperator(String text) {
            return new Check("per-operator entries '" + text + "' (GeneratedCodePerOperatorTest)",
                    selectClass("dev.tflc.codegen.GeneratedCodePerOperatorTest"), text);
        }
    }

    /**
     * The optimized kernel set's layers (tflc_opt_s8.h, tflc_opt_f32.h) against the reference: single
     * layers and chains written over their inputs.
     */
    static final Check OPTIMIZED = new Check("optimized kernels, C vs reference (OptimizedKernelsMatchReferenceProperties)",
            selectClass("dev.tflc.lower.optimized.OptimizedKernelsMatchReferenceProperties"));

    /** Patch-based execution: chains of window layers in bands of rows against the reference. */
    static final Check PATCHES = new Check("layers in patches, C vs reference (PatchesMatchReferenceProperties)",
            selectClass("dev.tflc.codegen.PatchesMatchReferenceProperties"));

    /** The optimized kernels' MVE paths, which only a core with MVE runs: random int8 layers on the emulated Cortex-M55. */
    static final Check MVE = new Check("optimized kernels on the emulated Cortex-M55 (OptimizedKernelsOnCortexM4Test)",
            selectMethod("dev.tflc.targets.OptimizedKernelsOnCortexM4Test", "randomInt8LayersOnMveEqualTheReference",
                    "java.lang.String, java.nio.file.Path"));

    /** The generated code's refusal of a run-time output shape other than the model's. */
    static final Check TRANSPOSE_CONV_SHAPE = new Check(
            "a run-time output shape other than the model's (SeanetTransposeConvShapeTest)",
            selectClass("dev.tflc.codegen.SeanetTransposeConvShapeTest"));

    /** The default suite's checks of the C kernels, quickest first. */
    static final List<Check> CHECKS = List.of(
            new Check("long softmax rows (SoftmaxLongRowsTest)", selectClass("dev.tflc.codegen.SoftmaxLongRowsTest")),
            new Check("fixed-point C vs Java (FixedPointCTest)", selectClass("dev.tflc.ops.FixedPointCTest")),
            TRANSPOSE_CONV_SHAPE,
            OPTIMIZED,
            PATCHES,
            MVE,
            new Check("16-bit golden models in C (SeanetOpsTest)", selectClass("dev.tflc.codegen.SeanetOpsTest")),
            new Check("golden models in C (GeneratedCodeTest)",
                    selectMethod("dev.tflc.codegen.GeneratedCodeTest",
                            "generatedCodeMatchesGoldenAndReferenceUnderGccAndClang",
                            "java.nio.file.Path, java.nio.file.Path")),
            new Check("every operator and type, C vs reference (GeneratedCodePerOperatorTest)",
                    selectClass("dev.tflc.codegen.GeneratedCodePerOperatorTest")),
            randomModels("smallGraphsMatchTheReference"),
            new Check("SVDF state over invocations (SvdfStateTest)", selectClass("dev.tflc.codegen.SvdfStateTest")),
            new Check("random SVDF over invocations (SvdfProperties)", selectClass("dev.tflc.codegen.SvdfProperties")),
            new Check("random LSTM over invocations (LstmProperties)", selectClass("dev.tflc.codegen.LstmProperties")),
            new Check("int8 to int16 softmax (SoftmaxToInt16Properties)",
                    selectClass("dev.tflc.codegen.SoftmaxToInt16Properties")));

    /** The per-operator entries whose name contains {@code text}. */
    private static Check perOperator(String text) {
        return Check.perOperator(text);
    }

    /** A property of GeneratedCodeMatchesReferenceProperties over the operators these kernels implement. */
    private static Check randomModels(String property) {
        return new Check("random models, C vs reference (GeneratedCodeMatchesReferenceProperties." + property + ")",
                selectMethod("dev.tflc.codegen.GeneratedCodeMatchesReferenceProperties", property,
                        "dev.tflc.testing.RandomModels$Case"));
    }

    /**
     * {@code -Dtflc.planted-bugs.all-checks=true}: run every check on every mutation (to see which
     * of them bite), not only up to the first that catches it.
     */
    static final boolean ALL_CHECKS = Boolean.getBoolean("tflc.planted-bugs.all-checks");

    /**
     * {@code -Dtflc.planted-bugs.only=TEXT[,TEXT...]}: only the mutations whose name contains one of
     * the texts.
     */
    static final List<String> ONLY = List.of(System.getProperty("tflc.planted-bugs.only", "").split(","));

    /** The flags GeneratedCodeTest builds with: a planted bug must still build under them. */
    static final List<String> STRICT = GeneratedCodeTest.STRICT;

    static final List<Mutation> MUTATIONS = List.of(
            new Mutation("arg_min_max: int64 indices at int32 strides", perOperator("to int64"), "tflc_arg_min_max.c",
                    "memcpy((uint8_t *)output + (size_t)(o * inner + i) * sizeof index64, &index64, sizeof index64);",
                    "memcpy((uint8_t *)output + (size_t)(o * inner + i) * 4u, &index64, sizeof index64);"),
            new Mutation("unpack_s4: nibbles swapped (high nibble first)", perOperator("INT4"), "tflc_unpack_s4.c",
                    "int32_t nibble = (int32_t)((i % 2 == 0) ? (byte & 0x0fu) : (byte >> 4));",
                    "int32_t nibble = (int32_t)((i % 2 != 0) ? (byte & 0x0fu) : (byte >> 4));"),
            new Mutation("unpack_s4: no sign extension", perOperator("INT4"), "tflc_unpack_s4.c",
                    "unpacked[i] = (int8_t)(nibble >= 8 ? nibble - 16 : nibble);",
                    "unpacked[i] = (int8_t)nibble;"),
            new Mutation("conv2d grouped: the group's input channel from the batch index", perOperator("CONV_2D grouped"),
                    "tflc_conv2d_loops.h",
                    "const TFLC_CONV_IN *in_group = in_batch + (size_t)g * (size_t)filter_c;",
                    "const TFLC_CONV_IN *in_group = in_batch + (size_t)b * (size_t)filter_c;"),
            new Mutation("conv2d grouped: a tap's filter offset strided by in_c, not filter_c", perOperator("CONV_2D grouped"),
                    "tflc_conv2d_loops.h",
                    "pf = f_y + (size_t)fx * (size_t)filter_c;",
                    "pf = f_y + (size_t)fx * (size_t)in_c;"),
            new Mutation("conv2d: channel loop one short (off-by-one bound)", perOperator("CONV_2D int8"), "tflc_conv2d_loops.h",
                    "for (ic = 0; ic < filter_c; ic++) {",
                    "for (ic = 0; ic < filter_c - 1; ic++) {"),
            new Mutation("conv2d: batch offset without the rows (wrong offset)", perOperator("CONV_2D int8"), "tflc_conv2d_loops.h",
                    "const TFLC_CONV_IN *in_batch = input + (size_t)b * (size_t)in_h * in_row;",
                    "const TFLC_CONV_IN *in_batch = input + (size_t)b * in_row;"),
            new Mutation("depthwise_conv2d: taps in the first input column skipped (off-by-one bound)", perOperator("DEPTHWISE_CONV_2D int8"),
                    "tflc_depthwise_conv2d_loops.h",
                    "if (ix < 0 || ix >= in_w) {",
                    "if (ix <= 0 || ix >= in_w) {"),
            new Mutation("depthwise_conv2d: filter column of the input channel, not the output channel", perOperator("DEPTHWISE_CONV_2D int8"),
                    "tflc_depthwise_conv2d_loops.h",
                    "const TFLC_ROM TFLC_DW_FILTER *f_channel = filter + oc;",
                    "const TFLC_ROM TFLC_DW_FILTER *f_channel = filter + ic;"),
            new Mutation("depthwise_conv2d: batch offset without the rows (wrong offset)", perOperator("DEPTHWISE_CONV_2D int8"),
                    "tflc_depthwise_conv2d_loops.h",
                    "const TFLC_DW_IN *in_batch = input + (size_t)b * (size_t)in_h * in_row;",
                    "const TFLC_DW_IN *in_batch = input + (size_t)b * in_row;"),
            new Mutation("fully_connected_s8: bias of the multiplier's index (swapped index)", perOperator("FULLY_CONNECTED int8"),
                    "tflc_fully_connected_s8.c",
                    "(bias != 0 ? (uint32_t)bias[u] : 0u)",
                    "(bias != 0 ? (uint32_t)bias[c] : 0u)"),
            new Mutation("fully_connected: every batch reads the first row (wrong offset)", perOperator("FULLY_CONNECTED int8"),
                    "tflc_fully_connected_loops.h",
                    "for (b = 0; b < batches; b++, input += depth) {",
                    "for (b = 0; b < batches; b++) {"),
            new Mutation("avg_pool2d_s8: positive sums truncated (dropped rounding term)", perOperator("AVERAGE_POOL_2D int8"),
                    "tflc_avg_pool2d_s8.c",
                    "acc = acc > 0 ? (acc + half) / count : (acc - half) / count;",
                    "acc = acc > 0 ? acc / count : (acc - half) / count;"),
            new Mutation("pool taps: window one row short at the bottom edge (off-by-one bound)", perOperator("MAX_POOL_2D int8"),
                    "tflc_kernels.h",
                    "fy1 = w->filter_h < w->in_h - t.iy0 ? w->filter_h : w->in_h - t.iy0;",
                    "fy1 = w->filter_h < w->in_h - t.iy0 ? w->filter_h : w->in_h - t.iy0 - 1;"),
            new Mutation("pool2d: batch offset without the rows (wrong offset)", perOperator("MAX_POOL_2D int8"),
                    "tflc_pool2d_loops.h",
                    "const TFLC_POOL_T *in_batch = input + (size_t)b * (size_t)w->in_h * in_row;",
                    "const TFLC_POOL_T *in_batch = input + (size_t)b * in_row;"),
            new Mutation("broadcast walk: rewinds y by x's stride (swapped index)", perOperator("ADD int8"), "tflc_kernels.h",
                    "w->at2 -= b->strides2[d] * b->out_dims[d];",
                    "w->at2 -= b->strides1[d] * b->out_dims[d];"),
            new Mutation("add_s8: y scaled with x's multiplier (swapped index)", perOperator("ADD int8"), "tflc_add_s8.h",
                    "p->multiplier2, p->shift2);",
                    "p->multiplier1, p->shift2);"),
            new Mutation("softmax_s8: row maximum skips the first element (off-by-one bound)", perOperator("SOFTMAX int8"),
                    "tflc_softmax_s8.c",
                    "for (c = 0; c < depth; c++) {\n            if (input[c] > max) {",
                    "for (c = 1; c < depth; c++) {\n            if (input[c] > max) {"),
            new Mutation("softmax_s8: exps summed truncated (dropped rounding term)", perOperator("SOFTMAX int8"),
                    "tflc_softmax_s8.c",
                    "sum_of_exps += (uint32_t)tflc_rounding_divide_by_pot(e, ACCUMULATION_INTEGER_BITS);",
                    "sum_of_exps += (uint32_t)(e >> ACCUMULATION_INTEGER_BITS);"),
            new Mutation("quantize_f32: truncated instead of rounded (dropped rounding term)", perOperator("QUANTIZE float32"),
                    "tflc_fixed_point.h",
                    "int64_t v = (int64_t)tflc_round_to_int32(x / scale) + zero_point;",
                    "int64_t v = (int64_t)(int32_t)(x / scale) + zero_point;"),
            new Mutation("requantize_ints: input zero point added, not subtracted (wrong offset)", perOperator("QUANTIZE int"),
                    "tflc_requantize_ints.c",
                    "tflc_mbqm(tflc_sub_wrap(load(input, input_bytes, i), input_zero_point), multiplier,",
                    "tflc_mbqm(tflc_add_wrap(load(input, input_bytes, i), input_zero_point), multiplier,"),
            new Mutation("requantize_ints: int16 output clamped to the int8 range (wrong bound)", perOperator("QUANTIZE int"),
                    "tflc_requantize_ints.c",
                    "const int64_t lo = output_bytes == 1 ? INT8_MIN : output_bytes == 2 ? INT16_MIN : INT32_MIN;",
                    "const int64_t lo = output_bytes <= 2 ? INT8_MIN : INT32_MIN;"),
            new Mutation("fixed point: rounding divide by 2^n without the negative tie term (dropped rounding term)", null,
                    "tflc_fixed_point.h",
                    "const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);",
                    "const int32_t threshold = (mask >> 1);"),
            new Mutation("fixed point: doubling high multiply nudged up for negatives too (dropped rounding term)", null,
                    "tflc_fixed_point.h",
                    "ab += ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));",
                    "ab += ((int64_t)1 << 30);"),
            new Mutation("fixed point: requantize subtracts the output zero point (wrong offset)", null,
                    "tflc_fixed_point.h",
                    "int32_t v = tflc_add_wrap(tflc_mbqm(acc, multiplier, shift), output_offset);",
                    "int32_t v = tflc_sub_wrap(tflc_mbqm(acc, multiplier, shift), output_offset);"),
            new Mutation("fixed point: float rounding misses ties (off-by-one comparison)", perOperator("QUANTIZE float32"),
                    "tflc_fixed_point.h",
                    "if (fraction >= 0.5f) {",
                    "if (fraction > 0.5f) {"),
            new Mutation("fixed point: 16x8 int32 multiply without a bias, int64 with an int32 one (swapped index)", perOperator("16x8"),
                    "tflc_fixed_point.h",
                    "    if (bias_bits == 32) {\n        v = tflc_mbqm(",
                    "    if (bias_bits == 0) {\n        v = tflc_mbqm("),
            new Mutation("fixed point: int64 multiply without its rounding term (dropped rounding term)", perOperator("16x8"),
                    "tflc_fixed_point.h",
                    "(uint64_t)x * (uint64_t)reduced + ((uint64_t)1 << (total_shift - 1))",
                    "(uint64_t)x * (uint64_t)reduced + ((uint64_t)0 << (total_shift - 1))"),
            new Mutation("conv2d_s16: bias of the multiplier's index (swapped index)", perOperator("CONV_2D int16 activations"),
                    "tflc_conv2d_s16.c",
                    "tflc_requantize_16x8((acc) + tflc_bias_16x8(bias, bias_bits, oc), bias_bits,",
                    "tflc_requantize_16x8((acc) + tflc_bias_16x8(bias, bias_bits, c), bias_bits,"),
            new Mutation("conv2d: rows past the input read (off-by-one bound)", perOperator("CONV_2D int16 activations"),
                    "tflc_conv2d_loops.h",
                    "if (iy < 0 || iy >= in_h) {",
                    "if (iy < 0 || iy > in_h) {"),
            new Mutation("depthwise_conv2d_s16: product with the input widened to int16 only (dropped sign-extension)", perOperator("DEPTHWISE_CONV_2D int16 activations"),
                    "tflc_depthwise_conv2d_s16.c",
                    "((acc) + (uint64_t)(int64_t)((int32_t)(f) * (int32_t)(x)))",
                    "((acc) + (uint64_t)(int64_t)((int32_t)(f) * (uint16_t)(x)))"),
            new Mutation("depthwise_conv2d: multiplier of the input channel (swapped index)", perOperator("DEPTHWISE_CONV_2D int8"),
                    "tflc_depthwise_conv2d_loops.h",
                    "*output++ = TFLC_DW_OUT(acc, oc, c);",
                    "*output++ = TFLC_DW_OUT(acc, oc, ic * channel_step);"),
            new Mutation("fully_connected: every product with the row's first input (wrong offset)", perOperator("FULLY_CONNECTED int16 activations"),
                    "tflc_fully_connected_loops.h",
                    "acc = TFLC_FC_MAC(acc, input[d], row[d]);",
                    "acc = TFLC_FC_MAC(acc, input[0], row[d]);"),
            new Mutation("transpose_conv: first input row one late (off-by-one bound)", perOperator("TRANSPOSE_CONV"),
                    "tflc_kernels.h",
                    "*first = lo_i > 0 ? lo_i : 0;",
                    "*first = lo_i > 0 ? lo_i + 1 : 0;"),
            new Mutation("transpose_conv: a wider output shape passes the check (off-by-one comparison)", TRANSPOSE_CONV_SHAPE,
                    "tflc_kernels.h",
                    "output_shape[2] != w->out_w",
                    "output_shape[2] < w->out_w"),
            new Mutation("transpose_conv_s8: input zero point added, not subtracted (wrong offset)", perOperator("TRANSPOSE_CONV int8"),
                    "tflc_transpose_conv_s8.c",
                    "((acc) + ((uint32_t)(x) + input_offset) * (uint32_t)(f))",
                    "((acc) + ((uint32_t)(x) - input_offset) * (uint32_t)(f))"),
            new Mutation("transpose_conv_f32: bias of the next channel (off-by-one index)", perOperator("TRANSPOSE_CONV float32"),
                    "tflc_transpose_conv_f32.c",
                    "bias != 0 ? (acc) + bias[oc] : (acc)",
                    "bias != 0 ? (acc) + bias[(oc + 1) % w->out_c] : (acc)"),
            new Mutation("svdf_s8: state shifted by a whole filter, not one element (wrong offset)", perOperator("SVDF int8"),
                    "tflc_svdf_s8.c",
                    "memmove(state, (uint8_t *)state + (wide ? 2 : 1), (size_t)(state_count - 1) * (wide ? 2u : 1u));",
                    "memmove(state, (uint8_t *)state + (wide ? 2 : 1) * memory, (size_t)(state_count - memory) * "
                            + "(wide ? 2u : 1u));"),
            new Mutation("svdf_s8: time products without the state zero point (dropped offset)", perOperator("SVDF int8"),
                    "tflc_svdf_s8.c",
                    "* ((uint32_t)tflc_svdf_load(state, base + m, wide) - (uint32_t)q->state_zero_point);",
                    "* (uint32_t)tflc_svdf_load(state, base + m, wide);"),
            new Mutation("svdf_s8: a unit sums filters strided by units, not rank (swapped index)", perOperator("SVDF int8"),
                    "tflc_svdf_s8.c",
                    "sum = tflc_add_wrap(sum, products[b * filters + u * d->rank + r]);",
                    "sum = tflc_add_wrap(sum, products[b * filters + r * units + u]);"),
            new Mutation("svdf_f32: newest activation in the oldest slot (off-by-one index)", perOperator("SVDF float32"),
                    "tflc_svdf_f32.c",
                    "state[(b * filters + f) * memory + memory - 1] = acc;",
                    "state[(b * filters + f) * memory] = acc;"),
            new Mutation("lstm_f32: CIFG's input gate is the forget gate, not 1 - forget (dropped term)", perOperator("UNIDIRECTIONAL_SEQUENCE_LSTM"),
                    "tflc_lstm_f32.c",
                    "v += cell_gate[i] * (cifg ? 1.0f - f : input_gate[i]);",
                    "v += cell_gate[i] * (cifg ? f : input_gate[i]);"),
            new Mutation("lstm_f32: a time-major input read batch-major (wrong offset)", perOperator("UNIDIRECTIONAL_SEQUENCE_LSTM"),
                    "tflc_lstm_f32.c",
                    "const int32_t row = p->time_major ? t * p->batches + b : b * p->steps + t;",
                    "const int32_t row = b * p->steps + t;"),
            new Mutation("softmax_s8: int16 output offset by the int8 minimum (wrong offset)", perOperator("SOFTMAX int8 to int16"),
                    "tflc_softmax_s8.c",
                    "const int32_t out_min = output_bits == 16 ? INT16_MIN : INT8_MIN;",
                    "const int32_t out_min = INT8_MIN;"),
            new Mutation("softmax_s16: table lookup truncates the interpolation (dropped rounding term)",
                    perOperator("SOFTMAX int16"), "tflc_softmax_s16.c",
                    "return (int16_t)(base + ((slope * offset + 64) >> 7));",
                    "return (int16_t)(base + ((slope * offset) >> 7));"),
            new Mutation("softmax_s16: exps times the reciprocal truncated (dropped rounding term)",
                    perOperator("SOFTMAX int16"), "tflc_softmax_s16.c",
                    "round = (int64_t)1 << (right_shift - 1);",
                    "round = 0;"),
            new Mutation("sigmoid_s16: LOGISTIC of a negative input's result one step high (dropped -1 of 1 - sigmoid)",
                    perOperator("LOGISTIC int16"), "tflc_sigmoid_s16.h",
                    "(UINT32_C(1) << 25) - result + (1 << 9) - 1)", "(UINT32_C(1) << 25) - result + (1 << 9))"),
            new Mutation("sigmoid_s16: TANH reads nine low bits of the input within an interval, not eight",
                    perOperator("TANH int16"), "tflc_sigmoid_s16.h", "const int32_t bits = is_tanh ? 8 : 9;",
                    "const int32_t bits = 9;"),
            new Mutation("lstm_int: the recurrent products ignore the output state's zero point",
                    perOperator("SEQUENCE_LSTM int8"), "tflc_lstm_int_loops.h",
                    "TFLC_LSTM_GATE(recurrent_to[g], h, p->state_offset, cells,",
                    "TFLC_LSTM_GATE(recurrent_to[g], h, 0, cells,"),
            new Mutation("lstm_int: the cell state's tanh truncates its rescaling (dropped rounding term)",
                    perOperator("SEQUENCE_LSTM int16 activations"), "tflc_lstm_int_loops.h",
                    "const int32_t round = p->cell_tanh_shift > 0 ? INT32_C(1) << (p->cell_tanh_shift - 1) : 0;",
                    "const int32_t round = 0;"),
            new Mutation("hybrid_quantize: asymmetric scale over 254 steps, not 255 (off-by-one range)", perOperator("hybrid"),
                    "tflc_hybrid_quantize.h",
                    "scale = (rmax - rmin) / 255.0;",
                    "scale = (rmax - rmin) / 254.0;"),
            new Mutation("fully_connected_hybrid: the row sum times the zero point added, not taken off (wrong sign)", perOperator("FULLY_CONNECTED hybrid"),
                    "tflc_fully_connected_hybrid_f32.c",
                    "acc -= row_sum * zero_point;",
                    "acc += row_sum * zero_point;"),
            new Mutation("conv2d_hybrid: every channel scaled by the first channel's scale (wrong index)", perOperator("CONV_2D hybrid, per-channel"),
                    "tflc_conv2d_hybrid_f32.c",
                    "v = (float)acc * (filter_scales[per_channel ? oc : 0] * input_scale);",
                    "v = (float)acc * (filter_scales[0] * input_scale);"),
            new Mutation("depthwise_conv2d_hybrid: the zero point not taken off the input (dropped offset)", perOperator("DEPTHWISE_CONV_2D hybrid"),
                    "tflc_depthwise_conv2d_hybrid_f32.c",
                    "+ (size_t)ic] - zero_point);",
                    "+ (size_t)ic] - 0);"),
            new Mutation("opt matmul_s8 backward: an odd first row never computed (off-by-one comparison)", OPTIMIZED,
                    "tflc_opt_s8.h", "    if (r == 1) {\n        tflc_opt_pixel_out_s8(input,",
                    "    if (r == 0) {\n        tflc_opt_pixel_out_s8(input,"),
            new Mutation("opt matmul_f32 backward: an odd first row never computed (off-by-one comparison)", OPTIMIZED,
                    "tflc_opt_f32.h", "    if (r == 1) {\n        tflc_opt_pixels_f32(input, NULL,",
                    "    if (r == 0) {\n        tflc_opt_pixels_f32(input, NULL,"),
            new Mutation("opt depthwise_s8: a window that reaches past the right edge taken as inside (dropped bound)",
                    OPTIMIZED, "tflc_opt_s8.h",
                    "inside = fy0 == 0 && fy1 == w->filter_h && fx0 == 0 && fx1 == w->filter_w;",
                    "inside = fy0 == 0 && fy1 == w->filter_h && fx0 == 0;"),
            new Mutation("opt dot_2x2 (no DSP): pixel b's second channel with the first channel's weight (swapped index)",
                    OPTIMIZED, "tflc_opt_s8.h", "        b1 += (uint32_t)(w1_ * xb_);",
                    "        b1 += (uint32_t)(w0_ * xb_);"),
            new Mutation("opt dot_1x6 (no DSP): the third pair's odd channel with its even channel's weight (swapped index)",
                    OPTIMIZED, "tflc_opt_s8.h", "        s5 += (uint32_t)(w[2u * pair + (o)] * x_);",
                    "        s5 += (uint32_t)(w[2u * pair + (e)] * x_);"),
            new Mutation("opt dot_2x2 (MVE): the last depth % 16 of the second channel read at a whole block's offset",
                    MVE, "tflc_opt_s8.h", "const int8x16_t w0 = vldrbq_z_s8(w, p), w1 = vldrbq_z_s8(w + tail, p);",
                    "const int8x16_t w0 = vldrbq_z_s8(w, p), w1 = vldrbq_z_s8(w + 16, p);"),
            new Mutation("opt dot_1x2 (MVE): the second channel's last depth % 16 with the first channel's weights",
                    MVE, "tflc_opt_s8.h", "a1 = vmladavaq_s8(a1, x, vldrbq_z_s8(w + tail, p));",
                    "a1 = vmladavaq_s8(a1, x, vldrbq_z_s8(w, p));"),
            new Mutation("opt rounding (MVE): the threshold without its 1 for negative values (rounds half away "
                    + "from zero no more)", MVE, "tflc_opt_s8.h",
                    "const int32x4_t threshold = vaddq_s32(half, negative);",
                    "const int32x4_t threshold = vaddq_s32(half, vsubq_s32(negative, negative));"),
            new Mutation("opt stores (MVE): the second pixel's outputs one byte before their place (off by one)",
                    MVE, "tflc_opt_s8.h", "vstrbq_scatter_offset_s32(out_a + oc, vmlaq_n_u32(channels, second, apart),",
                    "vstrbq_scatter_offset_s32(out_a + oc, vmlaq_n_u32(channels, second, apart - 1u),"),
            new Mutation("opt stores (MVE): every block of four channels with the first block's multipliers",
                    MVE, "tflc_opt_s8.h",
                    "return q->per_channel ? tflc_opt_scales_mve(vldrwq_s32(q->multipliers + c), vldrbq_s32(q->shifts + c))",
                    "return q->per_channel ? tflc_opt_scales_mve(vldrwq_s32(q->multipliers), vldrbq_s32(q->shifts + c))"),
            new Mutation("opt depthwise pairs (MVE): the second pixel's window read at the first's (wrong pointer)",
                    MVE, "tflc_opt_s8.h",
                    "tflc_opt_depthwise_pair_mve(w, px, px + (size_t)w->stride_w * c_all, weights, q, out,",
                    "tflc_opt_depthwise_pair_mve(w, px, px + (size_t)w->stride_w * c_all - c_all, weights, q, out,"),
            new Mutation("opt pixels (MVE): the second pair of channels with the first pair's weights (wrong offset)",
                    MVE, "tflc_opt_s8.h", "tflc_opt_dot_2x2(a, b, w + 2 * depth, depth, more);",
                    "tflc_opt_dot_2x2(a, b, w, depth, more);"),
            new Mutation("opt ADD in a convolution's stores (MVE): the residual offset by the layer's value's offset "
                    + "(wrong parameter)", MVE, "tflc_opt_s8.h",
                    "tflc_opt_add_input_mve(y, a->offset2, a->left_shift, a->multiplier2, a->shift2));",
                    "tflc_opt_add_input_mve(y, a->offset1, a->left_shift, a->multiplier2, a->shift2));"),
            new Mutation("opt window gathering (MVE): the source one byte short of its next vector (off by one)",
                    MVE, "tflc_opt.h", "for (; n >= 16; n -= 16, d += 16, s += 16) {",
                    "for (; n >= 16; n -= 16, d += 16, s += 15) {"),
            new Mutation("opt depthwise (MVE): four whole channels of a window in the padding without the input offset "
                    + "(dropped offset)", MVE, "tflc_opt_s8.h", "+ (size_t)fx0) * 4u, rows, cols, input_offset, v);",
                    "+ (size_t)fx0) * 4u, rows, cols, 0, v);"),
            new Mutation("opt depthwise (MVE): the taps of windows in the padding with the input offset one off (wrong "
                    + "offset)", MVE, "tflc_opt_s8.h", "in = vaddq_n_s32(in, offset);", "in = vaddq_n_s32(in, offset + 1);"),
            new Mutation("opt dot_1x6 (no DSP): a last block of four input values skipped (wrong bit of the depth)",
                    OPTIMIZED, "tflc_opt_s8.h", "    if (depth & 4) {\n        TFLC_OPT_MAC_1X6_4(0);",
                    "    if (depth & 8) {\n        TFLC_OPT_MAC_1X6_4(0);"),
            new Mutation("opt conv_s8: the second window of a pair gathered from the first pixel (wrong offset)",
                    OPTIMIZED, "tflc_opt_s8.h", "tflc_opt_gather(w, input, p + 1, patches + depth);",
                    "tflc_opt_gather(w, input, p, patches + depth);"),
            new Mutation("opt ADD in a convolution's stores: the residual's element one past the output's (off by one)",
                    OPTIMIZED, "tflc_opt_s8.h", "const int8_t *r = out + residual;",
                    "const int8_t *r = out + residual + 1;"),
            new Mutation("opt ADD in a convolution's stores: the residual scaled as the layer's value (swapped arguments)",
                    OPTIMIZED, "tflc_opt_s8.h", "out[i] = tflc_add_one_s8(a, values[i], r[i]);",
                    "out[i] = tflc_add_one_s8(a, r[i], values[i]);"),
            new Mutation("opt stores in a concatenation's part: a matrix row's pixel at its own width, not the "
                    + "concatenation's (wrong stride)", OPTIMIZED, "tflc_opt_s8.h",
                    "int8_t *out = output + (size_t)r * (size_t)q->out_stride;",
                    "int8_t *out = output + (size_t)r * (size_t)out_c;"),
            new Mutation("opt stores in a concatenation's part: a depthwise layer's next pixel at its own width "
                    + "(wrong stride)", OPTIMIZED, "tflc_opt_s8.h",
                    "for (ox = 0; ox < w->out_w; ox++, out += q->out_stride) {",
                    "for (ox = 0; ox < w->out_w; ox++, out += c_all) {"),
            new Mutation("band rows: a band's input rows start one row late (off by one)",
                    PATCHES, "tflc_band.h", "*lo = first < 0 ? 0 : first;", "*lo = first < 0 ? 0 : first + 1;"),
            new Mutation("band rows: the last row of a band's halo left out (off by one)",
                    PATCHES, "tflc_band.h", "*hi = end > in_h ? in_h : end;", "*hi = end > in_h ? in_h : end - 1;"));

    @TempDir
    static Path tmp;

    /** Mutation name -> the checks that caught it, in the order run. */
    private static final Map<String, List<String>> CAUGHT = new LinkedHashMap<>();

    @TestFactory
    Stream<DynamicTest> everyPlantedBugIsCaughtByTheDefaultSuite() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("the unmutated runtime passes every check", () -> {
            Path copy = copyOfRuntime("unmutated");
            buildsWarningFree(copy, "the unmutated runtime");
            for (Check check : CHECKS) {
                TestExecutionSummary s = run(check, copy);
                assertTrue(s.getTestsSucceededCount() > 0, check.name() + " ran no test");
                assertEquals(0, s.getTotalFailureCount(), check.name() + " fails without a planted bug: "
                        + failures(s));
            }
        }));
        for (int i = 0; i < MUTATIONS.size(); i++) {
            Mutation m = MUTATIONS.get(i);
            if (ONLY.stream().noneMatch(m.name()::contains)) {
                continue;
            }
            String folder = "mutation-" + i;
            tests.add(DynamicTest.dynamicTest(m.toString(), () -> {
                Path copy = copyOfRuntime(folder);
                plant(copy, m);
                buildsWarningFree(copy, "the planted bug " + m);
                List<String> caughtBy = new ArrayList<>();
                List<Check> checks = new ArrayList<>();
                if (m.likelyCatcher() != null) {
                    checks.add(m.likelyCatcher());
                }
                checks.addAll(CHECKS);
                for (Check check : checks) {
                    TestExecutionSummary s = run(check, copy);
                    if (check.perOpOnly() != null) {
                        assertTrue(s.getTestsFoundCount() > 0, m + ": no per-operator entry contains '"
                                + check.perOpOnly() + "'");
                    }
                    if (s.getTotalFailureCount() > 0) {
                        caughtBy.add(check.name());
                        System.out.println("planted-bugs: " + m.name() + ": caught by " + check.name() + ": "
                                + failures(s));
                        if (!ALL_CHECKS) {
                            break;
                        }
                    }
                }
                CAUGHT.put(m.name(), caughtBy);
                if (caughtBy.isEmpty()) {
                    fail("planted bug survived every check: " + m + ": '" + m.original() + "' -> '" + m.planted()
                            + "'");
                }
            }));
        }
        return tests.stream();
    }

    @AfterAll
    static void summary() {
        StringBuilder out = new StringBuilder("planted-bugs: " + CAUGHT.size() + " mutations run\n");
        CAUGHT.forEach((name, checks) -> out.append("  ").append(checks.isEmpty() ? "SURVIVED " : "caught   ")
                .append(name).append(checks.isEmpty() ? "" : "  <-  " + String.join("; ", checks)).append('\n'));
        System.out.print(out);
    }

    /** Changes the one occurrence of the mutation's original text in the copy. */
    static void plant(Path runtime, Mutation m) throws IOException {
        Path file = runtime.resolve(m.file());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int at = text.indexOf(m.original());
        assertTrue(at >= 0,
                m + ": '" + m.original() + "' is not in " + m.file() + " (the kernel changed: update the list)");
        assertEquals(-1, text.indexOf(m.original(), at + 1), m + ": '" + m.original() + "' occurs more than once");
        assertNotEquals(m.original(), m.planted(), m.toString());
        Files.writeString(file, text.substring(0, at) + m.planted() + text.substring(at + m.original().length()),
                StandardCharsets.UTF_8);
    }

    /**
     * Every kernel of the mutated copy still builds under the suite's strict flags: a planted bug
     * that only breaks the build would be caught for the wrong reason.
     */
    static void buildsWarningFree(Path runtime, String what) throws Exception {
        Path objects = Files.createDirectories(runtime.resolveSibling(runtime.getFileName() + "-objects"));
        List<String> cmd = new ArrayList<>(List.of("gcc"));
        cmd.addAll(STRICT);
        cmd.add("-c");
        try (Stream<Path> files = Files.list(runtime)) {
            files.map(Path::toString).filter(f -> f.endsWith(".c")).sorted().forEach(cmd::add);
        }
        try {
            HostCompiler.run(objects, cmd, null);
        } catch (HostCompiler.ToolException e) {
            fail(what + " does not build warning-free, so it proves nothing: " + e.getMessage());
        }
    }

    /** A fresh copy of the runtime files the code generator reads (the classpath's /tflc/runtime-c). */
    static Path copyOfRuntime(String name) throws IOException {
        URL url = CGenerator.class.getResource("/tflc/runtime-c/tflc_fixed_point.h");
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IllegalStateException("/tflc/runtime-c is not a folder on the class path: " + url);
        }
        Path source;
        try {
            source = Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path copy = tmp.resolve(name);
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(source)) {
            files.forEach(f -> {
                try {
                    Files.copy(f, copy.resolve(f.getFileName()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return copy;
    }

    /** Runs {@code check} with the code generator reading the runtime from {@code runtime}. */
    static TestExecutionSummary run(Check check, Path runtime) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(check.selector())
                .configurationParameter("junit.jupiter.execution.timeout.default", "10 m")
                // a failing property stops at its first failing case and leaves the suite's own
                // database of failed samples alone
                .configurationParameter("jqwik.shrinking.default", "OFF")
                .configurationParameter("jqwik.database", tmp.resolve("jqwik-database").toString())
                .configurationParameter("jqwik.reporting.onlyfailures", "true")
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        String previous = System.setProperty(CGenerator.RUNTIME_DIR_PROPERTY, runtime.toString());
        String previousOnly = System.setProperty(PER_OP_ONLY, check.perOpOnly() == null ? "" : check.perOpOnly());
        try {
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, listener);
        } finally {
            restore(CGenerator.RUNTIME_DIR_PROPERTY, previous);
            restore(PER_OP_ONLY, previousOnly);
        }
        return listener.getSummary();
    }

    private static final String PER_OP_ONLY = "tflc.per-op.only";

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }

    /** The first failure's test and message, on one line. */
    static String failures(TestExecutionSummary s) {
        if (s.getFailures().isEmpty()) {
            return "";
        }
        TestExecutionSummary.Failure f = s.getFailures().get(0);
        String message = String.valueOf(f.getException().getMessage()).lines().findFirst().orElse("");
        if (message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        return s.getTotalFailureCount() + " failed, first " + f.getTestIdentifier().getDisplayName() + ": " + message;
    }
}
