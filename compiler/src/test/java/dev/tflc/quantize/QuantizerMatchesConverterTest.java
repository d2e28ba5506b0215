package dev.tflc.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Quantization;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorData;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quantizer's parameters and constants against TensorFlow Lite's converter's own: the float
 * MLPerf Tiny models whose int8 version in ../shared/models was converted from the same weights (ad,
 * ic, vww; kws_dscnn_float is a hybrid model with weights quantized otherwise). Given the ranges the
 * converter calibrated (read back from its activations' parameters: the real range an int8 tensor with
 * scale s and zero point z spans), the quantizer must give every activation the converter's scale and
 * zero point (the nudged zero point, SOFTMAX's fixed parameters, RESHAPE and pooling sharing their
 * input's), the same int8 weights along the same axes, and the same int32 biases.
 *
 * <p>Two known differences, both bounded here: the converter divides by its weight scales with its
 * own float/double mix, so a weight lying on a .5 tie may round the other way (2 of 36,864 in one
 * ic layer); and in channels whose weights are all but 0 (vww has some, their largest weight ~1e-30)
 * the converter enlarges the weight scale so that the bias fills half the int32 range, computing it
 * from its unrounded double input scale, which the file does not keep: those scales agree within a
 * few float steps and those biases within 256 of 2^30.
 */
class QuantizerMatchesConverterTest {
    @ParameterizedTest
    @ValueSource(strings = {"ad_autoencoder", "ic_resnet8", "vww_mobilenet"})
    void givenTheConvertersRangesTheQuantizerGivesTheConvertersModel(String name) {
        Graph f = ModelReader.read(SharedModels.root().resolve("mlperf-tiny/" + name + "_float.tflite")).main();
        Graph c = ModelReader.read(SharedModels.root().resolve("mlperf-tiny/" + name + "_int8.tflite")).main();
        Map<Integer, Range> ranges = new HashMap<>();
        for (Tensor t : c.tensors()) {
            if (!t.isConstant() && t.quantization() != null) {
                Quantization q = t.quantization();
                ranges.put(t.index(), new Range(q.scale() * (-128 - q.zeroPoint()), q.scale() * (127 - q.zeroPoint())));
            }
        }
        Graph g = Quantizer.quantize(FloatGraph.of(f), ranges, false);
        assertEquals(c.operators().size(), g.operators().size());
        int offByOne = 0;
        int weights = 0;
        for (int i = 0; i < c.operators().size(); i++) {
            Operator theirs = c.operators().get(i);
            Operator ours = g.operators().get(i);
            assertEquals(theirs.kind(), ours.kind());
            String at = name + " operator " + i + " " + theirs.kind();
            assertEquals(c.tensor(theirs.output(0)).quantization(), g.tensor(ours.output(0)).quantization(),
                    at + " output");
            if (!List.of("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED").contains(theirs.kind())) {
                continue;
            }
            Tensor wc = c.tensor(theirs.input(1));
            Tensor wq = g.tensor(ours.input(1));
            int[] bc = TensorData.of(c.tensor(theirs.input(2))).ints();
            int[] bq = TensorData.of(g.tensor(ours.input(2))).ints();
            assertEquals(wc.quantization().axis(), wq.quantization().axis(), at);
            assertEquals(wc.quantization().count(), wq.quantization().count(), at);
            for (int k = 0; k < bc.length; k++) {
                int ch = wc.quantization().isPerChannel() ? k : 0;
                boolean adjusted = Math.abs(bc[k]) >= 1 << 29;
                float sc = wc.quantization().scale(ch);
                float sq = wq.quantization().scale(ch);
                if (adjusted) {
                    assertEquals(sc, sq, 4 * Math.ulp(sc), at + " channel " + k + " adjusted weight scale");
                    assertTrue(Math.abs((long) bc[k] - bq[k]) <= 256, at + " channel " + k + " bias " + bq[k]
                            + " vs " + bc[k]);
                } else {
                    assertEquals(sc, sq, at + " channel " + k + " weight scale");
                    assertEquals(bc[k], bq[k], at + " channel " + k + " bias");
                }
            }
            byte[] dc = wc.data();
            byte[] dq = wq.data();
            for (int k = 0; k < dc.length; k++) {
                weights++;
                int d = Math.abs(dc[k] - dq[k]);
                boolean deadChannel = wc.quantization().scale(channel(wc, k)) < 1e-6;
                assertTrue(d <= 1 || deadChannel, at + " weight " + k + ": " + dq[k] + " vs " + dc[k]);
                offByOne += d == 1 && !deadChannel ? 1 : 0;
            }
        }
        assertTrue(offByOne <= 2, name + ": " + offByOne + " of " + weights + " weights one step off");
    }

    private static int channel(Tensor w, int element) {
        Quantization q = w.quantization();
        if (!q.isPerChannel()) {
            return 0;
        }
        int inner = 1;
        for (int i = q.axis() + 1; i < w.shape().rank(); i++) {
            inner *= w.shape().dim(i);
        }
        return (element / inner) % q.count();
    }
}
